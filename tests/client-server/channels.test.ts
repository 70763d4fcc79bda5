import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { Socket, type SocketOptions } from "@cinder/client";
import { channelClients, nextMessage } from "../support/channel-clients.js";
import { FORBIDDEN_TOPIC, useChannelServer } from "../support/channel-server.js";
import { pushResult } from "../support/push-result.js";

/*
 * Cinder's client against Cinder's server over real WebSockets on 127.0.0.1: every channel
 * scenario of the protocol, end to end. The server side is `tests/support/channel-server.ts`.
 *
 * One server serves the whole file and its `events` accumulate, and join_refs are only unique
 * per socket: each test uses topics of its own, so server events can be told apart by topic.
 */

const WAIT = { timeout: 5000, interval: 10 } as const;

// A test that stops the server gets it back before the next (useChannelServer).
const server = useChannelServer();
const clients = channelClients((endpoint, options: SocketOptions = {}) => new Socket(endpoint, { transport: WebSocket, ...options }), () => server);
const { newSocket, connectedSocket, joined } = clients;
afterEach(() => clients.disconnectAll());

describe("connecting", () => {
  it("sends params and the auth token, which the server's connect callback and channels see", async () => {
    const socket = await connectedSocket({ params: { token: "abc", nested: { a: 1 } }, authToken: "secret-token" });
    const channel = socket.channel("room:lobby", { name: "ada" });
    const { status, response } = await pushResult(channel.join());
    expect(status).toBe("ok");
    // Query values arrive as strings; whether `vsn` is among the params is the server's business.
    expect(response).toMatchObject({
      topic: "room:lobby",
      params: { name: "ada" },
      connectParams: { token: "abc", nested: { a: "1" } },
      authToken: "secret-token",
    });
    expect(server.eventsOf("connect")[0]).toMatchObject({ authToken: "secret-token" });
  });

  it("reports a refused connection (HTTP 403) as an error and keeps retrying", async () => {
    const socket = newSocket({ params: { refuse: "true" }, reconnectAfterMs: () => 20 });
    const errors = vi.fn();
    socket.onError(errors);
    const refusalsBefore = server.eventsOf("connect").length;
    socket.connect();
    await vi.waitFor(() => expect(server.eventsOf("connect").length).toBeGreaterThanOrEqual(refusalsBefore + 2), WAIT);
    expect(errors).toHaveBeenCalled();
    expect(socket.isConnected()).toBe(false);
  });
});

describe("joining", () => {
  it("joins with ok and the server's response", async () => {
    const socket = await connectedSocket();
    const channel = await joined(socket, "room:1");
    expect(channel.state).toBe("joined");
    const join = await server.waitForEvent("join", (event) => event.topic === "room:1");
    expect(join.joinRef).toBe(channel.joinRef());
  });

  it("gets the server's error reply for a refused join and retries it with the rejoin schedule", async () => {
    const socket = await connectedSocket({ rejoinAfterMs: () => 30 });
    const channel = socket.channel(FORBIDDEN_TOPIC);
    const { status, response } = await pushResult(channel.join());
    expect(status).toBe("error");
    expect(response).toEqual({ reason: "unauthorized" });
    expect(channel.state).toBe("errored");
    const joinsOfForbidden = () => server.eventsOf("join", (event) => event.topic === FORBIDDEN_TOPIC).length;
    const attemptsSoFar = joinsOfForbidden();
    await vi.waitFor(() => expect(joinsOfForbidden()).toBeGreaterThan(attemptsSoFar), WAIT);
    channel.leave();
  });
});

describe("pushing", () => {
  it("receives an ok reply with the server's response", async () => {
    const channel = await joined(await connectedSocket(), "room:push");
    expect(await pushResult(channel.push("echo", { n: 1, text: "héllo" }))).toEqual({ status: "ok", response: { echo: { n: 1, text: "héllo" } } });
  });

  it("receives an error reply, and any other status by name", async () => {
    const channel = await joined(await connectedSocket(), "room:push");
    expect(await pushResult(channel.push("refuse", {}))).toEqual({ status: "error", response: { reason: "refused" } });
    expect(await pushResult(channel.push("reply_with_status", { status: "accepted" }), ["accepted", "ok", "error"])).toEqual({
      status: "accepted",
      response: {},
    });
  });

  it("times out a push the server does not answer", async () => {
    const channel = await joined(await connectedSocket(), "room:push");
    expect(await pushResult(channel.push("no_reply", {}, 200))).toEqual({ status: "timeout", response: {} });
    expect(channel.state).toBe("joined");
  });

  it("sends pushes made while joining once the join succeeds", async () => {
    const socket = await connectedSocket();
    const channel = socket.channel("room:early");
    channel.join();
    const early = pushResult(channel.push("echo", { early: true }));
    expect(await early).toEqual({ status: "ok", response: { echo: { early: true } } });
  });
});

describe("server to client", () => {
  it("delivers a server push to the channel's binding", async () => {
    const channel = await joined(await connectedSocket(), "room:push");
    const pushed = nextMessage(channel, "pushed");
    await pushResult(channel.push("push_to_me", { hello: "you" }));
    expect(await pushed).toEqual({ hello: "you" });
  });

  it("delivers a broadcast to every client on the topic", async () => {
    const alice = await joined(await connectedSocket(), "room:broadcast");
    const bob = await joined(await connectedSocket(), "room:broadcast");
    const outsider = await joined(await connectedSocket(), "room:elsewhere");
    const outsiderReceived = vi.fn();
    outsider.on("broadcasted", outsiderReceived);
    const toAlice = nextMessage(alice, "broadcasted");
    const toBob = nextMessage(bob, "broadcasted");
    expect((await pushResult(alice.push("broadcast", { body: "hi all" }))).status).toBe("ok");
    expect(await toAlice).toEqual({ body: "hi all" });
    expect(await toBob).toEqual({ body: "hi all" });
    // The outsider's socket is still served: its own echo comes back after the broadcast went out.
    expect((await pushResult(outsider.push("echo", {}))).status).toBe("ok");
    expect(outsiderReceived).not.toHaveBeenCalled();
  });
});

describe("binary", () => {
  it("pushes bytes as a binary frame and gets a binary reply as an ArrayBuffer", async () => {
    const channel = await joined(await connectedSocket(), "room:binary-echo");
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const { status, response } = await pushResult<ArrayBuffer>(channel.push("echo", bytes.buffer));
    expect(status).toBe("ok");
    expect(response).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(response)]).toEqual([...bytes]);
    const received = server.eventsOf("handle_in", (event) => event.topic === "room:binary-echo").at(-1);
    expect(received?.payload).toEqual(bytes);
  });

  it("delivers a binary server push as an ArrayBuffer", async () => {
    const channel = await joined(await connectedSocket(), "room:binary-push");
    const pushed = nextMessage<ArrayBuffer>(channel, "pushed");
    await pushResult(channel.push("push_to_me", new Uint8Array([9, 8, 7])));
    const payload = await pushed;
    expect(payload).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(payload)]).toEqual([9, 8, 7]);
  });
});

describe("heartbeat", () => {
  it("keeps the connection alive: the server answers every heartbeat", async () => {
    const socket = await connectedSocket({ heartbeatIntervalMs: 30 });
    const heartbeatReplies: string[] = [];
    socket.onMessage((message) => {
      if (message.topic === "phoenix" && message.event === "phx_reply") heartbeatReplies.push(JSON.stringify(message.payload));
    });
    const closed = vi.fn();
    socket.onClose(closed);
    await vi.waitFor(() => expect(heartbeatReplies.length).toBeGreaterThanOrEqual(3), WAIT);
    expect(new Set(heartbeatReplies)).toEqual(new Set([JSON.stringify({ status: "ok", response: {} })]));
    expect(closed).not.toHaveBeenCalled();
    expect(socket.isConnected()).toBe(true);
  });

  it("measures a round trip with ping()", async () => {
    const socket = await connectedSocket();
    const roundTrip = await new Promise<number>((resolve) => socket.ping(resolve));
    expect(roundTrip).toBeGreaterThanOrEqual(0);
  });
});

describe("leaving and closing", () => {
  it("leaves: the channel closes at once and the server ends that channel", async () => {
    const channel = await joined(await connectedSocket(), "room:leave");
    const joinRef = channel.joinRef();
    expect((await pushResult(channel.leave())).status).toBe("ok");
    expect(channel.state).toBe("closed");
    const terminated = await server.waitForEvent("terminate", (event) => event.topic === "room:leave" && event.joinRef === joinRef);
    expect(terminated.reason).toBe("left");
  });

  it("closes for good when the server stops the channel (phx_close): no rejoin", async () => {
    const socket = await connectedSocket({ rejoinAfterMs: () => 20 });
    const channel = await joined(socket, "room:stop");
    const closed = new Promise((resolve) => channel.onClose(resolve));
    channel.push("stop", {}, 1000);
    expect(await closed).toEqual({});
    expect(channel.state).toBe("closed");
    // A rejoin would be scheduled 20 ms after the close; proving one never comes needs a wait,
    // bounded at ten rejoin intervals (the crash test below sees its rejoin within one).
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Later traffic on the socket still works, and no new join of room:stop happened meanwhile.
    await joined(socket, "room:after-stop");
    expect(channel.state).toBe("closed");
    expect(server.eventsOf("join", (event) => event.topic === "room:stop")).toHaveLength(1);
  });

  it("rejoins after the server channel crashes (phx_error)", async () => {
    const socket = await connectedSocket({ rejoinAfterMs: () => 20 });
    const channel = await joined(socket, "room:crash");
    const firstJoinRef = channel.joinRef();
    const errored = new Promise((resolve) => channel.onError(resolve));
    channel.push("crash", {});
    expect(await errored).toEqual({ reason: "channel_crash" });
    await vi.waitFor(() => expect(channel.state).toBe("joined"), WAIT);
    expect(channel.joinRef()).not.toBe(firstJoinRef);
    expect((await pushResult(channel.push("echo", { after: "crash" }))).response).toEqual({ echo: { after: "crash" } });
  });
});

describe("server restart", () => {
  it("reconnects to the same port and rejoins every channel with new join_refs", async () => {
    const socket = await connectedSocket({ reconnectAfterMs: () => 50 });
    const lobby = await joined(socket, "room:restart-lobby", { user: "u1" });
    const other = await joined(socket, "room:restart-other");
    const joinRefsBefore = [lobby.joinRef(), other.joinRef()];
    const closed = new Promise((resolve) => socket.onClose(resolve));
    const errors: unknown[] = [];
    lobby.onError((reason) => errors.push(reason));

    await server.restart();
    await closed;
    expect(errors).toEqual([{ source: "transport", reason: "connection_closed" }]);

    await vi.waitFor(() => {
      expect(socket.isConnected()).toBe(true);
      expect(lobby.state).toBe("joined");
      expect(other.state).toBe("joined");
    }, WAIT);
    expect([lobby.joinRef(), other.joinRef()]).not.toContain(joinRefsBefore[0]);
    expect([lobby.joinRef(), other.joinRef()]).not.toContain(joinRefsBefore[1]);
    const rejoin = await server.waitForEvent("join", (event) => event.topic === "room:restart-lobby" && event.joinRef === lobby.joinRef());
    expect(rejoin.payload).toEqual({ user: "u1" });
    expect(await pushResult(lobby.push("echo", { after: "restart" }))).toEqual({ status: "ok", response: { echo: { after: "restart" } } });
  });

  it("keeps retrying while the server is down and recovers when it is back", async () => {
    const socket = await connectedSocket({ reconnectAfterMs: () => 25 });
    const channel = await joined(socket, "room:downtime");
    const errors = vi.fn();
    socket.onError(errors);
    await server.stop();
    await vi.waitFor(() => expect(errors.mock.calls.length).toBeGreaterThanOrEqual(2), WAIT);
    expect(channel.state).toBe("errored");
    await server.start();
    await vi.waitFor(() => expect(channel.state).toBe("joined"), WAIT);
  });
});
