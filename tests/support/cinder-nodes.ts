import { Redis } from "ioredis";
import { Presence, RedisPubSub, type Logger, type PresenceOptions } from "@cinder/server";
import { startChannelServer, type ChannelServer, type ChannelServerOptions } from "./channel-server.js";

/**
 * Several Cinder "nodes" in one test process: each is its own fastify app with the `cinder`
 * plugin, its own Redis client and its own `RedisPubSub`, all on one Redis — what a deploy on
 * several machines looks like to Redis and to clients.
 *
 * @example
 * ```ts
 * const a = await startNode("a", redis.url);
 * const b = await startNode("b", redis.url);
 * await a.server.app?.cinder.broadcast("room:lobby", "news", { body: "hi" }); // reaches b's clients
 * await Promise.all([a.stop(), b.stop()]);
 * ```
 */
export interface CinderNode {
  readonly name: string;
  readonly server: ChannelServer;
  readonly pubsub: RedisPubSub;
  /** What the node's RedisPubSub logged (outages, malformed messages), as `code: message`. */
  readonly pubsubLog: string[];
  /** The node's Presence on its Redis client, when started with `presence` options. */
  readonly presence: Presence | undefined;
  /** With a Presence: what the cinder plugin logged (Presence's outages, nodes down), as `code: message`. */
  readonly cinderLog: string[];
  /** Close the app, then the PubSub, then the Redis client (the order an application uses). */
  stop(): Promise<void>;
  /**
   * What Redis sees of a crash: the node's connections close at once (the client without
   * reconnecting, the subscriber connection too) and nothing is cleaned up — no untrack, no
   * goodbye. Its sockets stay open; `stop()` afterwards only tidies the process.
   */
  crash(): Promise<void>;
}

export interface NodeOptions extends Omit<ChannelServerOptions, "plugin" | "sockets"> {
  /** Give the node a Presence on its Redis client, with these options. */
  presence?: Omit<PresenceOptions, "redis">;
  /** `ChannelServerOptions.sockets`, also handed the node's Presence (when it has one). */
  sockets?: (record: Parameters<NonNullable<ChannelServerOptions["sockets"]>>[0], presence: Presence | undefined) => ReturnType<NonNullable<ChannelServerOptions["sockets"]>>;
}

export async function startNode(name: string, redisUrl: string, options: NodeOptions = {}): Promise<CinderNode> {
  const client = new Redis(redisUrl);
  client.on("error", () => {}); // outages are reported once by the PubSub's logger
  const pubsubLog: string[] = [];
  const pubsub = new RedisPubSub(client, { logger: recordingLogger(pubsubLog) });
  const { presence: presenceOptions, sockets, ...serverOptions } = options;
  const presence = presenceOptions === undefined ? undefined : new Presence({ ...presenceOptions, redis: client });
  const cinderLog: string[] = [];
  const server = await startChannelServer({
    ...serverOptions,
    ...(sockets !== undefined && { sockets: (record) => sockets(record, presence) }),
    plugin: { pubsub, ...(presence !== undefined && { presence, logger: recordingLogger(cinderLog) }) },
  });
  let crashed = false;
  return {
    name,
    server,
    pubsub,
    pubsubLog,
    presence,
    cinderLog,
    async stop() {
      await server.close();
      await pubsub.close();
      if (!crashed) await client.quit();
    },
    async crash() {
      crashed = true;
      await pubsub.close(); // first: a closed RedisPubSub does not report its client going away
      client.disconnect();
    },
  };
}

/** A logger that appends every error, warning and info line to `lines` as `code: message` (debug is dropped). */
function recordingLogger(lines: string[]): Logger {
  const record = (fields: Record<string, unknown>, message: string): void => {
    lines.push(`${String(fields["code"])}: ${message}`);
  };
  return { error: record, warn: record, info: record, debug: () => {} };
}
