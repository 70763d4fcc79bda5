import type { Payload } from "@cinder/protocol";
import { assertTopic, createBroadcastEnvelope } from "../channel/broadcast.js";
import type { PubSub, Subscription } from "../pubsub/pubsub.js";
import type { SocketDefinition } from "../socket/socket-definition.js";
import type { SocketLimits } from "../socket/socket-limits.js";
import type { Logger } from "../logger.js";
import type { EndpointRuntime, LiveRouteDescription, SocketDescription } from "./endpoint-runtime.js";

/** What `app.cinder.routes()` answers: the sockets and live pages this app serves. */
export interface EndpointRoutes {
  readonly sockets: readonly SocketDescription[];
  readonly liveRoutes: readonly LiveRouteDescription[];
}

/** Runtime state stays off the public object (users see `pubsub` and the broadcast methods only). */
const runtimes = new WeakMap<Endpoint, EndpointRuntime>();

/**
 * The application's handle on its sockets, available as `app.cinder` (Phoenix's Endpoint
 * broadcast API). Broadcasts reach every channel joined to the topic on every node that
 * shares the PubSub.
 *
 * @example
 * ```ts
 * await app.register(cinder, { sockets: { "/socket": UserSocket } });
 * await app.cinder.broadcast("room:lobby", "new_msg", { body: "hi" });
 * await app.cinder.broadcast("user_socket:42", "disconnect", {}); // closes that user's sockets (1001)
 * ```
 */
export class Endpoint {
  /** The PubSub channels broadcast through; subscribe to it for server-side listeners. */
  readonly pubsub: PubSub;

  constructor(runtime: EndpointRuntime) {
    this.pubsub = runtime.pubsub;
    runtimes.set(this, runtime);
  }

  /** Send `[null, null, topic, event, payload]` to every socket joined to `topic`. */
  broadcast(topic: string, event: string, payload: Payload): Promise<void> {
    assertTopic(topic);
    return this.pubsub.broadcast(topic, createBroadcastEnvelope(event, payload));
  }

  /**
   * The sockets (with their channel patterns) and LiveView routes this app serves, in
   * declaration order — for tools (`cinder routes`, a development 404 page), like
   * `mix phx.routes`. HTTP routes of your own are fastify's: `app.printRoutes()`.
   *
   * @example
   * ```ts
   * await app.ready();
   * for (const route of app.cinder.routes().liveRoutes) console.log(route.path, route.view);
   * ```
   */
  routes(): EndpointRoutes {
    const runtime = runtimeOf(this);
    return { sockets: runtime.sockets, liveRoutes: [...runtime.liveRoutes] };
  }

  /** Same as `broadcast`, except the subscriber `from` (a subscription of your own on `topic`). */
  broadcastFrom(from: Subscription, topic: string, event: string, payload: Payload): Promise<void> {
    assertTopic(topic);
    return this.pubsub.broadcastFrom(from, topic, createBroadcastEnvelope(event, payload));
  }
}

/**
 * Escape hatch for sibling modules of this package (the LiveView runtime mounts `/live`
 * through it). Not exported from the package index: applications mount sockets with the
 * plugin's `sockets` option. May be called any time before the app closes; clients connect to
 * `<path>/websocket`.
 *
 * @example
 * ```ts
 * mountSocket(app.cinder, "/live", defineSocket({ connect: checkCsrf, channels: { "lv:*": LiveViewChannel } }));
 * ```
 */
export function mountSocket(endpoint: Endpoint, path: string, definition: SocketDefinition<any>): void {
  runtimeOf(endpoint).mount(path, definition);
}

/** Lists cinderLive's routes in `app.cinder.routes()`. */
export function describeLiveRoutes(endpoint: Endpoint, routes: readonly LiveRouteDescription[]): void {
  runtimeOf(endpoint).liveRoutes.push(...routes);
}

/** The endpoint's logger and limits, for sibling modules that run their own processes. */
export function endpointSettings(endpoint: Endpoint): { logger: Logger; limits: Readonly<SocketLimits> } {
  const runtime = runtimeOf(endpoint);
  return { logger: runtime.logger, limits: runtime.limits };
}

/** Live WebSocket connections over all mounted paths (for tests and metrics). */
export function endpointConnectionCount(endpoint: Endpoint): number {
  return runtimeOf(endpoint).connectionCount;
}

function runtimeOf(endpoint: Endpoint): EndpointRuntime {
  const runtime = runtimes.get(endpoint);
  if (runtime === undefined) throw new TypeError("expected the Endpoint created by the cinder plugin (app.cinder)");
  return runtime;
}
