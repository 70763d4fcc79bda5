import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { CinderDevError, devError, devErrorMessage } from "../dev-errors.js";
import { serverOutFile, staticOutDir, type ProjectConfig } from "../project/project-config.js";
import { ASSETS_URL_PREFIX, assetBuildOptions, MANIFEST_FILE, manifestFromMetafile, type AssetManifest } from "./asset-build.js";
import { formatMessages, isBuildFailure } from "./build-messages.js";

export interface BuildReport {
  readonly serverFile: string;
  readonly manifest: AssetManifest;
  /** Every file written, relative to the project, with its size in bytes. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
  readonly milliseconds: number;
}

/**
 * `cinder build`: the server entry bundled into one ESM file (dependencies stay in node_modules,
 * source map beside it) and the browser assets minified with digested names, plus the public
 * folder, into `<outDir>`. The previous build is removed first, so nothing stale is served.
 */
export async function buildProject(config: ProjectConfig): Promise<BuildReport> {
  const started = performance.now();
  if (!existsSync(config.serverEntry)) throw devError("CINDER_DEV_MISSING_ENTRY", "server entry", relative(config.root, config.serverEntry));
  rmSync(config.outDir, { recursive: true, force: true });
  const staticDir = staticOutDir(config);
  const assetsDir = join(staticDir, ASSETS_URL_PREFIX.slice(1, -1));
  mkdirSync(assetsDir, { recursive: true });
  if (existsSync(config.publicDir)) cpSync(config.publicDir, staticDir, { recursive: true });

  const [assets] = await Promise.all([
    config.assetEntries.length === 0
      ? Promise.resolve(undefined)
      : withReadableFailure(build({ ...assetBuildOptions(config.assetEntries, { outdir: assetsDir, production: true }), absWorkingDir: config.root })),
    withReadableFailure(
      build({
        entryPoints: [config.serverEntry],
        outfile: serverOutFile(config),
        absWorkingDir: config.root,
        bundle: true,
        // Dependencies are installed next to the app in production too: leaving them out keeps
        // the bundle small and their own files (templates, wasm, native addons) where they expect.
        packages: "external",
        platform: "node",
        format: "esm",
        target: "node20",
        sourcemap: true,
        logLevel: "silent",
      }),
    ),
  ]);
  const manifest = assets?.metafile === undefined ? {} : manifestFromMetafile(assets.metafile, assetsDir, config.root);
  writeFileSync(join(config.outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = listFiles(config.outDir).map((path) => ({ path: relative(config.root, path), bytes: statSync(path).size }));
  return { serverFile: serverOutFile(config), manifest, files, milliseconds: performance.now() - started };
}

async function withReadableFailure<T>(running: Promise<T>): Promise<T> {
  try {
    return await running;
  } catch (error) {
    if (isBuildFailure(error)) throw new CinderDevError("CINDER_DEV_BUILD_FAILED", devErrorMessage("CINDER_DEV_BUILD_FAILED", formatMessages(error.errors)), { cause: error });
    throw error;
  }
}

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else found.push(path);
  };
  visit(directory);
  return found;
}
