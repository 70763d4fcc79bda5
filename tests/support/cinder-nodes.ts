import { Redis } from "ioredis";
import { RedisPubSub, type Logger } from "@cinder/server";
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
  /** Close the app, then the PubSub, then the Redis client (the order an application uses). */
  stop(): Promise<void>;
}

export async function startNode(name: string, redisUrl: string, options: Omit<ChannelServerOptions, "plugin"> = {}): Promise<CinderNode> {
  const client = new Redis(redisUrl);
  client.on("error", () => {}); // outages are reported once by the PubSub's logger
  const pubsubLog: string[] = [];
  const record = (fields: Record<string, unknown>, message: string): void => {
    pubsubLog.push(`${String(fields["code"])}: ${message}`);
  };
  const logger: Logger = { error: record, warn: record, info: record, debug: () => {} };
  const pubsub = new RedisPubSub(client, { logger });
  const server = await startChannelServer({ ...options, plugin: { pubsub } });
  return {
    name,
    server,
    pubsub,
    pubsubLog,
    async stop() {
      await server.close();
      await pubsub.close();
      await client.quit();
    },
  };
}
