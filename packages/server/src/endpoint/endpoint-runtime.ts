import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { CloseCode } from "@cinder/protocol";
import { errorMessage, serverError } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import { isBroadcastEnvelope } from "../channel/broadcast.js";
import { ChannelRouter } from "../channel/channel-router.js";
import { runUserCallback, runUserCallbackSync } from "../process/user-callback.js";
import type { PubSub, Subscription } from "../pubsub/pubsub.js";
import type { OriginCheck } from "../socket/check-origin.js";
import { parseConnectParams } from "../socket/connect-params.js";
import { SocketConnection } from "../socket/socket-connection.js";
import type { ConnectInfo, ConnectingSocket, SocketDefinition } from "../socket/socket-definition.js";
import type { SocketLimits } from "../socket/socket-limits.js";
import { bearerTokenOf, isSupportedVsn, mountPathOf, offeredSubprotocols, splitRequestTarget } from "../socket/upgrade-request.js";
import { refuseUpgrade, WebSocketAcceptor } from "../transport/websocket-transport.js";

/** A mounted socket as `app.cinder.routes()` lists it. */
export interface SocketDescription {
  /** The mount path; clients connect to `<path>/websocket`. */
  readonly path: string;
  /** Topic patterns in routing order, e.g. `["room:*"]`. */
  readonly channels: readonly string[];
}

/** A LiveView route as `app.cinder.routes()` lists it. */
export interface LiveRouteDescription {
  /** The route pattern, e.g. `"/users/:id"`. */
  readonly path: string;
  /** The view's `name`, or a label naming its route. */
  readonly view: string;
  readonly liveSession: string;
}

export interface EndpointRuntimeOptions {
  server: Server;
  pubsub: PubSub;
  /** Close `pubsub` on dispose (true when the endpoint created it). */
  ownsPubSub: boolean;
  logger: Logger;
  limits: SocketLimits;
  originCheck: OriginCheck;
  parseCookies(header: string): Record<string, string>;
}

interface MountedSocket {
  path: string;
  definition: SocketDefinition<any>;
  router: ChannelRouter;
}

/** How long shutdown waits for clients to answer the 1012 close before dropping them. */
const SHUTDOWN_GRACE_MS = 2_000;

/**
 * Everything behind `app.cinder`: the mounted socket paths, the HTTP `upgrade` listener, the
 * live connections and their shutdown. One per fastify instance.
 *
 * An upgrade goes: path → vsn → origin → `connect` → `id` → id-topic subscription →
 * handshake. Refusals are plain HTTP responses on the raw socket (400 vsn, 403 origin or
 * refused, 500 callback threw, 503 shutting down), written before any WebSocket exists.
 */
export class EndpointRuntime {
  readonly pubsub: PubSub;
  readonly logger: Logger;
  readonly limits: SocketLimits;
  readonly #options: EndpointRuntimeOptions;
  readonly #mounts = new Map<string, MountedSocket>();
  readonly #connections = new Set<SocketConnection>();
  readonly #acceptor: WebSocketAcceptor;
  #state: "running" | "closing" | "closed" = "running";
  readonly #onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => this.#handleUpgrade(request, socket, head);

  constructor(options: EndpointRuntimeOptions) {
    this.#options = options;
    this.pubsub = options.pubsub;
    this.logger = options.logger;
    this.limits = options.limits;
    this.#acceptor = new WebSocketAcceptor({ maxFrameBytes: options.limits.maxFrameBytes });
    options.server.on("upgrade", this.#onUpgrade);
  }

  /** Routes other parts of this package serve over the endpoint (cinderLive's pages), for `routes()`. */
  readonly liveRoutes: LiveRouteDescription[] = [];

  /** Every mounted socket path with its channel topic patterns, in mount order. */
  get sockets(): SocketDescription[] {
    return [...this.#mounts.values()].map(({ path, definition }) => ({ path, channels: Object.keys(definition.channels) }));
  }

  /** Live connections over all mounted paths. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  mount(path: string, definition: SocketDefinition<any>): void {
    if (!isValidMountPath(path)) throw serverError("CINDER_PLUGIN_INVALID_SOCKET_PATH", path);
    if (this.#mounts.has(path)) throw serverError("CINDER_PLUGIN_DUPLICATE_SOCKET_PATH", path);
    this.#mounts.set(path, { path, definition, router: new ChannelRouter(path, definition) });
  }

  /**
   * Refuse new upgrades, close every connection with 1012 and wait for their channels'
   * `terminate` callbacks — at most `SHUTDOWN_GRACE_MS`: then connections that have not
   * finished their closing handshake are dropped and shutdown goes on without waiting for
   * callbacks that never settle.
   */
  async close(): Promise<void> {
    if (this.#state !== "running") return;
    this.#state = "closing";
    const connections = [...this.#connections];
    const allClosed = Promise.all(connections.map((connection) => connection.whenClosed()));
    for (const connection of connections) connection.close(CloseCode.serviceRestart, "server restart");
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<"timeout">((resolve) => {
      graceTimer = setTimeout(() => resolve("timeout"), SHUTDOWN_GRACE_MS);
    });
    const first = await Promise.race([allClosed, graceOver]);
    clearTimeout(graceTimer);
    if (first === "timeout") {
      this.logger.warn({ connections: this.#connections.size }, "shutdown grace period over; dropping connections that are still closing");
      for (const connection of connections) connection.terminate();
    }
  }

  /** Detach from the HTTP server and release the PubSub when this endpoint created it. */
  async dispose(): Promise<void> {
    if (this.#state === "closed") return;
    await this.close();
    this.#state = "closed";
    this.#options.server.off("upgrade", this.#onUpgrade);
    this.#acceptor.close();
    if (this.#options.ownsPubSub) await this.pubsub.close();
  }

  #handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { pathname, search } = splitRequestTarget(request.url ?? "/");
    const mountPath = mountPathOf(pathname);
    const mounted = mountPath === undefined ? undefined : this.#mounts.get(mountPath);
    if (mounted === undefined) {
      // Another library may own this path through its own upgrade listener; when we are
      // alone, answer instead of leaving the client hanging.
      if (this.#options.server.listenerCount("upgrade") <= 1) refuseUpgrade(socket, 404, "No socket is mounted at this path.");
      return;
    }
    const ignoreSocketError = (): void => {};
    socket.on("error", ignoreSocketError); // a client vanishing mid-connect must not crash the process
    void this.#admit(mounted, request, socket, head, search).finally(() => socket.off("error", ignoreSocketError));
  }

  async #admit(mounted: MountedSocket, request: IncomingMessage, socket: Duplex, head: Buffer, search: string): Promise<void> {
    // `reason` is what the client may read; `logReason` can say more (the server's side of a 500).
    const refuse = (status: number, reason: string, logReason = reason): void => {
      this.logger.debug({ code: "CINDER_SOCKET_UPGRADE_REFUSED", path: mounted.path, status }, errorMessage("CINDER_SOCKET_UPGRADE_REFUSED", mounted.path, status, logReason));
      refuseUpgrade(socket, status, reason);
    };
    if (this.#state !== "running") return refuse(503, "The server is shutting down.");

    const params = parseConnectParams(search);
    if (!isSupportedVsn(params.vsn)) return refuse(400, `Unsupported serializer vsn ${JSON.stringify(params.vsn ?? null)}; this server speaks 2.0.0.`);
    const originHeader = request.headers.origin;
    const origin = typeof originHeader === "string" ? originHeader : undefined;
    if (!this.#options.originCheck(origin, request)) return refuse(403, "Origin not allowed.");

    const definition = mounted.definition;
    const info: ConnectInfo = {
      headers: request.headers,
      remoteAddress: request.socket.remoteAddress,
      origin,
      cookies: request.headers.cookie ? this.#options.parseCookies(request.headers.cookie) : {},
      authToken: bearerTokenOf(offeredSubprotocols(request.headers["sec-websocket-protocol"])),
    };
    let assigns: Record<string, unknown> = {};
    const connecting: ConnectingSocket<Record<string, unknown>> = {
      get assigns() {
        return assigns;
      },
      assign(values) {
        assigns = { ...assigns, ...values };
      },
    };
    const site = (callback: string) => ({ owner: `socket "${mounted.path}"`, callback, fields: { path: mounted.path } });

    if (definition.connect !== undefined) {
      const outcome = await runUserCallback(this.logger, site("connect"), () => definition.connect?.(params, connecting, info));
      if (!outcome.ok) return refuse(500, "Internal server error.", errorMessage("CINDER_SOCKET_CONNECT_FAILED", mounted.path));
      if (outcome.value !== true) return refuse(403, "Connection refused.");
    }
    let socketId: string | undefined;
    if (definition.id !== undefined) {
      const outcome = runUserCallbackSync(this.logger, site("id"), () => definition.id?.(connecting));
      if (!outcome.ok) return refuse(500, "Internal server error.", errorMessage("CINDER_SOCKET_CONNECT_FAILED", mounted.path));
      socketId = typeof outcome.value === "string" && outcome.value !== "" ? outcome.value : undefined;
    }
    if (this.#state !== "running") return refuse(503, "The server is shutting down.");
    if (socket.destroyed) return;

    // Subscribed before the handshake completes, so a `disconnect` sent as soon as the client
    // sees `open` cannot be missed.
    let connection: SocketConnection | undefined;
    let disconnectedBeforeOpen = false;
    let idSubscription: Subscription | undefined;
    if (socketId !== undefined) {
      try {
        idSubscription = await this.pubsub.subscribe(socketId, (message) => {
          if (!isBroadcastEnvelope(message) || message.event !== "disconnect") return;
          if (connection === undefined) disconnectedBeforeOpen = true;
          else connection.close(CloseCode.goingAway, "disconnected");
        });
      } catch (error) {
        this.logger.error({ path: mounted.path, socketId, err: error }, `could not subscribe socket id "${socketId}" to PubSub`);
        return refuse(500, "Internal server error.", "PubSub unavailable.");
      }
    }
    const release = (): void => {
      void idSubscription?.unsubscribe().catch((error: unknown) => this.logger.error({ socketId, err: error }, `could not unsubscribe socket id "${socketId}"`));
    };
    if (this.#state !== "running" || socket.destroyed) {
      release();
      return refuse(503, "The server is shutting down.");
    }

    let accepted = false;
    socket.once("close", () => {
      if (!accepted) release(); // the handshake failed (ws answered 400)
    });
    this.#acceptor.accept(request, socket, head, (transport) => {
      accepted = true;
      const opened = new SocketConnection({
        transport,
        router: mounted.router,
        path: mounted.path,
        assigns,
        socketId,
        pubsub: this.pubsub,
        logger: this.logger,
        limits: this.limits,
        onTransportClosed: () => {
          this.#connections.delete(opened);
          release();
        },
      });
      connection = opened;
      this.#connections.add(opened);
      transport.listen(opened);
      if (disconnectedBeforeOpen) opened.close(CloseCode.goingAway, "disconnected");
    });
  }
}

function isValidMountPath(path: unknown): path is string {
  return (
    typeof path === "string" &&
    path.startsWith("/") &&
    path.length > 1 &&
    !path.endsWith("/") &&
    mountPathOf(`${path}`) === undefined &&
    !path.includes("?") &&
    !path.includes("#")
  );
}
