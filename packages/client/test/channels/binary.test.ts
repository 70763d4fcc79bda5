import { describe, expect, it, vi } from "vitest";
import { ClientErrorCode, type ReplyPayload, type SocketMessage } from "@cinder/client";
import { joinedChannel, setupChannelTests } from "../support/channel-harness.js";

setupChannelTests({ fakeTimers: false });

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const frame = (...parts: Array<number | number[]>) => new Uint8Array(parts.flat()).buffer;

function asBytes(data: unknown): number[] {
  if (data instanceof Uint8Array) return [...data];
  if (data instanceof ArrayBuffer) return [...new Uint8Array(data)];
  throw new Error(`not binary: ${String(data)}`);
}

describe("binary pushes", () => {
  it("encodes an ArrayBuffer payload as the kind-0 push frame of the spec", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const push = channel.push("binpush", new Uint8Array([10, 20, 30]).buffer);
    const joinRef = channel.joinRef() as string;
    const ref = push.ref as string;
    expect(asBytes(transport.sent.at(-1))).toEqual([
      0, joinRef.length, ref.length, "room:lobby".length, "binpush".length,
      ...ascii(joinRef), ...ascii(ref), ...ascii("room:lobby"), ...ascii("binpush"),
      10, 20, 30,
    ]);
  });

  it("sends only the viewed bytes of a Uint8Array", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const backing = new Uint8Array([1, 2, 3, 4, 5]);
    channel.push("bin", backing.subarray(1, 3));
    expect(asBytes(transport.sent.at(-1)).slice(-2)).toEqual([2, 3]);
  });

  it("refuses a binary push whose event does not fit a one-byte length, before anything is sent", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const sentBefore = transport.sent.length;
    expect(() => channel.push("e".repeat(256), new Uint8Array([1]))).toThrowError(
      expect.objectContaining({ code: ClientErrorCode.binaryFieldTooLong }),
    );
    expect(transport.sent.length).toBe(sentBefore);
    expect(() => channel.push("e".repeat(256), { json: "is fine" })).not.toThrow();
  });
});

describe("binary frames from the server", () => {
  it("delivers a kind-0 push to the bindings as an ArrayBuffer", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const joinRef = channel.joinRef() as string;
    const received = vi.fn();
    channel.on("bin", received);
    transport.serverSend(frame(0, joinRef.length, 10, 3, ascii(joinRef), ascii("room:lobby"), ascii("bin"), [7, 8, 9]));
    const [payload, ref, receivedJoinRef] = received.mock.calls[0] as [ArrayBuffer, string | null, string];
    expect(payload).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(payload)]).toEqual([7, 8, 9]);
    expect(ref).toBeNull();
    expect(receivedJoinRef).toBe(joinRef);
  });

  it("resolves a push with a kind-1 reply whose response is an ArrayBuffer", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const joinRef = channel.joinRef() as string;
    const ok = vi.fn();
    const push = channel.push("upload", new Uint8Array([1])).receive("ok", ok);
    const ref = push.ref as string;
    transport.serverSend(
      frame(1, joinRef.length, ref.length, 10, 2, ascii(joinRef), ascii(ref), ascii("room:lobby"), ascii("ok"), [4, 2]),
    );
    const response = ok.mock.calls[0]?.[0] as ArrayBuffer;
    expect(response).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(response)]).toEqual([4, 2]);
  });

  it("delivers a kind-2 broadcast, and hands onMessage the official shapes", () => {
    const { socket, transport, channel } = joinedChannel("room:lobby");
    const messages: SocketMessage[] = [];
    socket.onMessage((message) => messages.push(message));
    const received = vi.fn();
    channel.on("news", received);
    transport.serverSend(frame(2, 10, 4, ascii("room:lobby"), ascii("news"), [255]));
    expect([...new Uint8Array(received.mock.calls[0]?.[0] as ArrayBuffer)]).toEqual([255]);
    expect(messages[0]).toMatchObject({ join_ref: null, ref: null, topic: "room:lobby", event: "news" });
    expect(messages[0]?.payload).toBeInstanceOf(ArrayBuffer);

    const joinRef = channel.joinRef() as string;
    transport.serverSend(frame(1, joinRef.length, 2, 10, 5, ascii(joinRef), ascii("77"), ascii("room:lobby"), ascii("error"), [1]));
    const replyMessage = messages[1] as SocketMessage & { payload: ReplyPayload };
    expect(replyMessage).toMatchObject({ join_ref: joinRef, ref: "77", event: "phx_reply", payload: { status: "error" } });
    expect(replyMessage.payload.response).toBeInstanceOf(ArrayBuffer);
  });

  it("drops a truncated binary frame without disturbing the channel", () => {
    const { transport, channel } = joinedChannel("room:lobby");
    const received = vi.fn();
    channel.on("news", received);
    transport.serverSend(frame(2, 10, 40, ascii("room:lobby"), ascii("news")));
    transport.serverSend(frame(9));
    transport.serverSend(frame(2, 10, 4, ascii("room:lobby"), ascii("news"), [1]));
    expect(received).toHaveBeenCalledTimes(1);
    expect(channel.state).toBe("joined");
  });
});
