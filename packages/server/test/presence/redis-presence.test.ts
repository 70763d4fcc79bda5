import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { Presence, RedisPubSub, type PresenceOptions } from "@cinder/server";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";
import { RecordingLogger, type TestServer } from "../support/test-server.js";
import { joinWithPresence, nextDiff, startPresenceServer } from "./presence-server.js";

/*
 * Presence over a real redis-server: what a node stores, how nodes find each other's state, and
 * what happens when Redis goes away and comes back. Two apps on one Redis are two nodes; a plain
 * client plays the operator looking into Redis. The cross-package suite (tests/multi-node) drives
 * the same with the official client, node crashes included.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;
const FAST: PresenceOptions = { heartbeatIntervalMs: 100, nodeTimeoutMs: 1_000 };

let redis: RedisServer;
let admin: Redis;
const clients: Redis[] = [];
const pubsubs: RedisPubSub[] = [];

interface Node {
  presence: Presence;
  server: TestServer;
  client: Redis;
}

/** A node's id: every ref it makes starts with it (`<node id>.<counter>`). */
function nodeIdOf(node: Node, topic: string, key: string): string {
  const ref = node.presence.get(topic, key)?.metas[0]?.phx_ref;
  if (ref === undefined) throw new Error(`${key} is not tracked on ${topic}`);
  return ref.slice(0, ref.indexOf("."));
}

async function startNode(options: PresenceOptions = FAST): Promise<Node> {
  const client = new Redis(redis.url, { retryStrategy: () => 50 });
  client.on("error", () => {});
  clients.push(client);
  const pubsub = new RedisPubSub(client, { logger: new RecordingLogger() });
  pubsubs.push(pubsub);
  const presence = new Presence({ ...options, redis: client });
  const server = await startPresenceServer(presence, { pubsub });
  return { presence, server, client };
}

describeWithRedis("Presence over Redis", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url, { retryStrategy: () => 50 });
    admin.on("error", () => {});
  });

  afterEach(async () => {
    await redis.start(); // a test that stopped Redis leaves it running for the next
    // The servers close with the test (test-server.ts); their PubSubs and clients after them.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  afterAll(async () => {
    await Promise.all(pubsubs.splice(0).map((pubsub) => pubsub.close()));
    for (const client of clients.splice(0)) client.disconnect();
    admin?.disconnect();
    await redis?.close();
  });

  it("keeps each node's presences in its own expiring hash, listed in the set of nodes", async () => {
    const node = await startNode();
    const alice = await node.server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby", { name: "Alice" });
    await vi.waitFor(() => expect(node.presence.get("room:lobby", "alice")).toBeDefined(), WAIT);
    const ref = node.presence.get("room:lobby", "alice")?.metas[0]?.phx_ref as string;
    const id = nodeIdOf(node, "room:lobby", "alice");

    await vi.waitFor(async () => {
      const hash = await admin.hgetall(`cinder:presence:node:${id}`);
      expect(JSON.parse(hash[`p:${ref}`] ?? "null")).toEqual(["room:lobby", "alice", { name: "Alice", phx_ref: ref }]);
      expect(Number(hash.v)).toBeGreaterThan(0);
    }, WAIT);
    const ttl = await admin.pttl(`cinder:presence:node:${id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_000);
    expect(await admin.smembers("cinder:presence:nodes")).toContain(id);

    alice.terminate();
    await vi.waitFor(async () => expect(await admin.hexists(`cinder:presence:node:${id}`, `p:${ref}`)).toBe(0), WAIT);
  });

  it("shows a node that starts later the presences tracked before it, and both nodes each other's changes", async () => {
    const a = await startNode();
    const alice = await a.server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby", { on: "a" });
    await vi.waitFor(() => expect(a.presence.get("room:lobby", "alice")).toBeDefined(), WAIT);

    const b = await startNode();
    // Started, so caught up: the list is complete before any message arrives.
    expect(Object.keys(b.presence.list("room:lobby"))).toEqual(["alice"]);
    const bob = await b.server.connect("user=bob");
    const { state } = await joinWithPresence(bob, "room:lobby", { on: "b" });
    expect(state.payload).toEqual({ alice: { metas: [{ on: "a", phx_ref: expect.any(String) }] } });

    const seenByAlice = await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.joins, "bob's join reaching node A");
    expect(seenByAlice.payload.joins.bob.metas[0]).toEqual({ on: "b", phx_ref: expect.stringMatching(new RegExp(`^${escape(nodeIdOf(b, "room:lobby", "bob"))}\\.`)) });

    bob.terminate();
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.leaves, "bob's leave reaching node A");
    expect(Object.keys(a.presence.list("room:lobby"))).toEqual(["alice"]);
  });

  it("removes a node's hash when its app closes, and the other nodes drop its presences at once", async () => {
    const a = await startNode({ heartbeatIntervalMs: 5_000, nodeTimeoutMs: 60_000 });
    const b = await startNode({ heartbeatIntervalMs: 5_000, nodeTimeoutMs: 60_000 });
    const alice = await a.server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby");
    const bob = await b.server.connect("user=bob");
    await joinWithPresence(bob, "room:lobby");
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.joins, "bob's join");
    const bId = nodeIdOf(b, "room:lobby", "bob");

    await b.server.close();
    // Long before any timeout: the leave comes from B's goodbye, not from its hash expiring.
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.leaves, "bob's leave");
    expect(await admin.exists(`cinder:presence:node:${bId}`)).toBe(0);
    expect(await admin.smembers("cinder:presence:nodes")).not.toContain(bId);
  });

  it("keeps tracking on its own while Redis is down, and publishes its state again once Redis is back", async () => {
    const node = await startNode();
    const alice = await node.server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby");
    await vi.waitFor(() => expect(node.presence.get("room:lobby", "alice")).toBeDefined(), WAIT);
    const id = nodeIdOf(node, "room:lobby", "alice");

    await redis.stop();
    const bob = await node.server.connect("user=bob");
    await joinWithPresence(bob, "room:lobby");
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.joins, "bob's join while Redis is down");
    await vi.waitFor(() => expect(node.server.logger.withCode("CINDER_PRESENCE_REDIS_UNAVAILABLE")).toHaveLength(1), WAIT);

    await redis.start(); // empty: no persistence
    await vi.waitFor(async () => {
      const hash = await admin.hgetall(`cinder:presence:node:${id}`);
      expect(Object.keys(hash).filter((field) => field.startsWith("p:"))).toHaveLength(2);
    }, WAIT);
    await vi.waitFor(() => expect(node.server.logger.withCode("CINDER_PRESENCE_REDIS_RESTORED")).toHaveLength(1), WAIT);
    expect(await admin.smembers("cinder:presence:nodes")).toContain(id);
    expect(node.server.logger.withCode("CINDER_PRESENCE_REDIS_UNAVAILABLE")).toHaveLength(1);
    expect(Object.keys(node.presence.list("room:lobby")).sort()).toEqual(["alice", "bob"]);
  });

  it("ignores presence data it did not write, and says so once per source", async () => {
    const node = await startNode();
    const foreign = new RedisPubSub(admin.duplicate(), { logger: new RecordingLogger() });
    pubsubs.push(foreign);
    await foreign.broadcast("cinder:presence", { tag: "cinder.presence/1", kind: "changes", node: "x", version: "1" });
    await foreign.broadcast("cinder:presence", { tag: "cinder.presence/1", kind: "changes", node: "x", version: "2" });
    await vi.waitFor(() => expect(node.server.logger.withCode("CINDER_PRESENCE_MALFORMED_STATE")).toHaveLength(1), WAIT);

    // A hash that looks like a node's, with junk in it: read once its owner announces it.
    await admin.hset("cinder:presence:node:intruder", "v", "5", "p:r", "not json", "p:ok", JSON.stringify(["room:lobby", "mallory", { phx_ref: "ok" }]));
    await admin.sadd("cinder:presence:nodes", "intruder");
    await admin.pexpire("cinder:presence:node:intruder", 30_000);
    await foreign.broadcast("cinder:presence", { tag: "cinder.presence/1", kind: "published", node: "intruder", version: 5 });
    await vi.waitFor(() => expect(node.server.logger.withCode("CINDER_PRESENCE_MALFORMED_STATE")).toHaveLength(2), WAIT);
    expect(Object.keys(node.presence.list("room:lobby"))).toEqual(["mallory"]);
    await admin.del("cinder:presence:node:intruder");
    await vi.waitFor(() => expect(node.presence.list("room:lobby")).toEqual({}), WAIT);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
}
