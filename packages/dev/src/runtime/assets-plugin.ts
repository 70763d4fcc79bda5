import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { devError } from "../dev-errors.js";
import { ASSETS_URL_PREFIX, assetNameOf, MANIFEST_FILE, type AssetManifest } from "../build/asset-build.js";
import { loadProjectConfig, staticOutDir, type ProjectConfig } from "../project/project-config.js";
import { buildAssetsInMemory, type InMemoryAssets } from "./in-memory-assets.js";
import { findStaticFile, IMMUTABLE_CACHE, REVALIDATE_CACHE, sendStaticFile } from "./static-files.js";

/**
 * How the app gets its browser files:
 * - `"built"` — `cinder start` / production: what `cinder build` wrote, digested names, cached for a year;
 * - `"dev-server"` — under `cinder dev`, which serves `/assets/*` itself from its watcher;
 * - `"on-demand"` — anything else (tests, a plain `node` run): the entries are bundled in memory when the app starts.
 */
export type AssetsMode = "built" | "dev-server" | "on-demand";

export interface CinderAssetsOptions {
  /** The app's folder (its package.json). Default: `CINDER_PROJECT_ROOT`, set by the `cinder` command, else the current directory. */
  readonly root?: string;
  /** Default: `"built"` when NODE_ENV is production, `"dev-server"` under `cinder dev`, else `"on-demand"`. */
  readonly mode?: AssetsMode;
}

/** What layouts use to link the app's assets: `assets.url("app.css")` → `/assets/app-5XK2QW.css` in production. */
export interface Assets {
  readonly mode: AssetsMode;
  /** The URL of an asset entry by its name (`assets/app.ts` → `"app.js"`). Throws for a name that is not an entry. */
  url(name: string): string;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The app's browser assets (`@cinder/dev`'s `cinderAssets` plugin). */
    assets: Assets;
  }
}

async function cinderAssetsPlugin(app: FastifyInstance, options: CinderAssetsOptions): Promise<void> {
  const config = loadProjectConfig(options.root ?? process.env["CINDER_PROJECT_ROOT"] ?? process.cwd());
  const mode = options.mode ?? defaultMode();
  const entryNames = config.assetEntries.map(assetNameOf);
  servePublicFiles(app, config.publicDir, mode === "built" ? REVALIDATE_CACHE : "no-cache");

  if (mode === "built") {
    const manifest = readManifest(config);
    const assetsDir = join(staticOutDir(config), ASSETS_URL_PREFIX.slice(1, -1));
    app.decorate("assets", { mode, url: (name: string) => `${ASSETS_URL_PREFIX}${lookUp(manifest, name, entryNames)}` } satisfies Assets);
    app.get(`${ASSETS_URL_PREFIX}*`, async (request, reply) => {
      const file = findStaticFile(assetsDir, (request.params as { "*": string })["*"]);
      if (file === undefined) return reply.callNotFound();
      // Only digested names are immutable; a name without the build's hash may be replaced by the next deploy.
      const digested = Object.values(manifest).some((output) => file.path.endsWith(output)) || /-[A-Z0-9]{8}\.\w+(\.map)?$/.test(file.path);
      return sendStaticFile(request, reply, file, digested ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
    });
    return;
  }

  const url = (name: string): string => `${ASSETS_URL_PREFIX}${lookUp(Object.fromEntries(entryNames.map((entry) => [entry, entry])), name, entryNames)}`;
  app.decorate("assets", { mode, url } satisfies Assets);
  if (mode === "dev-server") return;

  let built: InMemoryAssets | undefined;
  app.addHook("onReady", async () => {
    built = await buildAssetsInMemory(config, app.log);
  });
  app.get(`${ASSETS_URL_PREFIX}*`, async (request, reply) => {
    const output = built?.files.get((request.params as { "*": string })["*"]);
    if (output === undefined) return reply.callNotFound();
    return reply.type(output.contentType).header("cache-control", "no-cache").send(output.contents);
  });
}

/**
 * Serves the app's browser assets and decorates the app with `app.assets` for its layouts. In
 * production it serves what `cinder build` wrote (digested names, `immutable` caching, ETags)
 * and refuses to start without a build; in tests and plain runs it bundles the entries in memory;
 * under `cinder dev` the dev server serves them (rebuilt on every save). Files in `public/`
 * are served at `/` in every mode.
 *
 * @example
 * ```ts
 * await app.register(cinderAssets);
 * await app.register(cinderLive, {
 *   layout: (page) => html`…<link rel="stylesheet" href=${app.assets.url("app.css")}>
 *     <script type="module" src=${app.assets.url("app.js")}></script>…`,
 *   …
 * });
 * ```
 */
export const cinderAssets = fastifyPlugin(cinderAssetsPlugin, { name: "@cinder/dev/assets", fastify: "5.x" });

function defaultMode(): AssetsMode {
  if (process.env["NODE_ENV"] === "production") return "built";
  if (process.env["CINDER_DEV_SERVER"] === "1") return "dev-server";
  return "on-demand";
}

function readManifest(config: ProjectConfig): AssetManifest {
  const file = join(config.outDir, MANIFEST_FILE);
  if (!existsSync(file)) throw devError("CINDER_DEV_NO_BUILD", relative(config.root, file));
  return JSON.parse(readFileSync(file, "utf8")) as AssetManifest;
}

function lookUp(manifest: AssetManifest, name: string, entryNames: readonly string[]): string {
  const output = manifest[name];
  if (output === undefined) throw devError("CINDER_DEV_UNKNOWN_ASSET", name, entryNames.length === 0 ? "(none: add assets/app.ts)" : entryNames.join(", "));
  return output;
}

/** One GET route per file of `public/` (`/favicon.svg`, `/robots.txt`): no catch-all, so the app's 404 handling stays its own. */
function servePublicFiles(app: FastifyInstance, publicDir: string, cacheControl: string): void {
  if (!existsSync(publicDir)) return;
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory)) {
      if (entry.startsWith(".")) continue;
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) {
        visit(path);
        continue;
      }
      const urlPath = relative(publicDir, path).split("\\").join("/");
      app.get(`/${urlPath}`, async (request, reply) => {
        const file = findStaticFile(publicDir, urlPath);
        return file === undefined ? reply.callNotFound() : sendStaticFile(request, reply, file, cacheControl);
      });
    }
  };
  visit(publicDir);
}
