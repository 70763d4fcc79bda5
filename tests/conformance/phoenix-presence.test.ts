import { afterEach, describe, expect, it, vi } from "vitest";
import { Presence } from "@cinder/server";
import { useChannelServer } from "../support/channel-server.js";
import { createPresenceRoomSocket, PRESENCE_CLIENTS, presenceClients, type PresenceClientKind } from "../support/presence-room.js";

/*
 * Presence as the official `phoenix` 1.8.16 client's `Presence` sees a Cinder server — and the
 * same scenarios with Cinder's own client: joins, leaves, updates (phx_ref_prev), a user in two
 * tabs, a dropped socket and a crashed channel that come back by themselves. Each client's
 * Presence is the oracle: what it lists is what a user sees.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

describe.each(PRESENCE_CLIENTS)("Presence with the %s client", (kind: PresenceClientKind) => {
  const presence = new Presence();
  const server = useChannelServer({ sockets: () => ({ "/socket": createPresenceRoomSocket(presence) }), plugin: { presence } });
  const clients = presenceClients(kind);

  afterEach(async () => {
    await clients.disconnectAll();
    await vi.waitFor(() => expect(presence.list("room:lobby")).toEqual({}), WAIT);
  });

  const join = (user: string, meta: object = {}, conn?: string) =>
    clients.join(server.socketUrl(), "room:lobby", conn === undefined ? { user } : { user, conn }, meta);

  it("lists both of two users after they join, and the one left after the other leaves", async () => {
    const alice = await join("alice", { name: "Alice" });
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice"]), WAIT);
    const bob = await join("bob", { name: "Bob" });
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob"]), WAIT);
    await vi.waitFor(() => expect(bob.keys()).toEqual(["alice", "bob"]), WAIT);
    expect(bob.current().alice).toEqual([{ name: "Alice", phx_ref: expect.any(String) }]);
    expect(alice.joins.find((join) => join.key === "bob")).toMatchObject({ newcomer: true });

    await bob.leave();
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice"]), WAIT);
    expect(alice.leaves).toEqual([{ key: "bob", gone: true, refs: [bob.joins.find((join) => join.key === "bob")?.refs[0]] }]);
  });

  it("shows an update as the same user with a new meta (phx_ref_prev), never as a leave of the user", async () => {
    const alice = await join("alice", { status: "online" });
    const bob = await join("bob");
    await vi.waitFor(() => expect(bob.keys()).toEqual(["alice", "bob"]), WAIT);
    const before = bob.current().alice?.[0];

    expect((await alice.push("update", { meta: { status: "away" } })).status).toBe("ok");
    await vi.waitFor(() => expect(bob.current().alice?.[0]?.status).toBe("away"), WAIT);
    expect(bob.current().alice).toEqual([{ status: "away", phx_ref: expect.any(String), phx_ref_prev: before?.phx_ref }]);
    expect(bob.leaves).toEqual([{ key: "alice", gone: false, refs: [before?.phx_ref] }]);
    expect(bob.joins.filter((join) => join.key === "alice").map((join) => join.newcomer)).toEqual([true, false]);
  });

  it("lists a user in two tabs once, with two metas, until both tabs are gone", async () => {
    const observer = await join("observer");
    const firstTab = await join("alice", { tab: 1 });
    const secondTab = await join("alice", { tab: 2 });
    await vi.waitFor(() => expect(observer.current().alice?.map((meta) => meta.tab)).toEqual([1, 2]), WAIT);
    await firstTab.leave();
    await vi.waitFor(() => expect(observer.current().alice?.map((meta) => meta.tab)).toEqual([2]), WAIT);
    expect(observer.leaves).toEqual([{ key: "alice", gone: false, refs: [expect.any(String)] }]);
    await secondTab.leave();
    await vi.waitFor(() => expect(observer.keys()).toEqual(["observer"]), WAIT);
  });

  it("shows a dropped socket's user leaving, then back with a new ref once the client reconnects by itself", async () => {
    const alice = await join("alice", {}, `alice-${kind}`);
    const bob = await join("bob");
    await vi.waitFor(() => expect(bob.keys()).toEqual(["alice", "bob"]), WAIT);
    const firstRef = bob.current().alice?.[0]?.phx_ref;

    await server.app?.cinder.broadcast(`conn:alice-${kind}`, "disconnect", {});
    await vi.waitFor(() => expect(bob.leaves.map((leave) => leave.key)).toContain("alice"), WAIT);
    await vi.waitFor(() => expect(bob.current().alice?.map((meta) => meta.phx_ref)).toEqual([expect.not.stringMatching(`^${firstRef}$`)]), WAIT);
    // Alice's own Presence took the state of her new join: herself once (the new ref) and Bob.
    await vi.waitFor(() => expect(alice.current().alice?.map((meta) => meta.phx_ref)).toEqual(bob.current().alice?.map((meta) => meta.phx_ref)), WAIT);
    expect(alice.keys()).toEqual(["alice", "bob"]);
  });

  it("shows a crashed channel's user leaving and coming back when the channel rejoins", async () => {
    const alice = await join("alice");
    const bob = await join("bob");
    await vi.waitFor(() => expect(alice.keys()).toEqual(["alice", "bob"]), WAIT);
    const firstRef = alice.current().alice?.[0]?.phx_ref;

    void alice.push("crash", {});
    await vi.waitFor(() => expect(bob.leaves.map((leave) => leave.refs[0])).toContain(firstRef), WAIT);
    await vi.waitFor(() => expect(alice.current().alice).toEqual([{ phx_ref: expect.not.stringMatching(`^${firstRef}$`) }]), WAIT);
    await vi.waitFor(() => expect(bob.current().alice).toEqual(alice.current().alice), WAIT);
    expect(alice.keys()).toEqual(["alice", "bob"]);
  });
});
