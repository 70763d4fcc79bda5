import { afterEach, describe, expect, it, vi } from "vitest";
import { nextMessage } from "../support/channel-clients.js";
import { useChannelServer } from "../support/channel-server.js";
import { joinRefOf, officialClients } from "../support/official-phoenix-client.js";
import { pushResult } from "../support/push-result.js";

/*
 * Conformance, channel lifecycle: the official `phoenix` 1.8.16 Channel (in Node, over `ws`)
 * against Cinder's server — leave, a graceful server-side stop (phx_close), a crash (phx_error
 * and the automatic rejoin) and a second Channel object joining a topic already joined.
 *
 * One server serves the whole file and its `events` accumulate; every test uses its own topics.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

const server = useChannelServer();
const clients = officialClients(() => server);
const { connectedSocket, joined } = clients;
afterEach(() => clients.disconnectAll());

const joinsOf = (topic: string) => server.eventsOf("join", (event) => event.topic === topic);

describe("leave", () => {
  it("closes the channel and ends it on the server with terminate('left')", async () => {
    const socket = await connectedSocket();
    const channel = await joined(socket, "room:leave");
    const joinRef = joinRefOf(channel);
    const closed = new Promise((resolve) => channel.onClose(resolve));

    expect((await pushResult(channel.leave())).status).toBe("ok");
    // The official client closes a leaving channel at once, with the payload "leave".
    expect(await closed).toBe("leave");
    expect(channel.state).toBe("closed");
    const terminated = await server.waitForEvent("terminate", (event) => event.topic === "room:leave" && event.joinRef === joinRef);
    expect(terminated.reason).toBe("left");

    // The server forgot the topic: a new Channel object on it joins afresh.
    const again = await joined(socket, "room:leave");
    expect(joinRefOf(again)).not.toBe(joinRef);
    expect((await pushResult(again.push("echo", {}))).status).toBe("ok");
  });
});

describe("server-side stop (phx_close)", () => {
  it("closes the channel for good: onClose fires, and the client does not rejoin", async () => {
    const rejoinAfterMs = vi.fn(() => 10);
    const socket = await connectedSocket({ rejoinAfterMs });
    const channel = await joined(socket, "room:stop");
    const joinRef = joinRefOf(channel);
    const closed = new Promise((resolve) => channel.onClose(resolve));
    const errored = vi.fn();
    channel.onError(errored);

    channel.push("stop", {}, 1000);
    expect(await closed).toEqual({});
    expect(channel.state).toBe("closed");
    const terminated = await server.waitForEvent("terminate", (event) => event.topic === "room:stop" && event.joinRef === joinRef);
    expect(terminated.reason).toBe("normal");
    // No rejoin was even scheduled (the schedule is consulted whenever one is), and the server
    // saw a single join of the topic once later traffic on the socket has gone through.
    expect((await joined(socket, "room:after-stop")).state).toBe("joined");
    expect(rejoinAfterMs).not.toHaveBeenCalled();
    expect(errored).not.toHaveBeenCalled();
    expect(joinsOf("room:stop")).toHaveLength(1);
  });
});

describe("server-side crash (phx_error)", () => {
  it("errors the channel with {reason: 'channel_crash'} and rejoins it automatically", async () => {
    const socket = await connectedSocket({ rejoinAfterMs: () => 20 });
    const channel = await joined(socket, "room:crash", { attempt: "first" });
    const firstJoinRef = joinRefOf(channel);
    const errored = new Promise((resolve) => channel.onError(resolve));
    const closed = vi.fn();
    channel.onClose(closed);

    // The crashing push gets no reply; it times out on its own.
    channel.push("crash", {}, 500);
    expect(await errored).toEqual({ reason: "channel_crash" });
    const terminated = await server.waitForEvent("terminate", (event) => event.topic === "room:crash" && event.joinRef === firstJoinRef);
    expect(terminated.reason).toBe("crashed");

    await vi.waitFor(() => expect(channel.state).toBe("joined"), WAIT);
    const secondJoinRef = joinRefOf(channel);
    expect(secondJoinRef).not.toBe(firstJoinRef);
    const rejoin = await server.waitForEvent("join", (event) => event.topic === "room:crash" && event.joinRef === secondJoinRef);
    expect(rejoin.payload).toEqual({ attempt: "first" });
    expect(await pushResult(channel.push("echo", { after: "crash" }))).toEqual({ status: "ok", response: { echo: { after: "crash" } } });
    expect(closed).not.toHaveBeenCalled();
  });
});

describe("duplicate join", () => {
  it("closes the older Channel object when a second one joins the same topic; only the new one is served", async () => {
    const socket = await connectedSocket();
    const older = await joined(socket, "room:duplicate", { who: "older" });
    const olderJoinRef = joinRefOf(older);
    const olderClosed = new Promise((resolve) => older.onClose(resolve));
    const olderReceived = vi.fn();
    older.on("broadcasted", olderReceived);
    older.on("pushed", olderReceived);

    const newer = await joined(socket, "room:duplicate", { who: "newer" });
    // The official client leaves the joined Channel object itself before the new join goes out.
    expect(await olderClosed).toBe("leave");
    expect(older.state).toBe("closed");
    expect(newer.state).toBe("joined");
    expect(joinRefOf(newer)).not.toBe(olderJoinRef);

    // The server ended the older incarnation: "left" when its phx_leave was handled before the
    // new phx_join, "duplicate_join" when the join found it still alive (spec §1.8.3).
    const terminated = await server.waitForEvent("terminate", (event) => event.topic === "room:duplicate" && event.joinRef === olderJoinRef);
    expect(["left", "duplicate_join"]).toContain(terminated.reason);

    // Exactly one incarnation is subscribed: a broadcast arrives once, and only at the newer.
    const newerBroadcasts = vi.fn();
    newer.on("broadcasted", newerBroadcasts);
    const pushed = nextMessage(newer, "pushed");
    expect((await pushResult(newer.push("broadcast", { n: 1 }))).status).toBe("ok");
    expect((await pushResult(newer.push("push_to_me", { n: 2 }))).status).toBe("ok");
    expect(newerBroadcasts.mock.calls).toEqual([[{ n: 1 }, null, joinRefOf(newer)]]);
    expect(await pushed).toEqual({ n: 2 });
    expect(olderReceived).not.toHaveBeenCalled();
    expect(older.state).toBe("closed");
  });
});
