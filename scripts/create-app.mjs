#!/usr/bin/env node
// `npm run create -- ../my-app [options]` from a clone of this repository: builds and packs
// every package, then runs create-cinder with those tarballs vendored into the new app
// (`vendor/cinder/*.tgz`, referenced as `file:`), so the app installs with nothing but the npm
// registry for third-party packages — no Cinder release needed. Options are create-cinder's
// (--yes, --overwrite, --package-manager, --no-install, --no-git).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { packPackages } from "./pack-packages.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
// npm runs scripts in the repository root; the folder is meant relative to where the user typed it.
const userDirectory = process.env.INIT_CWD ?? process.cwd();
const folderIndex = args.findIndex((arg) => !arg.startsWith("-"));
if (folderIndex === -1) {
  console.error("Name the folder for the new app: npm run create -- ../my-app");
  process.exit(1);
}
const folder = args[folderIndex];
args[folderIndex] = isAbsolute(folder) ? folder : resolve(userDirectory, folder);

const outDir = mkdtempSync(join(tmpdir(), "cinder-packages-"));
try {
  const packed = await packPackages({ outDir, log: () => {} });
  const vendored = packed.filter((entry) => entry.name !== "create-cinder").flatMap((entry) => ["--vendor-from", entry.tarball]);
  const result = spawnSync(process.execPath, [join(root, "packages/create-cinder/bin/create-cinder.js"), ...args, ...vendored], { stdio: "inherit", cwd: userDirectory });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
