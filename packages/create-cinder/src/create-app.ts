import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { appManifest, type CinderDependencies } from "./app-manifest.js";
import { withAppName, withFreshSecret, withReadmeTitle } from "./app-files.js";
import { displayNameOf, problemWithName } from "./project-name.js";
import { targetNameOf, templateDirectory, templateFiles } from "./template-files.js";

export interface CreateAppOptions {
  /** The new app's folder; its last segment is the package name. */
  readonly targetDir: string;
  /** Empty a non-empty folder first (its .git is kept). */
  readonly overwrite?: boolean;
  /** Depend on Cinder from the registry (default, at the version of this create-cinder) or on tarballs to copy into the app. */
  readonly cinder?: CinderDependencies | { readonly kind: "vendor-from"; readonly tarballs: readonly string[] };
  /** Where the template is. Default: the one shipped with create-cinder. */
  readonly templateDir?: string;
}

export interface CreatedApp {
  readonly directory: string;
  readonly packageName: string;
  readonly displayName: string;
  readonly files: readonly string[];
}

export class CreateAppError extends Error {
  override readonly name = "CreateAppError";
}

/** The folder for vendored tarballs inside the new app. */
export const VENDOR_DIRECTORY = "vendor/cinder";

/**
 * Writes a new app from the starter into `targetDir`: the template's files, its package.json
 * made the app's, fresh development and test secrets, the app's name in its config and README.
 * Refuses a folder that has files in it (unless `overwrite`) and a name npm would refuse.
 */
export function createApp(options: CreateAppOptions): CreatedApp {
  const directory = resolve(options.targetDir);
  const packageName = basename(directory);
  const problem = problemWithName(packageName);
  if (problem !== undefined) throw new CreateAppError(`"${packageName}" cannot be the app's name: ${problem}. Pick a folder name like my-app.`);
  prepareDirectory(directory, options.overwrite === true);

  const templateDir = options.templateDir ?? templateDirectory();
  const displayName = displayNameOf(packageName);
  const cinder = vendorTarballs(directory, options.cinder ?? { kind: "registry", range: `^${ownVersion()}` });
  const written: string[] = [];
  for (const templatePath of templateFiles(templateDir)) {
    const target = join(directory, targetNameOf(templatePath));
    mkdirSync(dirname(target), { recursive: true });
    const source = join(templateDir, templatePath);
    const transform = transformFor(templatePath, { packageName, displayName, cinder });
    if (transform === undefined) copyFileSync(source, target);
    else writeFileSync(target, transform(readFileSync(source, "utf8")));
    written.push(targetNameOf(templatePath));
  }
  return { directory, packageName, displayName, files: written };
}

function transformFor(path: string, app: { packageName: string; displayName: string; cinder: CinderDependencies }): ((text: string) => string) | undefined {
  switch (path) {
    case "package.json":
      return (text) => appManifest(text, app.packageName, app.cinder);
    case ".env.development":
    case ".env.test":
      return withFreshSecret;
    case "src/config.ts":
      return (text) => withAppName(text, app.displayName);
    case "README.md":
      return (text) => withReadmeTitle(text, app.displayName);
    default:
      return undefined;
  }
}

function prepareDirectory(directory: string, overwrite: boolean): void {
  if (!existsSync(directory)) {
    mkdirSync(directory, { recursive: true });
    return;
  }
  const entries = readdirSync(directory).filter((entry) => entry !== ".git");
  if (entries.length === 0) return;
  if (!overwrite) throw new CreateAppError(`${directory} is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", …" : ""}). Pick a new folder, or pass --overwrite to empty it first (its .git is kept).`);
  for (const entry of entries) rmSync(join(directory, entry), { recursive: true, force: true });
}

/** Copies tarballs into the app's vendor folder and names them by package (read from each tarball's file name). */
function vendorTarballs(directory: string, cinder: NonNullable<CreateAppOptions["cinder"]>): CinderDependencies {
  if (cinder.kind !== "vendor-from") return cinder;
  const vendor = join(directory, VENDOR_DIRECTORY);
  mkdirSync(vendor, { recursive: true });
  const tarballs: Record<string, string> = {};
  for (const tarball of cinder.tarballs) {
    const file = basename(tarball);
    const name = packageNameOfTarball(file);
    copyFileSync(tarball, join(vendor, file));
    tarballs[name] = `${VENDOR_DIRECTORY}/${file}`;
  }
  return { kind: "vendored", tarballs };
}

/** npm pack's names: `cinder-server-0.1.0.tgz` is @cinder/server, `create-cinder-0.1.0.tgz` is create-cinder. */
export function packageNameOfTarball(file: string): string {
  const match = /^(.*)-\d+\.\d+\.\d+(?:-[\w.]+)?\.tgz$/.exec(file);
  if (match === null) throw new CreateAppError(`${file} does not look like a tarball from npm pack (name-1.2.3.tgz)`);
  const stem = match[1] ?? "";
  return stem.startsWith("cinder-") ? `@cinder/${stem.slice("cinder-".length)}` : stem;
}

function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}
