import { register } from "node:module";
import { MessageChannel, type MessagePort } from "node:worker_threads";

let loaderPort: MessagePort | undefined;

/**
 * Lets this process import the app's `.ts` files (see typescript-hooks.ts) and turns source maps
 * on, so errors name the TypeScript line. Idempotent. Returns the port the loader thread reports
 * imports on (the hot runtime listens to it).
 */
export function registerTypeScript(): MessagePort {
  if (loaderPort !== undefined) return loaderPort;
  process.setSourceMapsEnabled(true);
  const { port1, port2 } = new MessageChannel();
  register(new URL("./typescript-hooks.js", import.meta.url), { data: { port: port2 }, transferList: [port2] });
  port1.unref();
  loaderPort = port1;
  return port1;
}
