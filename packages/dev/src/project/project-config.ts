import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { devError } from "../dev-errors.js";

/**
 * Where things are in a Cinder app. Convention first (what the starter uses), overridable in
 * the app's package.json under `"cinder"`:
 *
 * ```json
 * { "cinder": { "server": "src/server.ts", "app": "src/app.ts", "assets": ["assets/app.ts", "assets/app.css"],
 *               "public": "public", "outDir": "dist" } }
 * ```
 */
export interface ProjectConfig {
  /** The folder holding the app's package.json; every other path is absolute. */
  readonly root: string;
  /** The server entry: creates the app and listens (`serve(app)`). */
  readonly serverEntry: string;
  /** The module exporting `createApp()`, for tools that need the app without a listening server (`cinder routes`). */
  readonly appModule: string;
  /** Browser entry points, each served as `/assets/<name>.<js|css>`. */
  readonly assetEntries: readonly string[];
  /** Files served as they are at `/` (favicon, robots.txt). */
  readonly publicDir: string;
  /** `cinder build` output: `<outDir>/server/server.js` and `<outDir>/static/`. */
  readonly outDir: string;
}

interface ConfigOverrides {
  server?: unknown;
  app?: unknown;
  assets?: unknown;
  public?: unknown;
  outDir?: unknown;
}

const DEFAULT_ASSET_ENTRIES = ["assets/app.ts", "assets/app.css"];

/** Reads the project at `root` (default: the current directory). Throws a coded error when it is not one. */
export function loadProjectConfig(root: string = process.cwd()): ProjectConfig {
  const absoluteRoot = resolve(root);
  const manifestPath = join(absoluteRoot, "package.json");
  if (!existsSync(manifestPath)) throw devError("CINDER_DEV_NOT_A_PROJECT", absoluteRoot);
  let manifest: { cinder?: ConfigOverrides };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { cinder?: ConfigOverrides };
  } catch (error) {
    throw devError("CINDER_DEV_INVALID_CONFIG", manifestPath, `is not valid JSON (${(error as Error).message})`);
  }
  const overrides = manifest.cinder ?? {};
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw devError("CINDER_DEV_INVALID_CONFIG", manifestPath, `"cinder" must be an object`);
  }
  const path = (key: keyof ConfigOverrides, fallback: string): string => {
    const value = overrides[key] ?? fallback;
    if (typeof value !== "string" || value === "") throw devError("CINDER_DEV_INVALID_CONFIG", manifestPath, `"cinder.${key}" must be a path relative to the project, got ${JSON.stringify(value)}`);
    return isAbsolute(value) ? value : join(absoluteRoot, value);
  };
  const assets = overrides.assets ?? DEFAULT_ASSET_ENTRIES.filter((entry) => existsSync(join(absoluteRoot, entry)));
  if (!Array.isArray(assets) || assets.some((entry) => typeof entry !== "string" || entry === "")) {
    throw devError("CINDER_DEV_INVALID_CONFIG", manifestPath, `"cinder.assets" must be a list of entry files, e.g. ["assets/app.ts", "assets/app.css"]`);
  }
  return {
    root: absoluteRoot,
    serverEntry: path("server", "src/server.ts"),
    appModule: path("app", "src/app.ts"),
    assetEntries: (assets as string[]).map((entry) => (isAbsolute(entry) ? entry : join(absoluteRoot, entry))),
    publicDir: path("public", "public"),
    outDir: path("outDir", "dist"),
  };
}

/** `<outDir>/static`: the browser's files after `cinder build` (digested assets, public files, manifest). */
export function staticOutDir(config: Pick<ProjectConfig, "outDir">): string {
  return join(config.outDir, "static");
}

/** `<outDir>/server/server.js`: the bundled server entry after `cinder build`. */
export function serverOutFile(config: Pick<ProjectConfig, "outDir">): string {
  return join(config.outDir, "server", "server.js");
}
