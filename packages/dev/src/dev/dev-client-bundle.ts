import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * The browser side of `cinder dev` (../../browser/dev-client.ts), bundled once when the dev
 * server starts: it uses @cinder/client's Socket, resolved from this package's own dependencies.
 */
export async function bundleDevClient(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../../browser/dev-client.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}
