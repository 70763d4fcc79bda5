import { afterEach, describe, expect, it, vi } from "vitest";
import type { SocketDefinition } from "@cinder/server";
import { nextClose, nextOpen } from "../support/channel-clients.js";
import { createTestSocket, useChannelServer, type TestAssigns } from "../support/channel-server.js";
import { joinRefOf, officialClients, transportOf } from "../support/official-phoenix-client.js";
import { pushResult } from "../support/push-result.js";

/*
 * Conformance, connection side: the official `phoenix` 1.8.16 Socket (in Node, over `ws`)
 * against Cinder's server — connect params, refusal and reconnect backoff, the bearer
 * subprotocol, heartbeats, the `disconnect` broadcast and a server restart on the same port.
 * Channel behaviour is in `phoenix-client-channels.test.ts` and `phoenix-client-lifecycle.test.ts`.
 *
 * One server serves the whole file and its `events` accumulate: every test uses connect params
 * and topics of its own, so server events can be told apart.
 */

const WAIT = { timeout: 10_000, interval: 10 } as const;

/** While true, the test socket refuses every connection (HTTP 403) after recording it. */
let refuseConnections = false;

function refusingWhileGateClosed(definition: SocketDefinition<TestAssigns>): SocketDefinition<TestAssigns> {
  const connect = definition.connect;
  if (connect === undefined) throw new TypeError("the test socket defines connect");
  return {
    ...definition,
    async connect(params, socket, info) {
      const accepted = await connect(params, socket, info); // records the attempt
      return accepted && !refuseConnections;
    },
  };
}

// A test that stops the server gets it back before the next (useChannelServer).
const server = useChannelServer({ sockets: (record) => ({ "/socket": refusingWhileGateClosed(createTestSocket(record)) }) });
const clients = officialClients(() => server);
afterEach(async () => {
  refuseConnections = false;
  await clients.disconnectAll();
});

function connectsWithToken(token: string): number {
  return server.eventsOf("connect", (event) => event.params["token"] === token).length;
}

describe("connecting", () => {
  it("sends its params, nested ones included, to the server's connect callback", async () => {
    const socket = await clients.connectedSocket({
      params: { token: "nested-params", nested: { a: 1, deeper: { text: "a b&c=d" } }, list: ["x", "y"] },
    });
    const connect = await server.waitForEvent("connect", (event) => event.params["token"] === "nested-params");
    // The client serialises `a[b]=1` and arrays as index-keyed objects; query values are strings.
    expect(connect.params).toMatchObject({
      token: "nested-params",
      nested: { a: "1", deeper: { text: "a b&c=d" } },
      list: { "0": "x", "1": "y" },
    });
    const { response } = await pushResult(socket.channel("room:connect-params").join());
    expect(response).toMatchObject({ connectParams: { token: "nested-params", nested: { a: "1", deeper: { text: "a b&c=d" } } } });
  });

  it("reports a refused connection (HTTP 403) through onError, backs off, and connects once the server accepts", async () => {
    refuseConnections = true;
    const backoffTries: number[] = [];
    const socket = clients.newSocket({
      params: { token: "refused-then-accepted" },
      // The official default schedule, observed: a growing `tries` means the backoff advances.
      reconnectAfterMs: (tries) => {
        backoffTries.push(tries);
        return [10, 50, 100, 150, 200, 250, 500, 1000, 2000][tries - 1] ?? 5000;
      },
    });
    const errors = vi.fn();
    socket.onError(errors);
    const opened = vi.fn();
    socket.onOpen(opened);
    socket.connect();

    await vi.waitFor(() => {
      expect(connectsWithToken("refused-then-accepted")).toBeGreaterThanOrEqual(4);
      expect(errors.mock.calls.length).toBeGreaterThanOrEqual(4);
    }, WAIT);
    expect(opened).not.toHaveBeenCalled();
    expect(socket.isConnected()).toBe(false);
    expect(backoffTries.slice(0, 3)).toEqual([1, 2, 3]);

    const open = nextOpen(socket);
    refuseConnections = false;
    await open;
    expect(socket.isConnected()).toBe(true);
    const channel = await clients.joined(socket, "room:after-refusal");
    expect(channel.state).toBe("joined");
  });

  it("sends authToken as the bearer subprotocol; the server selects `phoenix` and hands the token to connect", async () => {
    // btoa gives "czNjcjN0Pz4+IQ==": a "+" and padding that the client strips.
    const socket = await clients.connectedSocket({ params: { token: "bearer" }, authToken: "s3cr3t?>>!" });
    expect(transportOf(socket).protocol).toBe("phoenix");
    const connect = await server.waitForEvent("connect", (event) => event.params["token"] === "bearer");
    expect(connect.authToken).toBe("s3cr3t?>>!");
    const { response } = await pushResult(socket.channel("room:bearer").join());
    expect(response).toMatchObject({ authToken: "s3cr3t?>>!" });
  });
});

describe("heartbeat", () => {
  it("gets every heartbeat answered, so the connection outlives many heartbeat timeouts", async () => {
    // A heartbeat left unanswered for one interval closes the socket ("heartbeat timeout").
    const socket = await clients.connectedSocket({ heartbeatIntervalMs: 150 });
    const channel = await clients.joined(socket, "room:heartbeat");
    const heartbeatReplies: unknown[] = [];
    socket.onMessage((message) => {
      const { topic, event, payload } = message as { topic: string; event: string; payload: unknown };
      if (topic === "phoenix" && event === "phx_reply") heartbeatReplies.push(payload);
    });
    const closed = vi.fn();
    socket.onClose(closed);
    const channelErrors = vi.fn();
    channel.onError(channelErrors);

    await vi.waitFor(() => expect(heartbeatReplies.length).toBeGreaterThanOrEqual(4), WAIT);
    expect(heartbeatReplies.every((payload) => JSON.stringify(payload) === JSON.stringify({ status: "ok", response: {} }))).toBe(true);
    expect(closed).not.toHaveBeenCalled();
    expect(channelErrors).not.toHaveBeenCalled();
    expect(socket.isConnected()).toBe(true);
    expect(channel.state).toBe("joined");
  });

  it("answers ping(), which reports the round trip", async () => {
    const socket = await clients.connectedSocket();
    let sent = false;
    const roundTrip = await new Promise<number>((resolve) => {
      sent = socket.ping(resolve);
    });
    expect(sent).toBe(true);
    expect(roundTrip).toBeGreaterThanOrEqual(0);
  });
});

describe("server-initiated disconnect", () => {
  it("closes the socket with 1001 on a `disconnect` broadcast to its id; the client reconnects and rejoins", async () => {
    const socket = await clients.connectedSocket({ params: { token: "disconnect", user_id: "u-disconnect" } });
    const channel = await clients.joined(socket, "room:disconnect", { n: 1 });
    const joinRefBefore = joinRefOf(channel);
    const bystander = await clients.connectedSocket({ params: { token: "bystander", user_id: "u-bystander" } });
    const bystanderClosed = vi.fn();
    bystander.onClose(bystanderClosed);
    const closed = nextClose(socket);
    const channelErrors: unknown[] = [];
    channel.onError((reason) => {
      channelErrors.push(reason);
    });
    const reopened = nextOpen(socket);

    const app = server.app;
    if (app === undefined) throw new Error("the server is running");
    await app.cinder.broadcast("user_socket:u-disconnect", "disconnect", {});

    expect((await closed).code).toBe(1001);
    expect(channelErrors).toEqual([{ source: "transport", reason: "connection_closed" }]);
    await reopened;
    await vi.waitFor(() => expect(channel.state).toBe("joined"), WAIT);
    expect(joinRefOf(channel)).not.toBe(joinRefBefore);
    await server.waitForEvent("join", (event) => event.topic === "room:disconnect" && event.joinRef === joinRefOf(channel));
    expect(await pushResult(channel.push("echo", { after: "disconnect" }))).toEqual({ status: "ok", response: { echo: { after: "disconnect" } } });
    // Only the sockets of that id were closed.
    expect(bystanderClosed).not.toHaveBeenCalled();
    expect(bystander.isConnected()).toBe(true);
  });
});

describe("server restart", () => {
  it("reconnects to the new server on the same port and rejoins every channel with new join_refs", async () => {
    // Default reconnect schedule (10, 50, 100, … ms), as a browser would use it.
    const socket = await clients.connectedSocket({ params: { token: "restart" } });
    const lobby = await clients.joined(socket, "room:restart-lobby", { user: "u1" });
    const other = await clients.joined(socket, "room:restart-other");
    const joinRefsBefore = [joinRefOf(lobby), joinRefOf(other)];
    const closed = nextClose(socket);
    const lobbyErrors: unknown[] = [];
    lobby.onError((reason) => {
      lobbyErrors.push(reason);
    });
    const reopened = nextOpen(socket);

    await server.restart();

    // Cinder closes its sockets with 1012 (service restart) when it shuts down.
    expect((await closed).code).toBe(1012);
    expect(lobbyErrors).toEqual([{ source: "transport", reason: "connection_closed" }]);
    await reopened;
    await vi.waitFor(() => {
      expect(lobby.state).toBe("joined");
      expect(other.state).toBe("joined");
    }, WAIT);
    const joinRefsAfter = [joinRefOf(lobby), joinRefOf(other)];
    for (const joinRef of joinRefsAfter) expect(joinRefsBefore).not.toContain(joinRef);

    const lobbyRejoin = await server.waitForEvent("join", (event) => event.topic === "room:restart-lobby" && event.joinRef === joinRefsAfter[0]);
    expect(lobbyRejoin.payload).toEqual({ user: "u1" });
    await server.waitForEvent("join", (event) => event.topic === "room:restart-other" && event.joinRef === joinRefsAfter[1]);
    expect(await pushResult(lobby.push("echo", { after: "restart" }))).toEqual({ status: "ok", response: { echo: { after: "restart" } } });
    expect(await pushResult(other.push("echo", { after: "restart" }))).toEqual({ status: "ok", response: { echo: { after: "restart" } } });
  });

  it("keeps retrying through onError while the server is down and rejoins when it is back", async () => {
    const socket = await clients.connectedSocket({ params: { token: "downtime" }, reconnectAfterMs: () => 25 });
    const channel = await clients.joined(socket, "room:downtime");
    const errors = vi.fn();
    socket.onError(errors);

    await server.stop();
    await vi.waitFor(() => expect(errors.mock.calls.length).toBeGreaterThanOrEqual(3), WAIT);
    expect(channel.state).toBe("errored");
    expect(socket.isConnected()).toBe(false);

    await server.start();
    await vi.waitFor(() => expect(channel.state).toBe("joined"), WAIT);
    expect((await pushResult(channel.push("echo", {}))).status).toBe("ok");
  });
});
