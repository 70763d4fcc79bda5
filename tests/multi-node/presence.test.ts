import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { startNode, type CinderNode } from "../support/cinder-nodes.js";
import { createPresenceRoomSocket, presenceClients, type PresenceWatcher } from "../support/presence-room.js";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";

/*
 * Presence on two (or three) Cinder nodes sharing one real redis-server, watched through the
 * official `phoenix` client on node A and Cinder's client on node B: users on different nodes see
 * each other; a node that crashes (its Redis connections drop, nothing is untracked) has its users
 * leave on the other nodes once its state expires; a Redis restart loses nothing for good.
 */

const HEARTBEAT_MS = 200;
const NODE_TIMEOUT_MS = 1_000;
const WAIT = { timeout: 10_000, interval: 10 } as const;
/** A crashed node's users must have left by then: its state's TTL, one heartbeat to notice, and slack for a loaded machine. */
const CRASH_DETECTED = { timeout: NODE_TIMEOUT_MS + 2 * HEARTBEAT_MS + 5_000, interval: 10 } as const;

let redis: RedisServer;
let admin: Redis;
const nodes: CinderNode[] = [];
const onA = presenceClients("official");
const onB = presenceClients("cinder");
const onC = presenceClients("official");

function start(name: string): Promise<CinderNode> {
  return startNode(name, redis.url, {
    presence: { heartbeatIntervalMs: HEARTBEAT_MS, nodeTimeoutMs: NODE_TIMEOUT_MS },
    sockets: (_record, presence) => ({ "/socket": createPresenceRoomSocket(presence as NonNullable<typeof presence>) }),
  }).then((node) => {
    nodes.push(node);
    return node;
  });
}

describeWithRedis("Presence on several nodes", () => {
  let nodeA: CinderNode;
  let nodeB: CinderNode;

  beforeAll(async () => {
    redis = await startRedisServer();
    admin = new Redis(redis.url, { retryStrategy: () => 50 });
    admin.on("error", () => {});
  });

  beforeEach(async () => {
    nodeA = await start("a");
    nodeB = await start("b");
  });

  afterEach(async () => {
    await Promise.all([onA.disconnectAll(), onB.disconnectAll(), onC.disconnectAll()]);
    await Promise.all(nodes.splice(0).map((node) => node.stop()));
    await admin.flushall();
  });

  afterAll(async () => {
    admin?.disconnect();
    await redis?.close();
  });

  const joinOn = (node: CinderNode, clients: typeof onA, user: string, meta: object = {}): Promise<PresenceWatcher> =>
    clients.join(node.server.socketUrl(), "room:lobby", { user }, meta);

  it("shows users on node A and node B to each other: joins, updates and leaves", async () => {
    const alice = await joinOn(nodeA, onA, "alice", { on: "a" });
    const bob = await joinOn(nodeB, onB, "bob", { on: "b" });
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob"]), WAIT);
    await vi.waitFor(() => expect(bob.keys()).toEqual(["alice", "bob"]), WAIT);
    expect(alice.current().bob).toEqual([{ on: "b", phx_ref: expect.any(String) }]);
    expect(bob.current().alice).toEqual([{ on: "a", phx_ref: expect.any(String) }]);

    const before = alice.current().bob?.[0]?.phx_ref;
    expect((await bob.push("update", { meta: { on: "b", status: "away" } })).status).toBe("ok");
    await vi.waitFor(() => expect(alice.current().bob).toEqual([{ on: "b", status: "away", phx_ref: expect.any(String), phx_ref_prev: before }]), WAIT);

    await bob.leave();
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice"]), WAIT);
    expect(alice.leaves.filter((leave) => leave.gone).map((leave) => leave.key)).toEqual(["bob"]);
    expect([...nodeA.pubsubLog, ...nodeB.pubsubLog, ...nodeA.cinderLog, ...nodeB.cinderLog]).toEqual([]);
  });

  it("lists one user connected to both nodes once, with a meta per node", async () => {
    const observer = await joinOn(nodeA, onA, "observer");
    await joinOn(nodeA, onA, "alice", { tab: "a" });
    await joinOn(nodeB, onB, "alice", { tab: "b" });
    await vi.waitFor(() => expect(observer.current().alice?.map((meta) => meta.tab).sort()).toEqual(["a", "b"]), WAIT);
  });

  it("removes the users of a node that crashed, on the other node, once its state expires", async () => {
    const alice = await joinOn(nodeA, onA, "alice");
    const bob = await joinOn(nodeB, onB, "bob");
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob"]), WAIT);
    void bob; // node B's own clients are not the point: they stay connected to a node cut off from Redis

    await nodeB.crash();
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice"]), CRASH_DETECTED);
    expect(alice.leaves).toEqual([{ key: "bob", gone: true, refs: [expect.any(String)] }]);
    expect(nodeA.cinderLog).toEqual([expect.stringMatching(/^CINDER_PRESENCE_NODE_DOWN: Presence node \S+ stopped renewing its state in Redis .*its 1 presence\(s\) left\.$/)]);
    // A node that starts now does not see the crashed node's users either.
    const nodeC = await start("c");
    const carol = await joinOn(nodeC, onC, "carol");
    await vi.waitFor(() => expect(carol.keys()).toEqual(["alice", "carol"]), WAIT);
  });

  it("catches up after Redis was down and restarted empty, without showing anyone leave", async () => {
    const alice = await joinOn(nodeA, onA, "alice");
    const bob = await joinOn(nodeB, onB, "bob");
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob"]), WAIT);
    const count = (node: CinderNode, code: string) => node.cinderLog.filter((line) => line.startsWith(code)).length;

    await redis.stop();
    await vi.waitFor(() => expect([count(nodeA, "CINDER_PRESENCE_REDIS_UNAVAILABLE"), count(nodeB, "CINDER_PRESENCE_REDIS_UNAVAILABLE")]).toEqual([1, 1]), WAIT);
    // Each node works alone meanwhile: dave, on node B, is seen there at once, not yet on node A.
    await joinOn(nodeB, onB, "dave");
    await vi.waitFor(() => expect(bob.keys()).toEqual(["alice", "bob", "dave"]), WAIT);
    expect(alice.keys()).toEqual(["alice", "bob"]);

    await redis.start(); // no persistence: every node's state is gone from Redis
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob", "dave"]), WAIT);
    for (const node of [nodeA, nodeB]) await vi.waitFor(() => expect(count(node, "CINDER_PRESENCE_REDIS_RESTORED")).toBe(1), WAIT);
    const members = await admin.smembers("cinder:presence:nodes");
    expect(members).toHaveLength(2);
    const hashes = await Promise.all(members.map((member) => admin.hkeys(`cinder:presence:node:${member}`)));
    expect(hashes.map((fields) => fields.filter((field) => field.startsWith("p:")).length).sort()).toEqual([1, 2]);

    // A node started after the restart learns everyone from Redis alone, and changes flow again.
    const nodeC = await start("c");
    const carol = await joinOn(nodeC, onC, "carol");
    await vi.waitFor(() => expect(carol.keys()).toEqual(["alice", "bob", "carol", "dave"]), WAIT);
    expect((await bob.push("update", { meta: { status: "back" } })).status).toBe("ok");
    await vi.waitFor(() => expect(alice.current().bob?.[0]?.status).toBe("back"), WAIT);
    await vi.waitFor(() => expect(carol.current().bob?.[0]?.status).toBe("back"), WAIT);
    // The only leave anyone saw is bob's old meta on his update, never a user leaving.
    expect(alice.leaves.map((leave) => [leave.key, leave.gone])).toEqual([["bob", false]]);
    await vi.waitFor(() => expect(bob.leaves.map((leave) => [leave.key, leave.gone])).toEqual([["bob", false]]), WAIT);
    expect([...nodeA.cinderLog, ...nodeB.cinderLog].filter((line) => line.startsWith("CINDER_PRESENCE_NODE_DOWN"))).toEqual([]);
  });
});
