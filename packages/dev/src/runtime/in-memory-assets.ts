import type { FastifyBaseLogger } from "fastify";
import { ASSETS_URL_PREFIX, assetBuildOptions } from "../build/asset-build.js";
import { formatMessages, isBuildFailure } from "../build/build-messages.js";
import type { ProjectConfig } from "../project/project-config.js";
import { contentTypeOf } from "./static-files.js";

export interface InMemoryAssets {
  /** By path below `/assets/`: `app.js`, `app.css`, files the CSS references. */
  readonly files: ReadonlyMap<string, { readonly contents: Uint8Array; readonly contentType: string }>;
}

/**
 * Bundles the asset entries once, in memory, with plain names (tests and plain runs: nothing to
 * build first, nothing written to disk). A failed build is logged and leaves the assets empty:
 * the app still starts, so its server-side tests can run while the browser code is broken.
 */
export async function buildAssetsInMemory(config: ProjectConfig, log: FastifyBaseLogger): Promise<InMemoryAssets> {
  const files = new Map<string, { contents: Uint8Array; contentType: string }>();
  if (config.assetEntries.length === 0) return { files };
  const { build } = await import("esbuild");
  const outdir = `${config.root}${ASSETS_URL_PREFIX}`;
  try {
    const result = await build({ ...assetBuildOptions(config.assetEntries, { outdir, production: false }), absWorkingDir: config.root, write: false });
    for (const output of result.outputFiles) {
      const name = output.path.slice(outdir.length).split("\\").join("/");
      files.set(name, { contents: output.contents, contentType: contentTypeOf(name) });
    }
  } catch (error) {
    const detail = isBuildFailure(error) ? formatMessages(error.errors) : String(error);
    log.error({ code: "CINDER_DEV_BUILD_FAILED" }, `The browser assets did not build, so /assets/* answers 404:\n${detail}`);
  }
  return { files };
}
