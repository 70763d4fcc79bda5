import { describe, expect, it } from "vitest";
import { Presence } from "@cinder/server";
import { until } from "../support/test-server.js";
import { diffsOn, joinWithPresence, nextDiff, refsByKey, startPresenceServer } from "./presence-server.js";

/*
 * Presence on one node, over real WebSockets (spec §1.15): what a client of a channel that tracks
 * its users sees on the wire — the state after the join, diffs for joins, updates and leaves, and
 * leaves whatever way the tracking channel ends.
 */

describe("Presence on one node", () => {
  it("pushes presence_state after the join, then broadcasts each join as a presence_diff on the fastlane", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    const aliceJoin = await joinWithPresence(alice, "room:lobby", { name: "Alice" });
    expect(aliceJoin.state.payload).toEqual({});
    const aliceJoined = await nextDiff(alice, "room:lobby", (payload) => "alice" in payload.joins, "alice's own join");
    expect(aliceJoined.joinRef).toBeNull();
    expect(aliceJoined.ref).toBeNull();
    expect(aliceJoined.payload.leaves).toEqual({});
    const aliceMeta = aliceJoined.payload.joins.alice.metas[0];
    expect(aliceMeta).toEqual({ name: "Alice", phx_ref: expect.any(String) });

    const bob = await server.connect("user=bob");
    const bobJoin = await joinWithPresence(bob, "room:lobby", { name: "Bob" });
    expect(bobJoin.state.payload).toEqual({ alice: { metas: [aliceMeta] } });
    expect(bobJoin.state.joinRef).toBe(bobJoin.joinRef);
    const bobJoined = await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.joins, "bob's join, seen by alice");
    expect(bobJoined.payload).toEqual({ joins: { bob: { metas: [{ name: "Bob", phx_ref: expect.any(String) }] } }, leaves: {} });
    expect(bobJoined.payload.joins.bob.metas[0].phx_ref).not.toBe(aliceMeta.phx_ref);

    expect(refsByKey(presence.list("room:lobby"))).toEqual({ alice: [aliceMeta.phx_ref], bob: [bobJoined.payload.joins.bob.metas[0].phx_ref] });
    expect(presence.get("room:lobby", "bob")?.metas).toEqual([bobJoined.payload.joins.bob.metas[0]]);
    expect(presence.list("room:other")).toEqual({});
  });

  it("keeps one meta per channel under one key: a user in two tabs has two metas, and closing one leaves the other", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const observer = await server.connect("user=observer");
    await joinWithPresence(observer, "room:lobby");
    const firstTab = await server.connect("user=alice");
    await joinWithPresence(firstTab, "room:lobby", { tab: 1 });
    const secondTab = await server.connect("user=alice");
    await joinWithPresence(secondTab, "room:lobby", { tab: 2 });
    await until(() => presence.get("room:lobby", "alice")?.metas.length === 2, "two metas for alice");
    const metas = presence.get("room:lobby", "alice")?.metas ?? [];
    expect(metas.map((meta) => meta.tab)).toEqual([1, 2]);

    firstTab.terminate();
    const left = await nextDiff(observer, "room:lobby", (payload) => "alice" in payload.leaves, "the first tab's leave");
    expect(left.payload).toEqual({ joins: {}, leaves: { alice: { metas: [metas[0]] } } });
    expect(presence.get("room:lobby", "alice")?.metas).toEqual([metas[1]]);
  });

  it("sends an update as a leave of the old meta and a join of the new one with phx_ref_prev, in one diff", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    const { joinRef } = await joinWithPresence(alice, "room:lobby", { status: "online" });
    const joined = await nextDiff(alice, "room:lobby", (payload) => "alice" in payload.joins, "alice's join");
    const before = joined.payload.joins.alice.metas[0];

    const ref = alice.push(joinRef, "room:lobby", "update", { meta: { status: "away" } });
    expect((await alice.replyTo(ref)).payload.status).toBe("ok");
    const updated = await nextDiff(alice, "room:lobby", (payload) => "alice" in payload.leaves, "the update");
    const after = updated.payload.joins.alice.metas[0];
    expect(updated.payload.leaves).toEqual({ alice: { metas: [before] } });
    expect(after).toEqual({ status: "away", phx_ref: expect.any(String), phx_ref_prev: before.phx_ref });
    expect(after.phx_ref).not.toBe(before.phx_ref);

    const withFunction = alice.push(joinRef, "room:lobby", "update_with", { status: "busy" });
    expect((await alice.replyTo(withFunction)).payload.status).toBe("ok");
    const second = await nextDiff(alice, "room:lobby", (payload) => payload.joins.alice?.metas[0].status === "busy", "the update by function");
    // The function saw the meta without its refs, and only the latest meta is left.
    expect(second.payload.joins.alice.metas[0]).toEqual({ status: "busy", phx_ref: expect.any(String), phx_ref_prev: after.phx_ref });
    expect(presence.get("room:lobby", "alice")?.metas).toEqual([second.payload.joins.alice.metas[0]]);
  });

  it("untrack sends the leave and keeps the channel joined", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    const { joinRef } = await joinWithPresence(alice, "room:lobby");
    await nextDiff(alice, "room:lobby", (payload) => "alice" in payload.joins, "alice's join");
    const ref = alice.push(joinRef, "room:lobby", "untrack");
    expect((await alice.replyTo(ref)).payload.status).toBe("ok");
    await nextDiff(alice, "room:lobby", (payload) => "alice" in payload.leaves, "alice's leave");
    expect(presence.list("room:lobby")).toEqual({});
    // Untracking again is not an error.
    const again = alice.push(joinRef, "room:lobby", "untrack");
    expect((await alice.replyTo(again)).payload.status).toBe("ok");
  });

  it.each([
    ["the client leaves the channel", (client: Awaited<ReturnType<typeof connectAlice>>) => client.client.push(client.joinRef, "room:lobby", "phx_leave")],
    ["the connection closes", (client: Awaited<ReturnType<typeof connectAlice>>) => client.client.terminate()],
    ["the channel crashes", (client: Awaited<ReturnType<typeof connectAlice>>) => client.client.push(client.joinRef, "room:lobby", "crash")],
  ])("ends the presence when %s", async (_what, end) => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const observer = await server.connect("user=observer");
    await joinWithPresence(observer, "room:lobby");
    const alice = await connectAlice(server);
    await nextDiff(observer, "room:lobby", (payload) => "alice" in payload.joins, "alice's join");
    end(alice);
    const left = await nextDiff(observer, "room:lobby", (payload) => "alice" in payload.leaves, "alice's leave");
    expect(left.joinRef).toBeNull();
    expect(Object.keys(presence.list("room:lobby"))).toEqual(["observer"]);
  });

  it("replaces the presence of a channel joined again on the same socket (duplicate join)", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby", { incarnation: 1 });
    await until(() => presence.get("room:lobby", "alice") !== undefined, "alice tracked");
    const first = presence.get("room:lobby", "alice")?.metas[0];
    await joinWithPresence(alice, "room:lobby", { incarnation: 2 });
    await until(() => presence.get("room:lobby", "alice")?.metas[0]?.incarnation === 2, "the second incarnation tracked");
    expect(presence.get("room:lobby", "alice")?.metas).toHaveLength(1);
    expect(presence.get("room:lobby", "alice")?.metas[0]?.phx_ref).not.toBe(first?.phx_ref);
  });

  it("drops what a refused join tracked", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    const { reply } = await alice.join("room:refused");
    expect(reply.payload).toEqual({ status: "error", response: { reason: "refused" } });
    expect(presence.list("room:refused")).toEqual({});
  });

  it("tracks one channel on other topics too, and ends them all with it", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const alice = await server.connect("user=alice");
    const { joinRef } = await joinWithPresence(alice, "room:lobby");
    const ref = alice.push(joinRef, "room:lobby", "track_topic", { topic: "status:alice", key: "web" });
    expect((await alice.replyTo(ref)).payload.status).toBe("ok");
    expect(Object.keys(presence.list("status:alice"))).toEqual(["web"]);
    alice.terminate();
    await until(() => Object.keys(presence.list("status:alice")).length === 0 && Object.keys(presence.list("room:lobby")).length === 0, "both presences gone");
  });

  it("keeps keys such as __proto__ and constructor ordinary keys", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const proto = await server.connect("user=__proto__");
    await joinWithPresence(proto, "room:lobby", { name: "proto" });
    const constructor = await server.connect("user=constructor");
    const { state } = await joinWithPresence(constructor, "room:lobby");
    expect(Object.keys(state.payload)).toEqual(["__proto__"]);
    expect(JSON.parse(state.raw)[4]).toEqual(JSON.parse('{"__proto__":{"metas":[{"name":"proto","phx_ref":"' + presence.get("room:lobby", "__proto__")?.metas[0]?.phx_ref + '"}]}}'));
    const list = presence.list("room:lobby");
    expect(Object.getPrototypeOf(list)).toBeNull();
    expect(Object.keys(list).sort()).toEqual(["__proto__", "constructor"]);
  });

  it("sends each diff once per change to every member, and nothing to other topics", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const elsewhere = await server.connect("user=elsewhere");
    await joinWithPresence(elsewhere, "room:other");
    const alice = await server.connect("user=alice");
    await joinWithPresence(alice, "room:lobby");
    const bob = await server.connect("user=bob");
    await joinWithPresence(bob, "room:lobby");
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.joins, "bob's join");
    bob.terminate();
    await nextDiff(alice, "room:lobby", (payload) => "bob" in payload.leaves, "bob's leave");
    expect(diffsOn(alice, "room:lobby").map((frame) => [Object.keys(frame.payload.joins), Object.keys(frame.payload.leaves)])).toEqual([
      [["alice"], []],
      [["bob"], []],
      [[], ["bob"]],
    ]);
    expect(diffsOn(elsewhere, "room:lobby")).toEqual([]);
  });

  it("is stopped with the app and can run again in a new one", async () => {
    const presence = new Presence();
    const first = await startPresenceServer(presence);
    await first.close();
    expect(() => presence.list("room:lobby")).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_NOT_STARTED" }));
    const second = await startPresenceServer(presence);
    const alice = await second.connect("user=alice");
    await joinWithPresence(alice, "room:lobby");
    await until(() => presence.get("room:lobby", "alice") !== undefined, "alice tracked in the new app");
  });
});

async function connectAlice(server: Awaited<ReturnType<typeof startPresenceServer>>) {
  const client = await server.connect("user=alice");
  const { joinRef } = await joinWithPresence(client, "room:lobby");
  return { client, joinRef };
}
