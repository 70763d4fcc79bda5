import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { errorMessage, serverError } from "./errors/error-registry.js";
import type { Logger } from "./logger.js";
import { Endpoint, mountSocket } from "./endpoint/endpoint.js";
import { EndpointRuntime } from "./endpoint/endpoint-runtime.js";
import { LocalPubSub } from "./pubsub/local-pubsub.js";
import { isPresence, startPresence, stopPresence, type Presence } from "./presence/presence.js";
import type { PubSub } from "./pubsub/pubsub.js";
import { createOriginCheck, type CheckOrigin } from "./socket/check-origin.js";
import type { SocketDefinition } from "./socket/socket-definition.js";
import { resolveSocketLimits, type SocketLimits } from "./socket/socket-limits.js";

/** Options of the `cinder` plugin (`app.register(cinder, options)`). */
export interface CinderOptions {
  /**
   * Socket handlers by mount path. A client given the endpoint `"/socket"` connects to
   * `/socket/websocket?…&vsn=2.0.0`.
   */
  // `any`: each socket has its own assigns type, checked where it is defined with defineSocket.
  sockets?: Readonly<Record<string, SocketDefinition<any>>>;
  /** Default: an in-process `LocalPubSub`, closed with the app. A PubSub you pass stays yours to close. */
  pubsub?: PubSub;
  /** Which browser origins may connect. Default `true`: the Origin's host must equal the Host header. */
  checkOrigin?: CheckOrigin;
  limits?: Partial<SocketLimits>;
  /** Default: the fastify instance's `log`. */
  logger?: Logger;
  /** Presence for this app's channels and LiveViews: started with the app, stopped after its sockets close. */
  presence?: Presence<any>;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Cinder's endpoint: broadcast to channels, reach the PubSub. */
    cinder: Endpoint;
  }
}

async function cinderPlugin(app: FastifyInstance, options: CinderOptions): Promise<void> {
  const logger: Logger = options.logger ?? app.log;
  if (options.sockets !== undefined && (typeof options.sockets !== "object" || options.sockets === null)) {
    throw serverError("CINDER_PLUGIN_INVALID_SOCKETS", options.sockets);
  }
  const limits = resolveSocketLimits(options.limits);
  const originCheck = createOriginCheck(options.checkOrigin ?? true, logger);
  if (options.pubsub !== undefined && !isPubSub(options.pubsub)) throw serverError("CINDER_PLUGIN_INVALID_PUBSUB");
  if (options.presence !== undefined && !isPresence(options.presence)) throw serverError("CINDER_PRESENCE_INVALID_PLUGIN_OPTION", options.presence);
  const pubsub =
    options.pubsub ??
    new LocalPubSub({
      onHandlerError: (error, topic) =>
        logger.error({ code: "CINDER_PUBSUB_HANDLER_FAILED", topic, err: error }, errorMessage("CINDER_PUBSUB_HANDLER_FAILED", topic)),
    });

  // ConnectInfo.cookies needs a cookie parser; reuse the app's when it registered one itself.
  if (!app.hasDecorator("parseCookie")) await app.register(fastifyCookie);

  const runtime = new EndpointRuntime({
    server: app.server,
    pubsub,
    ownsPubSub: options.pubsub === undefined,
    logger,
    limits,
    originCheck,
    parseCookies: (header) => filterDefined(app.parseCookie(header)),
  });
  const endpoint = new Endpoint(runtime);
  try {
    for (const [path, definition] of Object.entries(options.sockets ?? {})) mountSocket(endpoint, path, definition);
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  const presence = options.presence;
  if (presence !== undefined) {
    try {
      await startPresence(presence, { pubsub, logger });
    } catch (error) {
      await runtime.dispose();
      throw error;
    }
  }
  // Close before fastify closes the HTTP server: it waits for upgraded sockets to end.
  app.addHook("preClose", () => runtime.close());
  // After the sockets: their channels' presences have left by then.
  if (presence !== undefined) app.addHook("preClose", () => stopPresence(presence));
  app.addHook("onClose", () => runtime.dispose());
  app.decorate("cinder", endpoint);
}

/**
 * The fastify plugin: serves the given sockets over WebSocket and decorates the app with
 * `app.cinder`. Wrapped with fastify-plugin, so the decorator is visible to the whole app.
 *
 * @example
 * ```ts
 * const app = Fastify();
 * await app.register(cinder, { sockets: { "/socket": UserSocket }, limits: { idleTimeoutMs: 90_000 } });
 * await app.listen({ port: 4000 });
 * await app.cinder.broadcast("room:lobby", "new_msg", { body: "hi" });
 * ```
 */
export const cinder = fastifyPlugin(cinderPlugin, { name: "@cinder/server", fastify: "5.x" });

function isPubSub(value: unknown): value is PubSub {
  const candidate = value as Partial<Record<keyof PubSub, unknown>> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.subscribe === "function" &&
    typeof candidate.broadcast === "function" &&
    typeof candidate.broadcastFrom === "function" &&
    typeof candidate.close === "function"
  );
}

function filterDefined(cookies: Record<string, string | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(cookies)) if (value !== undefined) defined[name] = value;
  return defined;
}
