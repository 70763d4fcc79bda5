import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** Never part of a new app: what installing, building or running the template left behind. */
const SKIPPED = new Set(["node_modules", "dist", ".cinder", ".cache", "coverage", ".env.local", ".turbo"]);

/**
 * Where the starter is: `template/` inside the published package (copied from apps/starter when
 * the package is built), or apps/starter itself when running from a clone of the repository.
 */
export function templateDirectory(): string {
  const packaged = fileURLToPath(new URL("../template/", import.meta.url));
  if (existsSync(join(packaged, "package.json"))) return packaged;
  const inRepository = fileURLToPath(new URL("../../../apps/starter/", import.meta.url));
  if (existsSync(join(inRepository, "package.json"))) return inRepository;
  throw new Error(`create-cinder cannot find its template (looked in ${packaged} and ${inRepository}); reinstall create-cinder.`);
}

/** Every file of the template, relative to it, in a stable order. */
export function templateFiles(directory: string): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    for (const entry of readdirSync(path).sort()) {
      if (SKIPPED.has(entry) || entry.endsWith(".tsbuildinfo") || entry.endsWith(".log")) continue;
      const full = join(path, entry);
      if (statSync(full).isDirectory()) visit(full);
      else files.push(relative(directory, full));
    }
  };
  visit(directory);
  return files;
}

/**
 * Files npm would drop or rename when publishing, stored under another name in the template:
 * `_gitignore` becomes `.gitignore` (npm never packs a .gitignore).
 */
export function targetNameOf(templatePath: string): string {
  return templatePath
    .split("/")
    .map((segment) => (segment === "_gitignore" ? ".gitignore" : segment))
    .join("/");
}
