import { build } from "esbuild";
import { createRequire } from "node:module";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The official phoenix_live_view 1.2.12 `Rendered` class (diff merge + tree → HTML), bundled from
 * the npm package's sources at test time. It is our oracle for the merge and render semantics of
 * `@cinder/protocol`; nothing of it is committed or shipped.
 */
export interface OfficialRendered {
  mergeDiff(diff: unknown): void;
  toString(onlyCids?: number[]): { buffer: string; streams: Set<unknown> };
  componentCIDs(diff: unknown): number[];
  isComponentOnlyDiff(diff: unknown): boolean;
  pruneCIDs(cids: number[]): void;
}
export type OfficialRenderedClass = new (viewId: string, rendered: unknown) => OfficialRendered;

export async function loadOfficialRendered(): Promise<OfficialRenderedClass> {
  const require = createRequire(import.meta.url);
  // The package exports only its bundles; its sources sit two folders above the CommonJS one.
  const packageRoot = join(dirname(require.resolve("phoenix_live_view")), "..", "..");
  const entry = join(packageRoot, "assets/js/phoenix_live_view/rendered.js");
  const outfile = join(mkdtempSync(join(tmpdir(), "cinder-official-rendered-")), "rendered.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile,
    logLevel: "error",
    // The module only touches `window` to find structuredClone and to report diagnostics.
    banner: { js: "const window = globalThis;" },
  });
  const module = (await import(pathToFileURL(outfile).href)) as { default: OfficialRenderedClass };
  return module.default;
}
