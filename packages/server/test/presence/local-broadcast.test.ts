import { afterAll, beforeAll, expect, it } from "vitest";
import { Redis } from "ioredis";
import { LocalPubSub, RedisPubSub, type PubSubMessage } from "@cinder/server";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";
import { RecordingLogger } from "../support/test-server.js";

/*
 * `localBroadcast` (Phoenix.PubSub's local_broadcast), which Presence uses to tell each node's
 * own subscribers what changed in that node's replica: it must never reach another node.
 */

it("LocalPubSub delivers a local broadcast like any broadcast", async () => {
  const pubsub = new LocalPubSub();
  const received: PubSubMessage[] = [];
  await pubsub.subscribe("room:lobby", (message) => received.push(message));
  await pubsub.localBroadcast("room:lobby", { n: 1 });
  expect(received).toEqual([{ n: 1 }]);
  await pubsub.close();
  await expect(pubsub.localBroadcast("room:lobby", {})).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
});

let redis: RedisServer;

describeWithRedis("RedisPubSub.localBroadcast", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await redis?.close();
  });

  it("reaches the subscribers of this node only", async () => {
    const clients = [new Redis(redis.url), new Redis(redis.url)];
    const [a, b] = clients.map((client) => new RedisPubSub(client, { logger: new RecordingLogger() })) as [RedisPubSub, RedisPubSub];
    const onA: PubSubMessage[] = [];
    const onB: PubSubMessage[] = [];
    await a.subscribe("room:lobby", (message) => onA.push(message));
    await b.subscribe("room:lobby", (message) => onB.push(message));

    await a.localBroadcast("room:lobby", { only: "a" });
    // A broadcast made after it reaches B; had the local one been published, it would have come first.
    await a.broadcast("room:lobby", { everyone: true });
    await expect.poll(() => onB, { timeout: 5_000 }).toEqual([{ everyone: true }]);
    expect(onA).toEqual([{ only: "a" }, { everyone: true }]);

    await Promise.all([a.close(), b.close()]);
    await expect(a.localBroadcast("room:lobby", {})).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
    await Promise.all(clients.map((client) => client.quit()));
  });
});
