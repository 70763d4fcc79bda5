import { describe, expect, it, vi } from "vitest";
import { connectedSocket, framesWithEvent, joinedChannel, lastJoin, reply, setupChannelTests } from "../support/channel-harness.js";

setupChannelTests({ fakeTimers: true });

describe("push replies", () => {
  it("sends [join_ref, ref, topic, event, payload] and matches the reply by ref", () => {
    const { transport, channel } = joinedChannel();
    const ok = vi.fn();
    const error = vi.fn();
    const push = channel.push("ping", { n: 1 }).receive("ok", ok).receive("error", error);
    const [frame] = framesWithEvent("ping");
    expect(frame).toEqual([channel.joinRef(), push.ref, "room:1", "ping", { n: 1 }]);
    transport.serverSend(JSON.stringify([channel.joinRef(), "12345", "room:1", "phx_reply", { status: "ok", response: { other: 1 } }]));
    expect(ok).not.toHaveBeenCalled();
    reply(transport, frame!, "ok", { echo: { n: 1 } });
    expect(ok).toHaveBeenCalledWith({ echo: { n: 1 } });
    expect(error).not.toHaveBeenCalled();
  });

  it("calls error hooks for an error reply and hooks for any other status by name", () => {
    const { transport, channel } = joinedChannel();
    const error = vi.fn();
    const custom = vi.fn();
    channel.push("a", {}).receive("error", error);
    channel.push("b", {}).receive("accepted_later", custom);
    reply(transport, framesWithEvent("a")[0]!, "error", { reason: "nope" });
    reply(transport, framesWithEvent("b")[0]!, "accepted_later", { id: 7 });
    expect(error).toHaveBeenCalledWith({ reason: "nope" });
    expect(custom).toHaveBeenCalledWith({ id: 7 });
  });

  it("calls a receive registered after the reply arrived right away", () => {
    const { transport, channel } = joinedChannel();
    const push = channel.push("ping", {});
    reply(transport, framesWithEvent("ping")[0]!, "ok", { late: true });
    const late = vi.fn();
    const wrongStatus = vi.fn();
    push.receive("ok", late).receive("error", wrongStatus);
    expect(late).toHaveBeenCalledWith({ late: true });
    expect(wrongStatus).not.toHaveBeenCalled();
  });

  it("resolves timeout locally with {} after the push timeout, and ignores a reply after that", () => {
    const { transport, channel } = joinedChannel();
    const ok = vi.fn();
    const timeout = vi.fn();
    channel.push("ping", {}, 2000).receive("ok", ok).receive("timeout", timeout);
    vi.advanceTimersByTime(1999);
    expect(timeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(timeout).toHaveBeenCalledWith({});
    reply(transport, framesWithEvent("ping")[0]!, "ok");
    expect(ok).not.toHaveBeenCalled();
  });

  it("uses the channel's join timeout as the default push timeout", () => {
    const { socket, transport } = connectedSocket();
    const channel = socket.channel("room:1");
    channel.join(700);
    reply(transport, lastJoin("room:1"), "ok");
    const timeout = vi.fn();
    channel.push("ping", {}).receive("timeout", timeout);
    vi.advanceTimersByTime(700);
    expect(timeout).toHaveBeenCalledTimes(1);
  });

  it("drops a reply that carries another incarnation's join_ref", () => {
    const { transport, channel } = joinedChannel();
    const ok = vi.fn();
    channel.push("ping", {}).receive("ok", ok);
    reply(transport, framesWithEvent("ping")[0]!, "ok", {}, "999");
    expect(ok).not.toHaveBeenCalled();
    reply(transport, framesWithEvent("ping")[0]!, "ok", {}, null);
    expect(ok).toHaveBeenCalledTimes(1);
  });
});
