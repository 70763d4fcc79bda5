import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { Channel } from "phoenix";
import { pushResult } from "../support/push-result.js";
import { bytesOf, nextClose, nextMessage } from "../support/channel-clients.js";
import { officialClients } from "../support/official-phoenix-client.js";
import { startNode, type CinderNode } from "../support/cinder-nodes.js";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";

/*
 * Two Cinder nodes on one Redis, clients of the official `phoenix` client on each: what a user of
 * a load-balanced deploy sees. A broadcast made on one node reaches the channels joined on the
 * other; a socket id's `disconnect` reaches the socket wherever it is connected.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

let redis: RedisServer;
let nodeA: CinderNode;
let nodeB: CinderNode;
let onA: ReturnType<typeof officialClients>;
let onB: ReturnType<typeof officialClients>;

describeWithRedis("channels on several nodes", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });

  beforeEach(async () => {
    nodeA = await startNode("a", redis.url);
    nodeB = await startNode("b", redis.url);
    onA = officialClients(() => nodeA.server);
    onB = officialClients(() => nodeB.server);
  });

  afterEach(async () => {
    await Promise.all([onA.disconnectAll(), onB.disconnectAll()]);
    await Promise.all([nodeA.stop(), nodeB.stop()]);
    // Nothing went wrong between the nodes and Redis in any of these scenarios.
    expect([...nodeA.pubsubLog, ...nodeB.pubsubLog]).toEqual([]);
  });

  afterAll(async () => {
    await redis?.close();
  });

  async function lobbyOn(clients: ReturnType<typeof officialClients>, params: object = {}): Promise<Channel> {
    return clients.joined(await clients.connectedSocket({ params }), "room:lobby");
  }

  it("a broadcast from a channel on node A reaches the client on node B, and back", async () => {
    const alice = await lobbyOn(onA);
    const bob = await lobbyOn(onB);

    const bobHears = nextMessage(bob, "broadcasted");
    const aliceHearsHerself = nextMessage(alice, "broadcasted");
    expect((await pushResult(alice.push("broadcast", { body: "hi from A" }))).status).toBe("ok");
    expect(await bobHears).toEqual({ body: "hi from A" });
    expect(await aliceHearsHerself).toEqual({ body: "hi from A" });

    const aliceHears = nextMessage(alice, "broadcasted");
    expect((await pushResult(bob.push("broadcast", { body: "hi from B" }))).status).toBe("ok");
    expect(await aliceHears).toEqual({ body: "hi from B" });
  });

  it("keeps the order of a client's broadcasts on the other node", async () => {
    const alice = await lobbyOn(onA);
    const bob = await lobbyOn(onB);
    const heard: unknown[] = [];
    bob.on("broadcasted", (payload) => {
      heard.push(payload);
    });
    for (let index = 0; index < 10; index++) void alice.push("broadcast", { index });
    await vi.waitFor(() => expect(heard).toHaveLength(10), WAIT);
    expect(heard).toEqual(Array.from({ length: 10 }, (_, index) => ({ index })));
  });

  it("broadcast_from skips only the sending client: its neighbours on node A and the clients on node B hear it", async () => {
    const sender = await lobbyOn(onA);
    const neighbour = await lobbyOn(onA);
    const remote = await lobbyOn(onB);
    const senderHeard: unknown[] = [];
    sender.on("broadcasted", (payload) => {
      senderHeard.push(payload);
    });

    const neighbourHears = nextMessage(neighbour, "broadcasted");
    const remoteHears = nextMessage(remote, "broadcasted");
    expect((await pushResult(sender.push("broadcast_from", { body: "not to me" }))).status).toBe("ok");
    expect(await neighbourHears).toEqual({ body: "not to me" });
    expect(await remoteHears).toEqual({ body: "not to me" });

    // Ordered after it on every node: once the sender hears the next broadcast, it would have heard the first.
    const senderHearsNext = nextMessage(sender, "broadcasted");
    await pushResult(remote.push("broadcast", { body: "to everyone" }));
    await senderHearsNext;
    expect(senderHeard).toEqual([{ body: "to everyone" }]);
  });

  it("carries a binary broadcast between nodes byte for byte", async () => {
    const alice = await lobbyOn(onA);
    const bob = await lobbyOn(onB);
    const bytes = new Uint8Array(256).map((_, index) => index);
    const bobHears = nextMessage<ArrayBuffer>(bob, "broadcasted");
    expect((await pushResult(alice.push("broadcast", bytes.buffer))).status).toBe("ok");
    const received = await bobHears;
    expect(received).toBeInstanceOf(ArrayBuffer);
    expect(bytesOf(received)).toEqual([...bytes]);
  });

  it("app.cinder.broadcast on node A reaches the clients of both nodes", async () => {
    const alice = await lobbyOn(onA);
    const bob = await lobbyOn(onB);
    const aliceHears = nextMessage(alice, "announcement");
    const bobHears = nextMessage(bob, "announcement");
    await nodeA.server.app?.cinder.broadcast("room:lobby", "announcement", { body: "maintenance at noon" });
    expect(await aliceHears).toEqual({ body: "maintenance at noon" });
    expect(await bobHears).toEqual({ body: "maintenance at noon" });
  });

  it("a disconnect broadcast to user 42's socket id on node A closes user 42's sockets on both nodes, and only those", async () => {
    const user42OnB = await onB.connectedSocket({ params: { user_id: "42" }, reconnectAfterMs: () => 60_000 });
    const user42OnA = await onA.connectedSocket({ params: { user_id: "42" }, reconnectAfterMs: () => 60_000 });
    const user7OnB = await onB.connectedSocket({ params: { user_id: "7" } });
    const user7Channel = await onB.joined(user7OnB, "room:lobby");
    const closedOnB = nextClose(user42OnB);
    const closedOnA = nextClose(user42OnA);

    await nodeA.server.app?.cinder.broadcast("user_socket:42", "disconnect", {});

    expect(await closedOnB).toMatchObject({ code: 1001 });
    expect(await closedOnA).toMatchObject({ code: 1001 });
    expect(user7OnB.isConnected()).toBe(true);
    expect(await pushResult(user7Channel.push("echo", { still: "here" }))).toEqual({ status: "ok", response: { echo: { still: "here" } } });
  });
});
