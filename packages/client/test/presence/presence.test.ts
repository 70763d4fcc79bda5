import { describe, expect, it, vi } from "vitest";
import { CinderClientError, Presence, type Channel } from "@cinder/client";
import type { FakeWebSocket } from "../support/fake-websocket.js";
import { connectedSocket, joinedChannel, lastJoin, reply, setupChannelTests } from "../support/channel-harness.js";

/*
 * Presence on a real Channel, the server played through the fake transport: state and diffs as
 * the server sends them (spec §1.15), diffs held until the state of the current join arrives.
 */

setupChannelTests({ fakeTimers: false });

type Meta = { name: string };

function serverPush(transport: FakeWebSocket, channel: Channel, event: string, payload: object, joinRef: string | null = channel.joinRef()): void {
  transport.serverSend(JSON.stringify([joinRef, null, channel.topic, event, payload]));
}

function names(presence: Presence<Meta>): string[] {
  return presence.list((key, { metas }) => `${key}:${metas.map((meta) => meta.name).join("+")}`);
}

describe("Presence on a channel", () => {
  it("holds diffs that arrive before the state, and applies them right after it", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const presence = new Presence<Meta>(channel);
    const syncs: string[][] = [];
    presence.onSync(() => syncs.push(names(presence)));

    // Broadcasts carry no join_ref, so one can overtake the state pushed after the join.
    serverPush(transport, channel, "presence_diff", { joins: { bob: { metas: [{ name: "Bob", phx_ref: "b1" }] } }, leaves: {} }, null);
    expect(presence.inPendingSyncState()).toBe(true);
    expect(presence.list()).toEqual([]);
    expect(syncs).toEqual([]);

    serverPush(transport, channel, "presence_state", { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] } });
    expect(presence.inPendingSyncState()).toBe(false);
    expect(syncs).toEqual([["alice:Alice", "bob:Bob"]]);

    serverPush(transport, channel, "presence_diff", { joins: {}, leaves: { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] } } }, null);
    expect(syncs.at(-1)).toEqual(["bob:Bob"]);
    expect(Object.getPrototypeOf(presence.state)).toBeNull();
  });

  it("waits again after a rejoin: diffs of the new join apply on the new state, and who left meanwhile leaves", () => {
    vi.useFakeTimers(); // the rejoin timer
    const { transport, channel } = joinedChannel("room:lobby");
    const presence = new Presence<Meta>(channel);
    const left: string[] = [];
    presence.onLeave((key, current) => {
      if (current.metas.length === 0) left.push(key);
    });
    serverPush(transport, channel, "presence_state", { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] }, bob: { metas: [{ name: "Bob", phx_ref: "b1" }] } });
    const firstJoinRef = channel.joinRef();

    // The server crashes the channel; the client rejoins with a new join_ref.
    serverPush(transport, channel, "phx_error", { reason: "channel_crash" });
    vi.advanceTimersByTime(1_000);
    const rejoin = lastJoin("room:lobby");
    expect(rejoin[0]).not.toBe(firstJoinRef);
    reply(transport, rejoin, "ok");
    expect(presence.inPendingSyncState()).toBe(true);

    serverPush(transport, channel, "presence_diff", { joins: { carol: { metas: [{ name: "Carol", phx_ref: "c1" }] } }, leaves: {} }, null);
    expect(names(presence)).toEqual(["alice:Alice", "bob:Bob"]);
    serverPush(transport, channel, "presence_state", { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] } });
    expect(names(presence)).toEqual(["alice:Alice", "carol:Carol"]);
    expect(left).toEqual(["bob"]);
  });

  it("listens to the event names it is given", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const presence = new Presence<Meta>(channel, { events: { state: "who", diff: "who_diff" } });
    serverPush(transport, channel, "presence_state", { ignored: { metas: [{ name: "X", phx_ref: "x" }] } });
    serverPush(transport, channel, "who", { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] } });
    serverPush(transport, channel, "who_diff", { joins: { bob: { metas: [{ name: "Bob", phx_ref: "b1" }] } }, leaves: {} }, null);
    expect(names(presence)).toEqual(["alice:Alice", "bob:Bob"]);
  });

  it("ignores the frames of an older incarnation of the channel", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const presence = new Presence<Meta>(channel);
    serverPush(transport, channel, "presence_state", { stale: { metas: [{ name: "Stale", phx_ref: "s" }] } }, "an-older-join-ref");
    expect(presence.inPendingSyncState()).toBe(true);
    expect(presence.list()).toEqual([]);
  });

  it("reports a throwing callback and still keeps its state whole", () => {
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
    const { transport, channel } = joinedChannel("room:lobby");
    const presence = new Presence<Meta>(channel);
    presence.onJoin((key) => {
      if (key === "alice") throw new Error("render failed");
    });
    serverPush(transport, channel, "presence_state", { alice: { metas: [{ name: "Alice", phx_ref: "a1" }] }, bob: { metas: [{ name: "Bob", phx_ref: "b1" }] } });
    expect(names(presence)).toEqual(["alice:Alice", "bob:Bob"]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(CinderClientError);
    expect((reported[0] as Error).message).toContain('presence.onJoin callback on "room:lobby" threw: render failed');
  });

  it("starts empty and pending on a channel that has not joined yet", () => {
    const { socket } = connectedSocket();
    const presence = new Presence(socket.channel("room:later"));
    expect(presence.inPendingSyncState()).toBe(true);
    expect(presence.list()).toEqual([]);
  });
});
