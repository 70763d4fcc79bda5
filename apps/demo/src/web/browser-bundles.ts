import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Which LiveView client the live pages load: Cinder's own `LiveSocket` (the default), or the
 * official `phoenix` + `phoenix_live_view` clients, which the conformance and end-to-end tests
 * swap in to prove that both drive the same server.
 */
export type LiveClientKind = "cinder" | "official";

export const LIVE_CLIENT_KINDS: readonly LiveClientKind[] = ["cinder", "official"];

/** The browser entry points; `../../assets` is the same from `src/web` (tests) and `dist/web` (npm start). */
const ASSETS_DIRECTORY = new URL("../../assets/", import.meta.url);

/**
 * The official clients are not dependencies of the demo: they are installed for the tests, in
 * `tests/node_modules`, and only bundled from there when a test asks for them.
 */
const OFFICIAL_CLIENT_MODULES = fileURLToPath(new URL("../../../../tests/node_modules/", import.meta.url));

export interface BrowserScripts {
  /** `/assets/chat.js`: the channel chat page. */
  readonly chat: string;
  /** `/assets/live.js`: the LiveSocket of the live pages, with the demo's hooks. */
  readonly live: string;
}

/**
 * Bundles the browser scripts from the workspace sources (`@cinder/source` condition), so the
 * demo always runs the client as it is in the tree, without a separate build step.
 */
export async function bundleBrowserScripts(options: { minify: boolean; liveClient: LiveClientKind }): Promise<BrowserScripts> {
  const liveEntry = options.liveClient === "official" ? "live-official.ts" : "live-cinder.ts";
  const liveNodePaths = options.liveClient === "official" ? [officialClientModules()] : [];
  const [chat, live] = await Promise.all([bundle("chat.ts", options.minify, []), bundle(liveEntry, options.minify, liveNodePaths)]);
  return { chat, live };
}

function officialClientModules(): string {
  if (!existsSync(`${OFFICIAL_CLIENT_MODULES}phoenix_live_view`)) {
    throw new Error(
      `liveClient "official" bundles phoenix and phoenix_live_view from ${OFFICIAL_CLIENT_MODULES}, where they are not installed: ` +
        'run the workspace install (npm test does), or use liveClient "cinder".',
    );
  }
  return OFFICIAL_CLIENT_MODULES;
}

async function bundle(entry: string, minify: boolean, nodePaths: string[]): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, ASSETS_DIRECTORY))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@cinder/source"],
    nodePaths,
    minify,
    sourcemap: minify ? false : "inline",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for assets/${entry}`);
  return output.text;
}
