import { build } from "esbuild";
import { fileURLToPath } from "node:url";

/** The browser entry point; `../assets` is the same from `src/` (tests) and `dist/` (npm start). */
const CHAT_SCRIPT_ENTRY = fileURLToPath(new URL("../../assets/chat.ts", import.meta.url));

/**
 * Bundles the chat's browser script from the workspace sources (`@cinder/source` condition), so
 * the demo always runs the client as it is in the tree, without a separate build step.
 */
export async function bundleChatScript(options: { minify: boolean }): Promise<string> {
  const result = await build({
    entryPoints: [CHAT_SCRIPT_ENTRY],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@cinder/source"],
    minify: options.minify,
    sourcemap: options.minify ? false : "inline",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the chat script");
  return output.text;
}
