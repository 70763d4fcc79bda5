import type { FastifyInstance } from "fastify";
import { devErrorMessage } from "../dev-errors.js";
import { notifyDevServer, underDevServer } from "./dev-server-link.js";

export interface ServeOptions {
  /** Default: `PORT`, else 4000. */
  readonly port?: number;
  /** Default: `HOST`, else 0.0.0.0 in production (containers, proxies) and 127.0.0.1 otherwise (only this machine). */
  readonly host?: string;
  /** How long a SIGTERM waits for open requests and sockets before the process exits anyway. Default 10 s. */
  readonly shutdownTimeoutMs?: number;
}

/**
 * Starts the app the way a server entry should: listens, prints where, closes gracefully on
 * SIGINT/SIGTERM (sockets get 1012 so browsers reconnect elsewhere), and turns the two common
 * failures — the port is taken, the port needs rights — into one clear line and exit code 1
 * instead of a stack trace. Under `cinder dev` it listens where the dev server asks and tells
 * it when it is ready.
 *
 * @example
 * ```ts
 * // src/server.ts
 * import { serve } from "@cinder/dev";
 * import { createApp } from "./app.js";
 * await serve(await createApp());
 * ```
 */
export async function serve(app: FastifyInstance, options: ServeOptions = {}): Promise<void> {
  const production = process.env["NODE_ENV"] === "production";
  const port = options.port ?? (process.env["PORT"] === undefined ? 4000 : Number(process.env["PORT"]));
  const host = options.host ?? process.env["HOST"] ?? (production ? "0.0.0.0" : "127.0.0.1");
  try {
    // Under cinder dev the app's own port is internal: the dev server prints the one to open.
    const listenTextResolver = underDevServer() ? (address: string) => `app server started (behind cinder dev) at ${address}` : undefined;
    await app.listen({ port, host, ...(listenTextResolver === undefined ? {} : { listenTextResolver }) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      console.error(devErrorMessage(code === "EADDRINUSE" ? "CINDER_DEV_PORT_IN_USE" : "CINDER_DEV_PORT_DENIED", host, port));
      await app.close().catch(() => undefined);
      process.exit(1);
    }
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  if (underDevServer()) notifyDevServer({ type: "listening", port: boundPort });
  // Fastify's logger already said "Server listening at …"; without one, say it ourselves.
  else if (!loggerSaysInfo(app)) console.log(`Cinder app listening on http://${displayHost(host)}:${boundPort}/`);
  closeOnSignals(app, options.shutdownTimeoutMs ?? 10_000);
}

function loggerSaysInfo(app: FastifyInstance): boolean {
  const log = app.log as { isLevelEnabled?: (level: string) => boolean };
  return typeof log.isLevelEnabled === "function" && log.isLevelEnabled("info");
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

function closeOnSignals(app: FastifyInstance, timeoutMs: number): void {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1); // a second Ctrl-C: the user does not want to wait
      closing = true;
      const timer = setTimeout(() => {
        console.error(`Open connections did not close within ${timeoutMs} ms; exiting anyway.`);
        process.exit(1);
      }, timeoutMs);
      timer.unref();
      void app.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error("Error while shutting down:", error);
          process.exit(1);
        },
      );
    });
  }
}
