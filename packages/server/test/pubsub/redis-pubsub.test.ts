import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { RedisPubSub, type PubSubMessage, type RedisPubSubOptions } from "@cinder/server";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";
import { RecordingLogger } from "../support/test-server.js";
import { describePubSubContract } from "./pubsub-contract.js";

/*
 * RedisPubSub against a real redis-server on a free loopback port. Two RedisPubSub instances on
 * one Redis are two nodes; a third plain client plays Redis's admin (PUBSUB NUMSUB) and a foreign
 * publisher. Nothing is mocked.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

let redis: RedisServer;
const clients: Redis[] = [];
const nodes: RedisPubSub[] = [];

/** A client as an application would make it; errors while Redis is down are expected here. */
function newClient(): Redis {
  const client = new Redis(redis.url, { retryStrategy: () => 50 });
  client.on("error", () => {});
  clients.push(client);
  return client;
}

function newNode(options: RedisPubSubOptions = {}): { node: RedisPubSub; client: Redis; logger: RecordingLogger } {
  const logger = new RecordingLogger();
  const client = newClient();
  const node = new RedisPubSub(client, { logger, ...options });
  nodes.push(node);
  return { node, client, logger };
}

/** What a subscriber received, in order. */
async function listen(node: RedisPubSub, topic: string): Promise<{ messages: PubSubMessage[]; unsubscribe(): Promise<void> }> {
  const messages: PubSubMessage[] = [];
  const subscription = await node.subscribe(topic, (message) => messages.push(message));
  return { messages, unsubscribe: () => subscription.unsubscribe() };
}

async function numsub(channel: string): Promise<number> {
  const admin = clients[0] ?? newClient();
  const reply = (await admin.call("PUBSUB", "NUMSUB", channel)) as [string, number];
  return Number(reply[1]);
}

describeWithRedis("RedisPubSub", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterEach(async () => {
    await redis.start(); // a test that stopped Redis leaves it running for the next
    await Promise.all(nodes.splice(0).map((node) => node.close()));
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await redis?.close();
  });

  describePubSubContract("RedisPubSub", async (reportHandlerError) => {
    const logger = new RecordingLogger();
    logger.error = (fields, message) => {
      if (fields.code === "CINDER_PUBSUB_HANDLER_FAILED") reportHandlerError(fields.err, String(fields.topic));
      else throw new Error(`unexpected error log: ${message}`);
    };
    return new RedisPubSub(newClient(), { logger });
  });

  it("carries broadcasts to the other node in order, one decoded object shared by its subscribers", async () => {
    const a = newNode();
    const b = newNode();
    const first = await listen(b.node, "room:lobby");
    const second = await listen(b.node, "room:lobby");
    for (let index = 0; index < 20; index++) await a.node.broadcast("room:lobby", { index });
    await vi.waitFor(() => expect(second.messages).toHaveLength(20), WAIT);
    expect(first.messages).toEqual(Array.from({ length: 20 }, (_, index) => ({ index })));
    first.messages.forEach((message, index) => expect(message).toBe(second.messages[index]));
  });

  it("orders a broadcast made by a subscriber after the one it handles, on every node", async () => {
    const a = newNode();
    const b = newNode();
    await a.node.subscribe("chain", (message) => {
      if (message === "first") void a.node.broadcast("chain", "second");
    });
    const local = await listen(a.node, "chain");
    const remote = await listen(b.node, "chain");
    await a.node.broadcast("chain", "first");
    expect(local.messages).toEqual(["first", "second"]);
    await vi.waitFor(() => expect(remote.messages).toHaveLength(2), WAIT);
    expect(remote.messages).toEqual(["first", "second"]);
  });

  it("keeps bytes bytes and every JSON value intact between nodes", async () => {
    const a = newNode();
    const b = newNode();
    const received = await listen(b.node, "files");
    const allBytes = new Uint8Array(256).map((_, index) => index);
    const message = {
      $cinder: "broadcast",
      event: "upload",
      payload: allBytes,
      meta: { name: "naïve 😀.bin", size: 256, ratio: 0.5, big: 2 ** 40, empty: new Uint8Array(0), list: [null, true, false, "", [allBytes]] },
    };
    await a.node.broadcast("files", message);
    await a.node.broadcast("files", allBytes);
    await vi.waitFor(() => expect(received.messages).toHaveLength(2), WAIT);
    expect(received.messages).toEqual([message, allBytes]);
    expect(Object.getPrototypeOf(received.messages[1])).toBe(Uint8Array.prototype);
  });

  it("broadcastFrom skips only the sender: the other subscribers of its node and every subscriber elsewhere get it", async () => {
    const a = newNode();
    const b = newNode();
    const senderGot: PubSubMessage[] = [];
    const sender = await a.node.subscribe("room:1", (message) => senderGot.push(message));
    const neighbour = await listen(a.node, "room:1");
    const remote = await listen(b.node, "room:1");
    const remoteToo = await listen(b.node, "room:1");
    await a.node.broadcastFrom(sender, "room:1", "hello");
    expect(neighbour.messages).toEqual(["hello"]);
    await vi.waitFor(() => expect(remote.messages).toEqual(["hello"]), WAIT);
    expect(remoteToo.messages).toEqual(["hello"]);
    // Redis delivers in publish order: once B's answer reaches A, any echo of "hello" would have too.
    await b.node.broadcast("room:1", "answer");
    await vi.waitFor(() => expect(neighbour.messages).toEqual(["hello", "answer"]), WAIT);
    expect(senderGot).toEqual(["answer"]);
  });

  it("delivers a node's own broadcast to its subscribers once, straight away, and ignores its echo", async () => {
    const a = newNode();
    const b = newNode();
    const local = await listen(a.node, "t");
    const remote = await listen(b.node, "t");
    await a.node.broadcast("t", "mine");
    expect(local.messages).toEqual(["mine"]); // before any round trip
    await vi.waitFor(() => expect(remote.messages).toEqual(["mine"]), WAIT);
    await b.node.broadcast("t", "theirs");
    await vi.waitFor(() => expect(local.messages).toEqual(["mine", "theirs"]), WAIT);
  });

  it("holds one Redis subscription per topic per node, from the first local subscriber to the last", async () => {
    const a = newNode();
    const b = newNode();
    expect(await numsub("cinder:t")).toBe(0);
    const onA = [await listen(a.node, "t"), await listen(a.node, "t"), await listen(a.node, "t")];
    expect(await numsub("cinder:t")).toBe(1);
    const onB = [await listen(b.node, "t"), await listen(b.node, "t")];
    expect(await numsub("cinder:t")).toBe(2);
    await onA[0]?.unsubscribe();
    await onA[1]?.unsubscribe();
    expect(await numsub("cinder:t")).toBe(2);
    await onA[2]?.unsubscribe();
    expect(await numsub("cinder:t")).toBe(1);
    await onB[0]?.unsubscribe();
    await onB[1]?.unsubscribe();
    expect(await numsub("cinder:t")).toBe(0);
    expect(a.node.subscriberCount() + b.node.subscriberCount()).toBe(0);
    // Subscribing again after the last one left subscribes the node again.
    const again = await listen(a.node, "t");
    expect(await numsub("cinder:t")).toBe(1);
    await b.node.broadcast("t", "back");
    await vi.waitFor(() => expect(again.messages).toEqual(["back"]), WAIT);
  });

  it("keeps apps with different prefixes apart on one Redis", async () => {
    const shop = newNode({ prefix: "shop:" });
    const blog = newNode({ prefix: "blog:" });
    const shopPeer = newNode({ prefix: "shop:" });
    const blogHears = await listen(blog.node, "news");
    const shopHears = await listen(shopPeer.node, "news");
    expect(await numsub("shop:news")).toBe(1);
    expect(await numsub("blog:news")).toBe(1);
    await shop.node.broadcast("news", "sale");
    await vi.waitFor(() => expect(shopHears.messages).toEqual(["sale"]), WAIT);
    await blog.node.broadcast("news", "post");
    await vi.waitFor(() => expect(blogHears.messages).toEqual(["post"]), WAIT);
    await shop.node.broadcast("news", "after"); // reaches shopPeer after "post" reached blog: blog never saw "sale"
    await vi.waitFor(() => expect(shopHears.messages).toEqual(["sale", "after"]), WAIT);
    expect(blogHears.messages).toEqual(["post"]);
  });

  it("drops what another publisher writes on its channels, with one log line, and keeps working", async () => {
    const a = newNode();
    const b = newNode();
    const received = await listen(b.node, "room:garbage");
    const foreign = newClient();
    await foreign.publish("cinder:room:garbage", "not a Cinder message");
    await foreign.publish("cinder:room:garbage", Buffer.from([0xc1, 1, 2, 3])); // our version byte, then nonsense
    await foreign.publish("cinder:room:garbage", '{"$cinder":"broadcast","event":"x","payload":{}}');
    await a.node.broadcast("room:garbage", "real");
    await vi.waitFor(() => expect(received.messages).toEqual(["real"]), WAIT);
    const logged = b.logger.withCode("CINDER_PUBSUB_REDIS_MALFORMED_MESSAGE");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe("warn");
    expect(logged[0]?.fields.topic).toBe("room:garbage");
    expect(logged[0]?.message).toContain("prefix");
  });

  it("rejects a message that cannot travel between nodes, delivering it nowhere", async () => {
    const a = newNode();
    const local = await listen(a.node, "t");
    await expect(a.node.broadcast("t", { at: new Date(0) } as unknown as PubSubMessage)).rejects.toMatchObject({
      code: "CINDER_PUBSUB_UNENCODABLE_MESSAGE",
      message: expect.stringContaining("message.at is an instance of Date"),
    });
    expect(local.messages).toEqual([]);
  });

  it("survives a Redis restart: logs the outage once, works alone meanwhile, then resubscribes every topic", async () => {
    const a = newNode();
    const b = newNode();
    const kept = await listen(b.node, "room:kept");
    const releasedDuringOutage = await listen(b.node, "room:released");
    const localDuringOutage = await listen(a.node, "room:kept");
    expect(await numsub("cinder:room:kept")).toBe(2);

    await redis.stop();
    await vi.waitFor(() => {
      expect(a.logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")).toHaveLength(1);
      expect(b.logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")).toHaveLength(1);
    }, WAIT);
    expect(a.logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")[0]?.level).toBe("error");
    await vi.waitFor(() => expect(a.client.status).not.toBe("ready"), WAIT);

    // While down: broadcasts resolve and reach this node's subscribers; subscribe resolves too.
    await a.node.broadcast("room:kept", "while down 1");
    await a.node.broadcast("room:kept", "while down 2");
    expect(localDuringOutage.messages).toEqual(["while down 1", "while down 2"]);
    const addedDuringOutage = await listen(b.node, "room:added");
    await releasedDuringOutage.unsubscribe();
    expect(a.logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")).toHaveLength(1); // once per outage, however many failures

    await redis.start();
    await vi.waitFor(() => {
      expect(a.logger.withCode("CINDER_PUBSUB_REDIS_RESTORED")).toHaveLength(1);
      expect(b.logger.withCode("CINDER_PUBSUB_REDIS_RESTORED")).toHaveLength(1);
    }, WAIT);
    expect(a.logger.withCode("CINDER_PUBSUB_REDIS_RESTORED")[0]?.fields).toMatchObject({ dropped: 2, topics: 1 });
    // A new subscription is confirmed after the reconnect's own SUBSCRIBE/UNSUBSCRIBE on that connection.
    await listen(b.node, "room:barrier");
    expect(await numsub("cinder:room:kept")).toBe(2);
    expect(await numsub("cinder:room:added")).toBe(1);
    expect(await numsub("cinder:room:released")).toBe(0);

    await vi.waitFor(() => expect(a.client.status).toBe("ready"), WAIT);
    await a.node.broadcast("room:kept", "after");
    await a.node.broadcast("room:added", "new topic");
    await vi.waitFor(() => expect(kept.messages).toEqual(["after"]), WAIT);
    await vi.waitFor(() => expect(addedDuringOutage.messages).toEqual(["new topic"]), WAIT);
    expect(localDuringOutage.messages).toEqual(["while down 1", "while down 2", "after"]);
  });

  it("starts while Redis is down and joins in once it is up", async () => {
    await redis.stop();
    const a = newNode();
    const early = await listen(a.node, "t"); // resolves: the node works alone until Redis is there
    await a.node.broadcast("t", "alone");
    expect(early.messages).toEqual(["alone"]);
    await redis.start();
    await vi.waitFor(() => expect(a.logger.withCode("CINDER_PUBSUB_REDIS_RESTORED")).toHaveLength(1), WAIT);
    await listen(a.node, "barrier");
    expect(await numsub("cinder:t")).toBe(1);
    const b = newNode();
    await b.node.broadcast("t", "from b");
    await vi.waitFor(() => expect(early.messages).toEqual(["alone", "from b"]), WAIT);
  });

  it("says so when a connection will not come back (the client's retryStrategy gave up), and keeps working alone", async () => {
    const logger = new RecordingLogger();
    const client = new Redis(redis.url, { retryStrategy: () => null }); // its duplicate() gives up too
    client.on("error", () => {});
    clients.push(client);
    const node = new RedisPubSub(client, { logger });
    nodes.push(node);
    const local = await listen(node, "t");
    await redis.stop();
    const unavailable = () => logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE");
    await vi.waitFor(() => expect(unavailable().filter((record) => String(record.fields.reason).includes("will not reconnect"))).toHaveLength(2), WAIT);
    expect(new Set(unavailable().map((record) => record.fields.connection))).toEqual(new Set(["publisher", "subscriber"]));
    expect(unavailable()).toHaveLength(3); // the outage once, then each connection's end once
    await node.broadcast("t", "alone");
    expect(local.messages).toEqual(["alone"]);
  });

  it("reports a client that was already quit, and delivers on this node meanwhile", async () => {
    const logger = new RecordingLogger();
    const client = newClient();
    await client.quit();
    await vi.waitFor(() => expect(client.status).toBe("end"), WAIT);
    const node = new RedisPubSub(client, { logger });
    nodes.push(node);
    expect(logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")).toMatchObject([{ fields: { connection: "publisher", reason: 'the client given is "end"' } }]);
    const local = await listen(node, "t");
    await node.broadcast("t", "alone");
    expect(local.messages).toEqual(["alone"]);
  });

  it("close quits the subscriber connection it made and leaves the application's client open", async () => {
    const a = newNode();
    await listen(a.node, "t");
    await listen(a.node, "u");
    expect(await numsub("cinder:t")).toBe(1);
    await a.node.close();
    await a.node.close(); // idempotent
    expect(await numsub("cinder:t")).toBe(0);
    expect(await numsub("cinder:u")).toBe(0);
    expect(await a.client.ping()).toBe("PONG");
    expect(a.logger.withCode("CINDER_PUBSUB_REDIS_UNAVAILABLE")).toEqual([]);
  });

  it("refuses a client that is not an ioredis-like client, and a prefix that is not a string", () => {
    expect(() => new RedisPubSub({} as never)).toThrow(expect.objectContaining({ code: "CINDER_PUBSUB_INVALID_REDIS_CLIENT" }));
    expect(() => new RedisPubSub(newClient(), { prefix: 42 as never })).toThrow(expect.objectContaining({ code: "CINDER_PUBSUB_INVALID_PREFIX" }));
  });
});
