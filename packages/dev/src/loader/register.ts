/**
 * `node --import @cinder/dev/register src/server.ts`: run an app's TypeScript sources directly.
 * Under `cinder dev` (CINDER_DEV_SERVER=1) it also starts the hot runtime, which swaps LiveView
 * code in place when the dev server says a view's file changed.
 */
import { registerTypeScript } from "./register-typescript.js";

const loaderPort = registerTypeScript();
if (process.env["CINDER_DEV_SERVER"] === "1") {
  const { startHotRuntime } = await import("../dev/hot-runtime.js");
  startHotRuntime(loaderPort);
}
