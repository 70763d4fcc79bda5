// Sizes of a LiveView application's client bundle, built the way an app would build it: one entry
// that starts a LiveSocket, bundled and minified by esbuild, then gzip- and brotli-compressed.
// Shared by the benchmark suite and the size guard in the test suite.
import { build } from "esbuild";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const testsRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const liveAppEntries = {
  cinder: `import { LiveSocket } from "@cinder/client";
new LiveSocket("/live", { params: { _csrf_token: "t" } }).connect();`,
  official: `import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
new LiveSocket("/live", Socket, { params: { _csrf_token: "t" } }).connect();`,
};

export async function measureBundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: testsRoot, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    conditions: ["@cinder/source"],
    write: false,
    legalComments: "none",
    logLevel: "error",
  });
  const bytes = result.outputFiles[0].contents;
  return {
    minified: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
