import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel } from "phoenix";
import { bytesOf, nextMessage } from "../support/channel-clients.js";
import { FORBIDDEN_TOPIC, useChannelServer } from "../support/channel-server.js";
import { joinRefOf, officialClients } from "../support/official-phoenix-client.js";
import { pushResult } from "../support/push-result.js";

/*
 * Conformance, channel side: the official `phoenix` 1.8.16 Channel (in Node, over `ws`) against
 * Cinder's server — joins, replies, server pushes, broadcasts and binary frames. Leave, server-side
 * close and crash and duplicate joins are in `phoenix-client-lifecycle.test.ts`; connection
 * behaviour is in `phoenix-client-connection.test.ts`.
 * The server's channel is the test channel of `tests/support/channel-server.ts`.
 *
 * One server serves the whole file and its `events` accumulate; join_refs are only unique per
 * socket, so every test uses topics of its own.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

const server = useChannelServer();
const clients = officialClients(() => server);
const { connectedSocket, joined } = clients;
afterEach(() => clients.disconnectAll());

const joinsOf = (topic: string) => server.eventsOf("join", (event) => event.topic === topic);

describe("joining", () => {
  it("joins: receive('ok') gets the join callback's response and the channel is joined", async () => {
    const socket = await connectedSocket({ params: { token: "join-ok" } });
    const channel = socket.channel("room:join-ok", { name: "ada", prefs: { theme: "dark" } });
    const { status, response } = await pushResult(channel.join());
    expect(status).toBe("ok");
    expect(response).toEqual({
      topic: "room:join-ok",
      params: { name: "ada", prefs: { theme: "dark" } },
      // Whether `vsn` is among the connect params is the server's business.
      connectParams: expect.objectContaining({ token: "join-ok" }),
      authToken: null,
    });
    expect(channel.state).toBe("joined");
    const join = await server.waitForEvent("join", (event) => event.topic === "room:join-ok");
    expect(join.joinRef).toBe(joinRefOf(channel));
  });

  it("gets receive('error') with {reason: 'unauthorized'} for a refused join, then retries the join by itself", async () => {
    const socket = await connectedSocket();
    const channel = socket.channel(FORBIDDEN_TOPIC);
    const { status, response } = await pushResult(channel.join());
    expect(status).toBe("error");
    expect(response).toEqual({ reason: "unauthorized" });
    expect(channel.state).toBe("errored");
    // The official client retries refused joins forever with its rejoin schedule (first: 1 s).
    const firstAttempt = joinRefOf(channel);
    await vi.waitFor(() => expect(joinsOf(FORBIDDEN_TOPIC).some((event) => event.joinRef !== firstAttempt)).toBe(true), WAIT);
    channel.leave();
  });

  it("gets receive('error') with {reason: 'unmatched topic'} for a topic no channel serves", async () => {
    const socket = await connectedSocket();
    const channel = socket.channel("nowhere:1");
    expect(await pushResult(channel.join())).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    expect(channel.state).toBe("errored");
    channel.leave();
    // The socket is unaffected.
    expect((await joined(socket, "room:after-unmatched")).state).toBe("joined");
  });

  it("sends pushes made while joining right after the join succeeds", async () => {
    const socket = await connectedSocket();
    const channel = socket.channel("room:early-push");
    channel.join();
    expect(await pushResult(channel.push("echo", { early: true }))).toEqual({ status: "ok", response: { echo: { early: true } } });
  });
});

describe("pushing", () => {
  let channel: Channel;
  beforeEach(async () => {
    channel = await joined(await connectedSocket(), "room:push");
  });

  it("receives an ok reply with the server's response", async () => {
    expect(await pushResult(channel.push("echo", { n: 1, text: "héllo ✓", list: [1, null, true] }))).toEqual({
      status: "ok",
      response: { echo: { n: 1, text: "héllo ✓", list: [1, null, true] } },
    });
  });

  it("receives an error reply", async () => {
    expect(await pushResult(channel.push("refuse", {}))).toEqual({ status: "error", response: { reason: "refused" } });
  });

  it("matches a reply with any other status by its name", async () => {
    const accepted = vi.fn();
    const ok = vi.fn();
    const push = channel.push("reply_with_status", { status: "accepted" });
    // @types/phoenix only lists ok | error | timeout; the client matches any status string.
    (push as unknown as { receive(status: string, callback: (response: unknown) => void): unknown }).receive("accepted", accepted);
    push.receive("ok", ok);
    await vi.waitFor(() => expect(accepted).toHaveBeenCalledWith({}), WAIT);
    expect(ok).not.toHaveBeenCalled();
  });

  it("resolves receive('timeout') when the server does not reply, and the channel stays joined", async () => {
    expect(await pushResult(channel.push("no_reply", {}, 200))).toEqual({ status: "timeout", response: {} });
    expect(channel.state).toBe("joined");
    expect((await pushResult(channel.push("echo", {}))).status).toBe("ok");
  });
});

describe("server to client", () => {
  it("delivers a server push to this client's channel.on binding, with the channel's join_ref", async () => {
    const channel = await joined(await connectedSocket(), "room:server-push");
    const pushed = new Promise<{ payload: unknown; joinRef: unknown }>((resolve) => {
      // The official client passes (payload, ref, joinRef) to bindings.
      channel.on("pushed", ((payload: unknown, _ref: unknown, joinRef: unknown) => resolve({ payload, joinRef })) as (payload?: unknown) => void);
    });
    expect((await pushResult(channel.push("push_to_me", { hello: "you", n: [1, 2] }))).status).toBe("ok");
    expect(await pushed).toEqual({ payload: { hello: "you", n: [1, 2] }, joinRef: joinRefOf(channel) });
  });

  it("delivers a broadcast to every client joined to the topic, and to no other topic", async () => {
    const alice = await joined(await connectedSocket(), "room:broadcast");
    const bob = await joined(await connectedSocket(), "room:broadcast");
    const outsider = await joined(await connectedSocket(), "room:broadcast-elsewhere");
    const outsiderReceived = vi.fn();
    outsider.on("broadcasted", outsiderReceived);
    const toAlice = nextMessage(alice, "broadcasted");
    const toBob = nextMessage(bob, "broadcasted");

    expect((await pushResult(alice.push("broadcast", { body: "hi all" }))).status).toBe("ok");
    expect(await toAlice).toEqual({ body: "hi all" });
    expect(await toBob).toEqual({ body: "hi all" });
    // The outsider's socket is served in order: its echo comes back after the broadcast went out.
    expect((await pushResult(outsider.push("echo", {}))).status).toBe("ok");
    expect(outsiderReceived).not.toHaveBeenCalled();
  });

  it("broadcastFrom reaches the other clients but not the sender", async () => {
    const sender = await joined(await connectedSocket(), "room:broadcast-from");
    const receiver = await joined(await connectedSocket(), "room:broadcast-from");
    const toSender = vi.fn();
    sender.on("broadcasted", toSender);
    const toReceiver = nextMessage(receiver, "broadcasted");

    // The reply is sent after the broadcast was handed to every subscriber, so a broadcast to
    // the sender would have arrived before it.
    expect((await pushResult(sender.push("broadcast_from", { body: "not for me" }))).status).toBe("ok");
    expect(await toReceiver).toEqual({ body: "not for me" });
    expect(toSender).not.toHaveBeenCalled();
  });
});

describe("binary", () => {
  // Binary headers carry byte lengths: a topic with multi-byte characters catches a codec that
  // counts UTF-16 units instead.
  const BINARY_TOPIC = "room:binäry-✓";

  it("pushes an ArrayBuffer as bytes and gets a binary reply as an ArrayBuffer with the exact bytes", async () => {
    const channel = await joined(await connectedSocket(), BINARY_TOPIC);
    const bytes = new Uint8Array([0, 1, 2, 127, 128, 253, 254, 255]);
    const { status, response } = await pushResult<ArrayBuffer>(channel.push("echo", bytes.buffer));
    expect(status).toBe("ok");
    expect(response).toBeInstanceOf(ArrayBuffer);
    expect(bytesOf(response)).toEqual([...bytes]);
    const received = await server.waitForEvent("handle_in", (event) => event.topic === BINARY_TOPIC && event.event === "echo");
    expect(received.payload).toBeInstanceOf(Uint8Array);
    expect([...(received.payload as Uint8Array)]).toEqual([...bytes]);
  });

  it("pushes an empty ArrayBuffer and gets an empty binary reply", async () => {
    const channel = await joined(await connectedSocket(), "room:binary-empty");
    const { status, response } = await pushResult<ArrayBuffer>(channel.push("echo", new ArrayBuffer(0)));
    expect(status).toBe("ok");
    expect(response).toBeInstanceOf(ArrayBuffer);
    expect(response.byteLength).toBe(0);
  });

  it("delivers a binary server push as an ArrayBuffer", async () => {
    const channel = await joined(await connectedSocket(), `${BINARY_TOPIC}-push`);
    const pushed = nextMessage<ArrayBuffer>(channel, "pushed");
    await pushResult(channel.push("push_to_me", new Uint8Array([9, 8, 7]).buffer));
    const payload = await pushed;
    expect(payload).toBeInstanceOf(ArrayBuffer);
    expect(bytesOf(payload)).toEqual([9, 8, 7]);
  });

  it("delivers a binary broadcast to every client as an ArrayBuffer", async () => {
    const alice = await joined(await connectedSocket(), `${BINARY_TOPIC}-broadcast`);
    const bob = await joined(await connectedSocket(), `${BINARY_TOPIC}-broadcast`);
    const toAlice = nextMessage<ArrayBuffer>(alice, "broadcasted");
    const toBob = nextMessage<ArrayBuffer>(bob, "broadcasted");
    await pushResult(bob.push("broadcast", new Uint8Array([1, 0, 255]).buffer));
    for (const payload of [await toAlice, await toBob]) {
      expect(payload).toBeInstanceOf(ArrayBuffer);
      expect(bytesOf(payload)).toEqual([1, 0, 255]);
    }
  });
});
