import type { AddressInfo } from "node:net";
import fastify, { type FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { JsonObject, Payload } from "@cinder/protocol";
import { cinder, defineChannel, defineSocket, error, ok, reply, stop, type CinderOptions, type SocketDefinition } from "@cinder/server";

/**
 * A real Cinder channel server for cross-package tests: fastify with the `cinder` plugin,
 * listening on 127.0.0.1 on a free port, that can go down and come back on the *same* port (what
 * a deploy or a crash looks like to a client). Any client can talk to it — Cinder's own
 * `@cinder/client`, or the official `phoenix` client for conformance tests.
 *
 * By default it mounts `createTestSocket()` at `/socket`, whose channels do on request every
 * thing the protocol allows (see `TestRoomChannel` below), and records what happened on the
 * server side in `events`, so tests can assert what reached the server, not only what came back.
 *
 * @example
 * ```ts
 * const server = await startChannelServer();
 * const socket = new Socket(server.socketUrl(), { transport: WebSocket });
 * // …
 * await server.restart(); // same port, fresh in-memory state
 * await server.close();
 * ```
 */
export interface ChannelServer {
  /** The port, stable across `stop()`/`start()`. */
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly httpUrl: string;
  /** `ws://127.0.0.1:<port><mount>`, the endpoint to give a client (which appends `/websocket`). */
  socketUrl(mount?: string): string;
  /** The running fastify instance, or undefined while stopped. */
  readonly app: FastifyInstance | undefined;
  /** What the test socket saw, in order, across restarts. */
  readonly events: readonly ServerEvent[];
  /** The events of this type recorded so far that match, in order. */
  eventsOf<Kind extends ServerEvent["type"]>(type: Kind, matches?: (event: Extract<ServerEvent, { type: Kind }>) => boolean): Array<Extract<ServerEvent, { type: Kind }>>;
  /** Resolves with the first event (already recorded or future) that matches. */
  waitForEvent<Kind extends ServerEvent["type"]>(
    type: Kind,
    matches?: (event: Extract<ServerEvent, { type: Kind }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ServerEvent, { type: Kind }>>;
  /** Closes the server (the plugin closes its sockets); the port is not held meanwhile. */
  stop(): Promise<void>;
  /** Listens (again, on the same port) with a fresh fastify instance: nothing survives in memory. */
  start(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(): Promise<void>;
  /** Final stop, for `afterAll`. */
  close(): Promise<void>;
}

/** Server-side observations of the test socket. */
export type ServerEvent =
  | { type: "connect"; params: Record<string, unknown>; authToken: string | undefined }
  | { type: "join"; topic: string; joinRef: string; payload: JsonObject }
  | { type: "handle_in"; topic: string; joinRef: string; event: string; payload: Payload }
  | { type: "terminate"; topic: string; joinRef: string; reason: string };

export interface ChannelServerOptions {
  /**
   * Socket definitions by mount path. Defaults to `{ "/socket": createTestSocket(record) }`;
   * pass your own to serve other channels (then `events` only holds what your code records
   * through the `record` function you get here).
   */
  sockets?: (record: (event: ServerEvent) => void) => NonNullable<CinderOptions["sockets"]>;
  /** Other options of the `cinder` plugin (limits, checkOrigin, …), applied at every start. */
  plugin?: Omit<CinderOptions, "sockets">;
  /** Extra setup on every fresh fastify instance (routes, other plugins), before listening. */
  configure?: (app: FastifyInstance) => void | Promise<void>;
}

export async function startChannelServer(options: ChannelServerOptions = {}): Promise<ChannelServer> {
  const server = createChannelServer(options);
  await server.start();
  return server;
}

/**
 * One channel server for the enclosing `describe` block (or file): it listens from `beforeAll` to
 * `afterAll`, and a test that left it stopped gets it back, on the same port, before the next.
 *
 * @example
 * ```ts
 * const server = useChannelServer();
 * const clients = officialClients(() => server);
 * afterEach(() => clients.disconnectAll());
 * ```
 */
export function useChannelServer(options: ChannelServerOptions = {}): ChannelServer {
  const server = createChannelServer(options);
  beforeAll(async () => {
    await server.start();
  });
  afterEach(async () => {
    if (!server.app) await server.start();
  });
  afterAll(async () => {
    await server.close();
  });
  return server;
}

/** A channel server that does not listen until `start()` (then on a free port, kept across restarts). */
function createChannelServer(options: ChannelServerOptions): ChannelServer {
  const events: ServerEvent[] = [];
  const waiters = new Set<() => void>();
  const record = (event: ServerEvent) => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  };
  const buildSockets = options.sockets ?? ((recordEvent) => ({ "/socket": createTestSocket(recordEvent) }));

  let app: FastifyInstance | undefined;
  let port = 0;

  async function start(): Promise<void> {
    if (app) return;
    const instance = fastify({ logger: false });
    await instance.register(cinder, { ...options.plugin, sockets: buildSockets(record) });
    await options.configure?.(instance);
    await instance.listen({ host: "127.0.0.1", port });
    port = (instance.server.address() as AddressInfo).port;
    app = instance;
  }

  async function stopServer(): Promise<void> {
    const instance = app;
    app = undefined;
    await instance?.close();
  }

  const eventsOf = <Kind extends ServerEvent["type"]>(type: Kind, matches: (event: Extract<ServerEvent, { type: Kind }>) => boolean = () => true) =>
    events.filter((event): event is Extract<ServerEvent, { type: Kind }> => event.type === type && matches(event as Extract<ServerEvent, { type: Kind }>));

  return {
    get port() {
      return port;
    },
    get httpUrl() {
      return `http://127.0.0.1:${port}`;
    },
    socketUrl: (mount = "/socket") => `ws://127.0.0.1:${port}${mount}`,
    get app() {
      return app;
    },
    events,
    eventsOf,
    waitForEvent(type, matches = () => true, timeoutMs = 5000) {
      type Wanted = Extract<ServerEvent, { type: typeof type }>;
      const find = () => events.find((event): event is Wanted => event.type === type && matches(event as Wanted));
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find();
          if (!found) return;
          cleanUp();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`no "${type}" server event matched within ${timeoutMs} ms; saw ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanUp = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    stop: stopServer,
    start,
    async restart() {
      await stopServer();
      await start();
    },
    close: stopServer,
  };
}

/** Topic that always refuses joins with `{reason: "unauthorized"}`. */
export const FORBIDDEN_TOPIC = "room:forbidden";

/**
 * The test socket: accepts every connection except one with the query param `refuse=true`
 * (→ HTTP 403), keeps the connect params and auth token as assigns, and routes `room:*` to the
 * test channel. A connection with the query param `user_id=<id>` gets the socket id
 * `user_socket:<id>`, so a test can `app.cinder.broadcast("user_socket:<id>", "disconnect", {})`.
 */
export function createTestSocket(record: (event: ServerEvent) => void): SocketDefinition<TestAssigns> {
  return defineSocket<TestAssigns>({
    connect(params, socket, info) {
      record({ type: "connect", params, authToken: info.authToken });
      if (params["refuse"] === "true") return false;
      socket.assign({ connectParams: params as JsonObject, authToken: info.authToken ?? null });
      return true;
    },
    id(socket) {
      const userId = socket.assigns.connectParams["user_id"];
      return typeof userId === "string" ? `user_socket:${userId}` : undefined;
    },
    channels: { "room:*": createTestRoomChannel(record) },
  });
}

export interface TestAssigns {
  connectParams: JsonObject;
  authToken: string | null;
}

/**
 * The test channel. `join` refuses `room:forbidden` and otherwise replies
 * `{topic, params, connectParams, authToken}`. Client events:
 *
 * | event | effect |
 * |---|---|
 * | `echo` | reply ok: `{echo: payload}`, or the same bytes for a binary payload (binary reply) |
 * | `refuse` | reply error `{reason: "refused"}` |
 * | `reply_with_status` | reply with status `payload.status` and response `{}` |
 * | `push_to_me` | server push `pushed` with the payload (binary stays binary), then reply ok |
 * | `broadcast` | broadcast `broadcasted` with the payload to every subscriber, then reply ok |
 * | `broadcast_from` | broadcast `broadcasted` to every subscriber except this client, then reply ok |
 * | `no_reply` | nothing (the client's push times out) |
 * | `stop` | stop the channel gracefully: the client gets `phx_close` |
 * | `crash` | throw: the client gets `phx_error` and rejoins |
 */
export function createTestRoomChannel(record: (event: ServerEvent) => void) {
  return defineChannel<TestAssigns>({
    join(topic, payload, socket) {
      record({ type: "join", topic, joinRef: socket.joinRef, payload });
      if (topic === FORBIDDEN_TOPIC) return error({ reason: "unauthorized" });
      return ok({ topic, params: payload, connectParams: socket.assigns.connectParams, authToken: socket.assigns.authToken });
    },
    async handleIn(event, payload, socket) {
      record({ type: "handle_in", topic: socket.topic, joinRef: socket.joinRef, event, payload });
      switch (event) {
        case "echo":
          return payload instanceof Uint8Array ? ok(payload) : ok({ echo: payload });
        case "refuse":
          return error({ reason: "refused" });
        case "reply_with_status":
          return reply(payload instanceof Uint8Array ? "ok" : String(payload["status"]), {});
        case "push_to_me":
          socket.push("pushed", payload);
          return ok();
        case "broadcast":
          await socket.broadcast("broadcasted", payload);
          return ok();
        case "broadcast_from":
          await socket.broadcastFrom("broadcasted", payload);
          return ok();
        case "no_reply":
          return undefined;
        case "stop":
          return stop("normal");
        case "crash":
          throw new Error("crash requested by the test client");
        default:
          return error({ reason: `the test channel has no event "${event}"` });
      }
    },
    terminate(reason, socket) {
      record({ type: "terminate", topic: socket.topic, joinRef: socket.joinRef, reason });
    },
  });
}
