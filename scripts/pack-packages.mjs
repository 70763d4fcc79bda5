#!/usr/bin/env node
// Packs every public package under packages/ into a tarball that plain `npm install` accepts.
//
//   node scripts/pack-packages.mjs --out <dir> [--no-build]     (`npm run pack` → dist/packages/)
//
// `npm pack` inside the workspace would ship `"@cinder/protocol": "workspace:*"`, which npm
// cannot install (EUNSUPPORTEDPROTOCOL). So each package is staged in a temporary folder with
// what npm would ship (its `files`, package.json, README, LICENSE) and a rewritten manifest:
// workspace ranges become the concrete versions, devDependencies go, and the `@cinder/source`
// export condition (workspace-internal: it points vitest and esbuild at src/*.ts) is removed.
// `npm pack` then runs in the staging folder. Packages marked `"private": true` are skipped.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { realpathSync } from "node:fs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies"];
const SOURCE_CONDITION = "@cinder/source";
/** What npm ships from a package folder whatever `files` says. */
const ALWAYS_SHIPPED = /^(readme|licen[cs]e)(\.[^/]*)?$/i;
/** Build leftovers that `files: ["dist"]` would otherwise sweep in. */
const NEVER_SHIPPED = (name) => name === "node_modules" || name === ".DS_Store" || name.endsWith(".tsbuildinfo");

/**
 * Packs every non-private `packages/*` into `outDir` and resolves with one entry per tarball
 * (absolute paths), in package-folder order. Runs `npm run build` first unless `build: false`.
 * Throws (before packing anything) when a package would not install or not load: a `workspace:`
 * range naming no public workspace package, or a file named by exports/bin/types/main missing.
 *
 * @param {{ outDir: string, build?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<Array<{ name: string, version: string, tarball: string }>>}
 */
export async function packPackages({ outDir, build = true, log = (line) => process.stdout.write(`${line}\n`) }) {
  if (typeof outDir !== "string" || outDir === "") throw new Error("packPackages: outDir is required");
  const destination = resolve(outDir);
  if (build) await run("npm", ["run", "build"], root, "npm run build");

  const workspace = await readWorkspace();
  const publicPackages = workspace.filter((pkg) => pkg.folder.startsWith("packages/") && pkg.manifest.private !== true);
  if (publicPackages.length === 0) throw new Error("packPackages: no public package under packages/");

  const staging = await mkdtemp(join(tmpdir(), "cinder-pack-"));
  try {
    const staged = [];
    for (const pkg of publicPackages) staged.push(await stage(pkg, workspace, join(staging, basename(pkg.folder))));
    await mkdir(destination, { recursive: true });
    const packed = await Promise.all(
      staged.map(async ({ name, version, directory }) => {
        const output = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], directory, `npm pack of ${name}`);
        const [result] = JSON.parse(output.stdout);
        return { name, version, tarball: join(destination, result.filename), size: result.size };
      }),
    );
    for (const { name, version, tarball, size } of packed) log(`${name}@${version}  ${relative(process.cwd(), tarball) || tarball}  (${(size / 1024).toFixed(1)} kB)`);
    return packed.map(({ name, version, tarball }) => ({ name, version, tarball }));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Every workspace package (pnpm-workspace.yaml's `packages:` globs) with its folder and manifest. */
async function readWorkspace() {
  const yaml = await readFile(join(root, "pnpm-workspace.yaml"), "utf8");
  const patterns = [];
  let inPackages = false;
  for (const line of yaml.split("\n")) {
    if (/^packages:\s*$/.test(line)) inPackages = true;
    else if (inPackages && /^\s+-\s+/.test(line)) patterns.push(line.replace(/^\s+-\s+/, "").replace(/\s+#.*$/, "").replace(/^["']|["']$/g, ""));
    else if (inPackages && /^\S/.test(line)) inPackages = false;
  }
  const folders = [];
  for (const pattern of patterns) {
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const parent = pattern.slice(0, -2);
      const entries = await readdir(join(root, parent), { withFileTypes: true }).catch(() => []);
      folders.push(...entries.filter((entry) => entry.isDirectory()).map((entry) => `${parent}/${entry.name}`).sort());
    } else if (!/[*?{[!]/.test(pattern)) {
      folders.push(pattern);
    } else {
      throw new Error(`packPackages: pnpm-workspace.yaml pattern "${pattern}" is not supported (only "dir" and "dir/*")`);
    }
  }
  const workspace = [];
  for (const folder of folders) {
    const manifestPath = join(root, folder, "package.json");
    if (!(await exists(manifestPath))) continue;
    workspace.push({ folder, manifest: JSON.parse(await readFile(manifestPath, "utf8")) });
  }
  return workspace;
}

/** Copies what npm would ship of one package into `directory` and writes its install-ready manifest. */
async function stage(pkg, workspace, directory) {
  const { folder, manifest } = pkg;
  const name = manifest.name ?? folder;
  const source = join(root, folder);
  if (typeof manifest.version !== "string") throw new Error(`${name} (${folder}/package.json) has no version`);
  if (!Array.isArray(manifest.files)) throw new Error(`${name} (${folder}/package.json) has no "files" list; without one npm would ship the whole folder`);
  await mkdir(directory, { recursive: true });

  for (const entry of manifest.files) {
    const path = String(entry).replace(/^\.\//, "").replace(/\/$/, "");
    if (/[*?{[!]/.test(path)) throw new Error(`${name}: "files" entry "${entry}" is a glob; pack-packages supports plain paths only`);
    if (path.startsWith("..") || path.startsWith("/")) throw new Error(`${name}: "files" entry "${entry}" points outside the package`);
    const from = join(source, path);
    if (!(await exists(from))) throw new Error(`${name}: "files" lists "${entry}" but ${folder}/${path} does not exist${path.startsWith("dist") ? " — build first (npm run build)" : ""}`);
    await cp(from, join(directory, path), { recursive: true, filter: (file) => !NEVER_SHIPPED(basename(file)) });
  }
  for (const entry of await readdir(source)) {
    if (ALWAYS_SHIPPED.test(entry)) await cp(join(source, entry), join(directory, entry));
  }

  const published = publishedManifest(manifest, workspace);
  await writeFile(join(directory, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
  await checkEntryPoints(published, directory, name);
  return { name, version: manifest.version, directory };
}

/** The manifest a user installs: concrete versions, no devDependencies, no workspace-only condition. */
function publishedManifest(manifest, workspace) {
  const published = structuredClone(manifest);
  delete published.devDependencies;
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dependency, range] of Object.entries(published[field] ?? {})) {
      if (typeof range !== "string" || !range.startsWith("workspace:")) continue;
      published[field][dependency] = concreteRange(manifest.name, dependency, range, workspace);
    }
  }
  if (published.exports !== undefined) published.exports = withoutSourceCondition(published.exports);
  if (published.imports !== undefined) published.imports = withoutSourceCondition(published.imports);
  return published;
}

function concreteRange(dependent, dependency, range, workspace) {
  const target = workspace.find((pkg) => pkg.manifest.name === dependency);
  if (target === undefined) {
    throw new Error(`${dependent} depends on "${dependency}": "${range}", but no workspace package is named ${dependency} (packages: ${workspace.map((pkg) => pkg.manifest.name).join(", ")})`);
  }
  if (target.manifest.private === true) {
    throw new Error(`${dependent} depends on "${dependency}": "${range}", but ${dependency} is private, so it is not packed and a user could not install it`);
  }
  const version = target.manifest.version;
  const rest = range.slice("workspace:".length);
  if (rest === "*") return version;
  if (rest === "^" || rest === "~") return `${rest}${version}`;
  if (rest.includes("@") || rest === "") throw new Error(`${dependent} depends on "${dependency}": "${range}", a workspace range form pack-packages does not support`);
  return rest; // `workspace:^1.2.0` publishes as `^1.2.0`, as pnpm does
}

function withoutSourceCondition(value) {
  if (Array.isArray(value)) return value.map(withoutSourceCondition);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== SOURCE_CONDITION).map(([key, inner]) => [key, withoutSourceCondition(inner)]));
}

/** Every file the manifest points a resolver at must be in the tarball. */
async function checkEntryPoints(manifest, directory, name) {
  const targets = [];
  const collect = (value, where) => {
    if (typeof value === "string") targets.push({ path: value, where });
    else if (Array.isArray(value)) value.forEach((inner) => collect(inner, where));
    else if (value !== null && typeof value === "object") for (const [key, inner] of Object.entries(value)) collect(inner, `${where} → ${key}`);
  };
  collect(manifest.exports, "exports");
  collect(manifest.imports, "imports");
  for (const field of ["main", "module", "types", "typings", "browser"]) if (typeof manifest[field] === "string") collect(manifest[field], field);
  collect(typeof manifest.bin === "string" ? { [name]: manifest.bin } : manifest.bin, "bin");

  const missing = [];
  for (const { path, where } of targets) {
    if (!path.startsWith("./") && where.startsWith("imports")) continue; // `#x: "some-package"` maps to a dependency
    const relativePath = path.replace(/^\.\//, "");
    // For a subpath pattern (`./features/*.js`), the folder before the `*` must at least be there.
    const checked = relativePath.includes("*") ? dirname(relativePath.slice(0, relativePath.indexOf("*")) + "x") : relativePath;
    if (!(await exists(join(directory, checked)))) missing.push(`${where}: ${path}`);
  }
  if (missing.length > 0) {
    throw new Error(`${name}: the package would not contain files its package.json points at (not built? run npm run build; or not in "files"?):\n  ${missing.join("\n  ")}`);
  }
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Runs a command, collecting its output; rejects with that output when it fails. */
function run(command, args, cwd, what) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`}) in ${cwd}:\n${stdout}${stderr}`));
    });
  });
}

function parseArguments(argv) {
  const options = { outDir: join(root, "dist/packages"), build: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--out") {
      const value = argv[++index];
      if (value === undefined || value.startsWith("--")) throw new Error("--out needs a directory");
      options.outDir = resolve(value);
    } else if (argument.startsWith("--out=")) options.outDir = resolve(argument.slice("--out=".length));
    else if (argument === "--no-build") options.build = false;
    else if (argument === "--help" || argument === "-h") options.help = true;
    else throw new Error(`unknown argument ${argument}`);
  }
  return options;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  try {
    const options = parseArguments(process.argv.slice(2));
    if (options.help) {
      process.stdout.write("usage: node scripts/pack-packages.mjs [--out <dir>] [--no-build]\n  default --out: dist/packages at the repository root\n");
    } else {
      await packPackages(options);
    }
  } catch (error) {
    process.stderr.write(`pack-packages: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
