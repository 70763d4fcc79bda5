import { describe, expect, it, vi } from "vitest";
import { Defaults } from "@cinder/protocol";
import type { SocketMessage } from "@cinder/client";
import { FakeWebSocket } from "../support/fake-websocket.js";
import { connectedSocket, framesWithEvent, lastJoin, lastTransport, newSocket, reply, sentFrames, setupChannelTests } from "../support/channel-harness.js";

setupChannelTests({ fakeTimers: true });

describe("connecting", () => {
  it("opens one transport with binaryType arraybuffer and reports open", () => {
    const socket = newSocket();
    const opened = vi.fn();
    socket.onOpen(opened);
    expect(socket.connectionState()).toBe("closed");
    socket.connect();
    socket.connect();
    expect(FakeWebSocket.created).toHaveLength(1);
    expect(lastTransport().binaryType).toBe("arraybuffer");
    expect(socket.connectionState()).toBe("connecting");
    lastTransport().serverOpen();
    expect(socket.isConnected()).toBe(true);
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it("hands onMessage callbacks every decoded message in the official shape", () => {
    const { socket, transport } = connectedSocket();
    const messages: SocketMessage[] = [];
    socket.onMessage((message) => messages.push(message));
    transport.serverSend('[null,null,"room:1","bcast",{"b":1}]');
    transport.serverSend('["3","4","room:1","phx_reply",{"status":"ok","response":{"x":1}}]');
    expect(messages).toEqual([
      { join_ref: null, ref: null, topic: "room:1", event: "bcast", payload: { b: 1 } },
      { join_ref: "3", ref: "4", topic: "room:1", event: "phx_reply", payload: { status: "ok", response: { x: 1 } } },
    ]);
  });

  it("drops frames that are not Phoenix V2 and keeps working", () => {
    const logged: string[] = [];
    const { socket, transport } = connectedSocket({ logger: (_kind, message) => logged.push(message) });
    const messages = vi.fn();
    socket.onMessage(messages);
    transport.serverSend("not json");
    transport.serverSend('{"topic":"v1"}');
    transport.serverSend('[null,null,"room:1","ok",{}]');
    expect(messages).toHaveBeenCalledTimes(1);
    expect(logged.filter((message) => message.startsWith("dropping a frame"))).toHaveLength(2);
  });

  it("reports each dropped frame to onUndecodableFrame with the decode error", () => {
    const dropped: Array<{ code: string; frame: unknown }> = [];
    const { socket, transport } = connectedSocket({ onUndecodableFrame: (error, frame) => dropped.push({ code: error.code, frame }) });
    const messages = vi.fn();
    socket.onMessage(messages);
    transport.serverSend("not json");
    transport.serverSend('["1",null,"room:1","ev",{}]');
    transport.serverSend('{"topic":"v1"}');
    expect(dropped).toEqual([
      { code: "not_json", frame: "not json" },
      { code: "not_array", frame: '{"topic":"v1"}' },
    ]);
    expect(messages).toHaveBeenCalledTimes(1);
  });

  it("removes callbacks by ref with off()", () => {
    const { socket, transport } = connectedSocket();
    const kept = vi.fn();
    const removed = vi.fn();
    socket.onMessage(kept);
    const ref = socket.onMessage(removed);
    socket.off([ref]);
    transport.serverSend('[null,null,"t","e",{}]');
    expect(kept).toHaveBeenCalledTimes(1);
    expect(removed).not.toHaveBeenCalled();
  });

  it("makes increasing decimal refs shared by callbacks and messages", () => {
    const socket = newSocket();
    const first = socket.makeRef();
    const callbackRef = socket.onOpen(() => {});
    expect(Number(callbackRef)).toBe(Number(first) + 1);
    expect(socket.makeRef()).toBe(String(Number(first) + 2));
  });
});

describe("the send buffer", () => {
  it("holds pushes made before the transport opens and flushes them in order", () => {
    const socket = newSocket();
    const channel = socket.channel("room:1");
    channel.join();
    socket.connect();
    expect(lastTransport().sent).toEqual([]);
    lastTransport().serverOpen();
    expect(sentFrames().map((frame) => frame[3])).toEqual(["phx_join"]);
    channel.push("first", { n: 1 });
    channel.push("second", { n: 2 });
    reply(lastTransport(), lastJoin("room:1"), "ok");
    expect(sentFrames().map((frame) => frame[3])).toEqual(["phx_join", "first", "second"]);
  });

  it("drops a buffered join that a rejoin superseded before the socket opened", () => {
    const socket = newSocket();
    const channel = socket.channel("room:1");
    channel.join();
    socket.connect();
    lastTransport().serverError();
    lastTransport().serverClose(1006);
    expect(channel.state).toBe("errored");
    vi.advanceTimersByTime(Defaults.reconnectAfterMs(1));
    lastTransport().serverOpen();
    const joins = sentFrames().filter((frame) => frame[3] === "phx_join");
    expect(joins).toHaveLength(1);
    expect(joins[0]?.[0]).toBe(channel.joinRef());
  });

  it("drops buffered pushes of a channel that left meanwhile", () => {
    const socket = newSocket();
    const channel = socket.channel("room:1");
    channel.join();
    channel.leave();
    socket.connect();
    lastTransport().serverOpen();
    // Neither the join nor the leave: the server never heard of this channel.
    expect(sentFrames()).toEqual([]);
  });
});

describe("heartbeat", () => {
  it("sends the first heartbeat an interval after open and the next an interval after each reply", () => {
    const { transport } = connectedSocket({ heartbeatIntervalMs: 1000 });
    vi.advanceTimersByTime(999);
    expect(framesWithEvent("heartbeat")).toEqual([]);
    vi.advanceTimersByTime(1);
    const [heartbeat] = framesWithEvent("heartbeat");
    expect(heartbeat).toEqual([null, expect.any(String), "phoenix", "heartbeat", {}]);
    vi.advanceTimersByTime(500);
    transport.serverSend(JSON.stringify([null, heartbeat?.[1], "phoenix", "phx_reply", { status: "ok", response: {} }]));
    vi.advanceTimersByTime(999);
    expect(framesWithEvent("heartbeat")).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(framesWithEvent("heartbeat")).toHaveLength(2);
    expect(transport.readyState).toBe(1);
  });

  it("closes with 1000 'heartbeat timeout', errors channels and reconnects when no reply comes", () => {
    const { socket, transport } = connectedSocket({ heartbeatIntervalMs: 1000, reconnectAfterMs: () => 20 });
    const channel = socket.channel("room:1");
    const errors: unknown[] = [];
    channel.onError((reason) => errors.push(reason));
    channel.join();
    reply(transport, lastJoin("room:1"), "ok");
    const closeSpy = vi.spyOn(transport, "close");
    vi.advanceTimersByTime(1000);
    expect(framesWithEvent("heartbeat")).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(closeSpy).toHaveBeenCalledWith(1000, "heartbeat timeout");
    expect(errors).toEqual([{ source: "transport", reason: "heartbeat_timeout" }]);
    expect(FakeWebSocket.created).toHaveLength(1);
    // The socket first sees the old transport closed (it polls every 150 ms), then waits the backoff.
    vi.advanceTimersByTime(150 + 20);
    expect(FakeWebSocket.created).toHaveLength(2);
    lastTransport().serverOpen();
    expect(lastJoin("room:1")[0]).toBe(channel.joinRef());
    expect(channel.state).toBe("joining");
  });

  it("measures a round trip with ping()", () => {
    const { socket, transport } = connectedSocket();
    const roundTrip = vi.fn();
    expect(socket.ping(roundTrip)).toBe(true);
    const [ping] = framesWithEvent("heartbeat");
    vi.advanceTimersByTime(42);
    transport.serverSend(JSON.stringify([null, ping?.[1], "phoenix", "phx_reply", { status: "ok", response: {} }]));
    expect(roundTrip).toHaveBeenCalledWith(42);
    socket.disconnect();
    expect(socket.ping(roundTrip)).toBe(false);
  });
});

describe("reconnecting", () => {
  it("follows 10, 50, 100, 150, 200, 250, 500, 1000, 2000, then 5000 ms while the server stays away", () => {
    const socket = newSocket();
    socket.connect();
    lastTransport().serverOpen();
    lastTransport().serverClose(1006);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const before = FakeWebSocket.created.length;
      let waited = 0;
      while (FakeWebSocket.created.length === before) {
        vi.advanceTimersByTime(1);
        waited++;
      }
      delays.push(waited);
      lastTransport().serverError();
      lastTransport().serverClose(1006);
    }
    expect(delays).toEqual([10, 50, 100, 150, 200, 250, 500, 1000, 2000, 5000, 5000]);
  });

  it("starts the schedule over after a successful open", () => {
    const socket = newSocket({ reconnectAfterMs: (tries) => tries * 100 });
    socket.connect();
    lastTransport().serverOpen();
    lastTransport().serverClose(1006);
    vi.advanceTimersByTime(100);
    lastTransport().serverClose(1006);
    vi.advanceTimersByTime(200);
    expect(FakeWebSocket.created).toHaveLength(3);
    lastTransport().serverOpen();
    lastTransport().serverClose(1001);
    vi.advanceTimersByTime(99);
    expect(FakeWebSocket.created).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(FakeWebSocket.created).toHaveLength(4);
  });

  it("reconnects after a server close with code 1000 too", () => {
    const socket = newSocket();
    socket.connect();
    lastTransport().serverOpen();
    lastTransport().serverClose(1000);
    vi.advanceTimersByTime(10);
    expect(FakeWebSocket.created).toHaveLength(2);
  });

  it("does not reconnect after disconnect(), which closes with the given code and calls back", () => {
    const { socket, transport } = connectedSocket();
    const closed = vi.fn();
    socket.onClose(closed);
    const done = vi.fn();
    socket.disconnect(done, 4000, "bye");
    expect(socket.connectionState()).toBe("closing");
    vi.advanceTimersByTime(150);
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ code: 4000, reason: "bye" }));
    expect(done).toHaveBeenCalledTimes(1);
    expect(transport.readyState).toBe(3);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.created).toHaveLength(1);
    expect(socket.connectionState()).toBe("closed");
  });

  it("calls the disconnect callback after at most about 1.5 s when the transport never confirms the close", () => {
    const { socket, transport } = connectedSocket();
    transport.close = function (this: FakeWebSocket) {
      this.readyState = 2;
    };
    const done = vi.fn();
    socket.disconnect(done);
    vi.advanceTimersByTime(1499);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledTimes(1);
  });

  it("rejoins channels on the new connection with new join_refs", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:1", { user: "u1" });
    channel.join();
    reply(transport, lastJoin("room:1"), "ok");
    const firstJoinRef = channel.joinRef();
    transport.serverClose(1012);
    expect(channel.state).toBe("errored");
    vi.advanceTimersByTime(10);
    lastTransport().serverOpen();
    const rejoin = lastJoin("room:1");
    expect(rejoin).toEqual([rejoin[1], rejoin[1], "room:1", "phx_join", { user: "u1" }]);
    expect(rejoin[0]).not.toBe(firstJoinRef);
    reply(lastTransport(), rejoin, "ok");
    expect(channel.state).toBe("joined");
  });
});

describe("page lifecycle", () => {
  it("disconnects on pagehide and reconnects on pageshow", () => {
    const { socket } = connectedSocket();
    window.dispatchEvent(new Event("pagehide"));
    vi.advanceTimersByTime(150);
    expect(socket.connectionState()).toBe("closed");
    window.dispatchEvent(new Event("pageshow"));
    expect(FakeWebSocket.created).toHaveLength(2);
    expect(socket.connectionState()).toBe("connecting");
  });

  it("skips a due reconnect while the page is hidden and reconnects at once when it is shown", () => {
    const { socket, transport } = connectedSocket();
    let visibility = "hidden";
    vi.spyOn(document, "visibilityState", "get").mockImplementation(() => visibility as DocumentVisibilityState);
    transport.serverClose(1006);
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.created).toHaveLength(1);
    visibility = "visible";
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    expect(FakeWebSocket.created).toHaveLength(2);
    expect(socket.connectionState()).toBe("connecting");
  });
});

describe("errors in application callbacks", () => {
  it("are reported with their origin while the other callbacks still run", () => {
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
    const socket = newSocket();
    socket.onOpen(() => {
      throw new Error("boom");
    });
    const second = vi.fn();
    socket.onOpen(second);
    socket.connect();
    lastTransport().serverOpen();
    expect(second).toHaveBeenCalledTimes(1);
    expect(socket.isConnected()).toBe(true);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ code: "CINDER_CLIENT_USER_CODE_THREW", message: expect.stringContaining("socket.onOpen callback threw: boom") });
  });
});
