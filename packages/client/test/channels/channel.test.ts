import { describe, expect, it, vi } from "vitest";
import { CinderClientError, ClientErrorCode } from "@cinder/client";
import {
  connectedSocket,
  framesWithEvent,
  joinedChannel,
  lastJoin,
  lastTransport,
  reply,
  sentFrames,
  setupChannelTests,
} from "../support/channel-harness.js";

setupChannelTests({ fakeTimers: true });

describe("joining", () => {
  it("sends [R, R, topic, phx_join, params] and becomes joined on an ok reply", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:1", { user: "u1" });
    expect(channel.state).toBe("closed");
    const joined = vi.fn();
    channel.join().receive("ok", joined);
    expect(channel.state).toBe("joining");
    const join = lastJoin("room:1");
    expect(join).toEqual([join[1], join[1], "room:1", "phx_join", { user: "u1" }]);
    reply(transport, join, "ok", { welcome: true });
    expect(channel.state).toBe("joined");
    expect(joined).toHaveBeenCalledWith({ welcome: true });
  });

  it("evaluates a params function at every (re)join", () => {
    const { socket, transport } = connectedSocket();
    let attempt = 0;
    const channel = socket.channel("room:1", () => ({ attempt: ++attempt }));
    channel.join();
    reply(transport, lastJoin("room:1"), "error", { reason: "busy" });
    vi.advanceTimersByTime(1000);
    expect(framesWithEvent("phx_join").map((frame) => frame[4])).toEqual([{ attempt: 1 }, { attempt: 2 }]);
  });

  it("retries a refused join with the rejoin schedule 1 s, 2 s, 5 s, then 10 s", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:reject");
    const refusals: unknown[] = [];
    channel.join().receive("error", (response) => refusals.push(response));
    const joinTimes: number[] = [];
    const start = Date.now();
    for (let attempt = 0; attempt < 5; attempt++) {
      const joinsBefore = framesWithEvent("phx_join").length;
      joinTimes.push(Date.now() - start);
      reply(transport, lastJoin("room:reject"), "error", { reason: "unauthorized" });
      expect(channel.state).toBe("errored");
      while (framesWithEvent("phx_join").length === joinsBefore) vi.advanceTimersByTime(100);
    }
    const gaps = joinTimes.slice(1).map((time, index) => time - (joinTimes[index] as number));
    expect(gaps).toEqual([1000, 2000, 5000, 10_000]);
    expect(refusals[0]).toEqual({ reason: "unauthorized" });
  });

  it("treats a join without reply as a timeout: leaves with the timed-out join_ref, then rejoins", () => {
    const { socket } = connectedSocket();
    const channel = socket.channel("room:slow");
    const timedOut = vi.fn();
    channel.join(500).receive("timeout", timedOut);
    const firstJoin = lastJoin("room:slow");
    vi.advanceTimersByTime(500);
    expect(timedOut).toHaveBeenCalledTimes(1);
    expect(channel.state).toBe("errored");
    const [leave] = framesWithEvent("phx_leave");
    expect(leave?.[0]).toBe(firstJoin[0]);
    vi.advanceTimersByTime(1000);
    expect(channel.state).toBe("joining");
    expect(lastJoin("room:slow")[0]).not.toBe(firstJoin[0]);
  });

  it("refuses a second join() on the same object, naming the fix", () => {
    const { channel } = joinedChannel();
    expect(() => channel.join()).toThrowError(expect.objectContaining({ code: ClientErrorCode.joinCalledTwice }));
    expect(() => channel.join()).toThrowError(/create a new one with socket\.channel\("room:1"\)/);
  });

  it("leaves another channel object on the same topic before joining", () => {
    const { socket, transport, channel: first } = joinedChannel("room:1");
    const closed = vi.fn();
    first.onClose(closed);
    const second = socket.channel("room:1");
    second.join();
    expect(first.state).toBe("closed");
    expect(closed).toHaveBeenCalledWith("leave", null, expect.any(String));
    expect(sentFrames(transport).map((frame) => frame[3])).toEqual(["phx_join", "phx_leave", "phx_join"]);
  });
});

describe("errors and closes", () => {
  it("rejoins after a server phx_error, first after 1 s", () => {
    const { transport, channel } = joinedChannel();
    const errors: unknown[] = [];
    channel.onError((reason) => errors.push(reason));
    const joinRef = channel.joinRef();
    transport.serverSend(JSON.stringify([joinRef, joinRef, "room:1", "phx_error", { reason: "channel_crash" }]));
    expect(channel.state).toBe("errored");
    expect(errors).toEqual([{ reason: "channel_crash" }]);
    vi.advanceTimersByTime(999);
    expect(framesWithEvent("phx_join")).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(framesWithEvent("phx_join")).toHaveLength(2);
  });

  it("closes for good on a server phx_close: no rejoin, onClose called", () => {
    const { transport, channel } = joinedChannel();
    const closed = vi.fn();
    channel.onClose(closed);
    const joinRef = channel.joinRef();
    transport.serverSend(JSON.stringify([joinRef, joinRef, "room:1", "phx_close", {}]));
    expect(channel.state).toBe("closed");
    expect(closed).toHaveBeenCalledWith({}, joinRef, joinRef);
    vi.advanceTimersByTime(60_000);
    expect(framesWithEvent("phx_join")).toHaveLength(1);
  });

  it("errors with the transport reason when the connection drops, and rejoins on reconnect", () => {
    const { transport, channel } = joinedChannel();
    const errors: unknown[] = [];
    channel.onError((reason) => errors.push(reason));
    transport.serverClose(1006);
    expect(errors).toEqual([{ source: "transport", reason: "connection_closed" }]);
    vi.advanceTimersByTime(10);
    lastTransport().serverOpen();
    expect(channel.state).toBe("joining");
    reply(lastTransport(), lastJoin("room:1"), "ok");
    expect(channel.state).toBe("joined");
  });
});

describe("join_ref filtering", () => {
  it("drops frames for an older incarnation and accepts null join_ref (broadcasts)", () => {
    const { transport, channel } = joinedChannel();
    const received: unknown[] = [];
    channel.on("msg", (payload) => received.push(payload));
    transport.serverSend(JSON.stringify(["999", null, "room:1", "msg", { stale: true }]));
    transport.serverSend(JSON.stringify([channel.joinRef(), null, "room:1", "msg", { push: true }]));
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { broadcast: true }]));
    transport.serverSend(JSON.stringify([null, null, "room:2", "msg", { otherTopic: true }]));
    expect(received).toEqual([{ push: true }, { broadcast: true }]);
  });

  it("ignores a phx_close for the join_ref a rejoin replaced", () => {
    const { transport, channel } = joinedChannel();
    const oldJoinRef = channel.joinRef();
    transport.serverSend(JSON.stringify([oldJoinRef, oldJoinRef, "room:1", "phx_error", { reason: "channel_crash" }]));
    vi.advanceTimersByTime(1000);
    reply(transport, lastJoin("room:1"), "ok");
    transport.serverSend(JSON.stringify([oldJoinRef, oldJoinRef, "room:1", "phx_close", {}]));
    expect(channel.state).toBe("joined");
  });
});

describe("bindings", () => {
  it("passes payload, ref and join_ref, and off() removes one binding or all of an event", () => {
    const { transport, channel } = joinedChannel();
    const first = vi.fn();
    const second = vi.fn();
    const firstRef = channel.on("msg", first);
    channel.on("msg", second);
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { n: 1 }]));
    expect(first).toHaveBeenCalledWith({ n: 1 }, null, channel.joinRef());
    channel.off("msg", firstRef);
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { n: 2 }]));
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
    channel.off("msg");
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { n: 3 }]));
    expect(second).toHaveBeenCalledTimes(2);
  });

  it("lets the onMessage hook rewrite payloads before the bindings see them", () => {
    const { transport, channel } = joinedChannel();
    channel.onMessage = (event, payload) => (event === "msg" ? { wrapped: payload } : payload);
    const received = vi.fn();
    channel.on("msg", received);
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { n: 1 }]));
    expect(received).toHaveBeenCalledWith({ wrapped: { n: 1 } }, null, channel.joinRef());
  });

  it("reports an onMessage hook that returns nothing and drops that message", () => {
    const reported: unknown[] = [];
    vi.stubGlobal("reportError", (error: unknown) => reported.push(error));
    const { transport, channel } = joinedChannel();
    channel.onMessage = () => undefined;
    const received = vi.fn();
    channel.on("msg", received);
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", { n: 1 }]));
    expect(received).not.toHaveBeenCalled();
    expect(reported).toEqual([expect.objectContaining({ code: ClientErrorCode.onMessageReturnedNothing })]);
  });

  it("keeps calling other bindings when one throws, and reports which one", () => {
    const reported: Error[] = [];
    vi.stubGlobal("reportError", (error: Error) => reported.push(error));
    const { transport, channel } = joinedChannel();
    channel.on("msg", () => {
      throw new Error("bad binding");
    });
    const after = vi.fn();
    channel.on("msg", after);
    transport.serverSend(JSON.stringify([null, null, "room:1", "msg", {}]));
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported[0]?.message).toContain('channel.on("msg") callback on "room:1" threw: bad binding');
    expect(reported[0]?.cause).toEqual(new Error("bad binding"));
  });
});

describe("leaving", () => {
  it("sends phx_leave with the join_ref and resolves ok locally at once", () => {
    const { socket, transport, channel } = joinedChannel();
    const closed = vi.fn();
    channel.onClose(closed);
    const left = vi.fn();
    const joinRef = channel.joinRef();
    channel.leave().receive("ok", left);
    expect(left).toHaveBeenCalledWith({});
    expect(closed).toHaveBeenCalledWith("leave", null, joinRef);
    expect(channel.state).toBe("closed");
    const leave = framesWithEvent("phx_leave")[0];
    expect(leave).toEqual([joinRef, expect.any(String), "room:1", "phx_leave", {}]);
    // The server's late reply and phx_close reach nobody and change nothing.
    reply(transport, leave!, "ok");
    transport.serverSend(JSON.stringify([joinRef, joinRef, "room:1", "phx_close", {}]));
    expect(closed).toHaveBeenCalledTimes(1);
    transport.serverClose(1006);
    vi.advanceTimersByTime(10);
    lastTransport().serverOpen();
    expect(framesWithEvent("phx_join")).toHaveLength(1);
    expect(socket.isConnected()).toBe(true);
  });

  it("stops a pending rejoin", () => {
    const { transport, channel } = joinedChannel();
    const joinRef = channel.joinRef();
    transport.serverSend(JSON.stringify([joinRef, joinRef, "room:1", "phx_error", { reason: "channel_crash" }]));
    channel.leave();
    vi.advanceTimersByTime(20_000);
    expect(framesWithEvent("phx_join")).toHaveLength(1);
  });
});

describe("pushing", () => {
  it("throws a clear error when push() comes before join()", () => {
    const { socket } = connectedSocket();
    const channel = socket.channel("room:1");
    let caught: unknown;
    try {
      channel.push("new_msg", { body: "hi" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CinderClientError);
    expect(caught).toMatchObject({ code: ClientErrorCode.pushBeforeJoin });
    expect((caught as Error).message).toContain("Call channel.join() first");
  });

  it("buffers pushes until the join succeeds and sends them with the new join_ref", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:1");
    channel.join();
    channel.push("buffered_before_join", { x: 1 });
    expect(framesWithEvent("buffered_before_join")).toEqual([]);
    reply(transport, lastJoin("room:1"), "ok");
    expect(framesWithEvent("buffered_before_join")).toEqual([[channel.joinRef(), expect.any(String), "room:1", "buffered_before_join", { x: 1 }]]);
  });

  it("starts a buffered push's timeout clock at push time, and never sends it once timed out", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:1");
    channel.join();
    const timedOut = vi.fn();
    channel.push("slow", {}, 300).receive("timeout", timedOut);
    vi.advanceTimersByTime(300);
    expect(timedOut).toHaveBeenCalledTimes(1);
    reply(transport, lastJoin("room:1"), "ok");
    expect(framesWithEvent("slow")).toEqual([]);
  });
});
