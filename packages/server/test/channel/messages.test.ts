import { describe, expect, it } from "vitest";
import { decodeServerMessage, encodeClientMessage, type JsonObject } from "@cinder/protocol";
import { defineChannel, error, ok, reply, stop, type Reply } from "@cinder/server";
import { deferred, startChannelServer } from "../support/test-server.js";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function serverWith(channel: Parameters<typeof defineChannel>[0]) {
  return startChannelServer(defineChannel(channel));
}

describe("client pushes and replies", () => {
  it("replies ok, error, or any status string, echoing join_ref and ref", async () => {
    const server = await serverWith({
      join: () => ok(),
      handleIn(event, payload) {
        if (event === "ok") return ok({ echo: payload as JsonObject });
        if (event === "error") return error({ reason: "nope" });
        return reply("custom_status", { event });
      },
    });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const okRef = client.push(joinRef, "room:lobby", "ok", { n: 1 });
    const errorRef = client.push(joinRef, "room:lobby", "error");
    const customRef = client.push(joinRef, "room:lobby", "other");
    expect((await client.replyTo(okRef)).raw).toBe(`["${joinRef}","${okRef}","room:lobby","phx_reply",{"status":"ok","response":{"echo":{"n":1}}}]`);
    expect((await client.replyTo(errorRef)).payload).toEqual({ status: "error", response: { reason: "nope" } });
    expect((await client.replyTo(customRef)).payload).toEqual({ status: "custom_status", response: { event: "other" } });
  });

  it("sends nothing when handleIn returns nothing, and keeps answering later pushes", async () => {
    const server = await serverWith({ join: () => ok(), handleIn: (event) => (event === "quiet" ? undefined : ok()) });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const quietRef = client.push(joinRef, "room:lobby", "quiet");
    const loudRef = client.push(joinRef, "room:lobby", "loud");
    await client.replyTo(loudRef);
    expect(client.textFrames().some((frame) => frame.ref === quietRef)).toBe(false);
  });

  it("sends a deferred reply later, once, with the ref of the push it answers", async () => {
    let answer: ((value: Reply) => void) | undefined;
    const captured = deferred();
    const server = await serverWith({
      join: () => ok(),
      handleIn(event, _payload, socket) {
        if (event === "later") {
          answer = socket.deferReply();
          captured.resolve();
          return;
        }
        return ok({ event });
      },
    });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const laterRef = client.push(joinRef, "room:lobby", "later");
    await captured.promise;
    const meanwhileRef = client.push(joinRef, "room:lobby", "meanwhile");
    await client.replyTo(meanwhileRef);
    answer?.(ok({ finally: true }));
    answer?.(ok({ twice: true })); // logged, never sent
    const deferredReply = await client.replyTo(laterRef);
    expect(deferredReply.raw).toBe(`["${joinRef}","${laterRef}","room:lobby","phx_reply",{"status":"ok","response":{"finally":true}}]`);
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED").map((record) => record.fields.causeCode)).toEqual(["CINDER_CHANNEL_DEFER_REPLY_TWICE"]);
    const sentinel = client.push(joinRef, "room:lobby", "sentinel");
    await client.replyTo(sentinel);
    expect(client.textFrames().filter((frame) => frame.ref === laterRef)).toHaveLength(1);
  });

  it("ignores a push with a stale join_ref and still answers the current one", async () => {
    const server = await serverWith({ join: () => ok(), handleIn: (event) => ok({ event }) });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const staleRef = client.push("999", "room:lobby", "stale");
    const currentRef = client.push(joinRef, "room:lobby", "current");
    const nullRef = client.push(null, "room:lobby", "null join_ref");
    expect((await client.replyTo(currentRef)).payload.response).toEqual({ event: "current" });
    expect((await client.replyTo(nullRef)).payload.response).toEqual({ event: "null join_ref" });
    expect(client.textFrames().some((frame) => frame.ref === staleRef)).toBe(false);
  });

  it("answers a push to a topic that is not joined with unmatched topic", async () => {
    const server = await serverWith({ join: () => ok(), handleIn: () => ok() });
    const client = await server.connect();
    const ref = client.push("1", "room:never-joined", "ping");
    expect((await client.replyTo(ref)).raw).toBe(`[null,"${ref}","room:never-joined","phx_reply",{"status":"error","response":{"reason":"unmatched topic"}}]`);
  });

  it("crashes the channel (phx_error) when handleIn is missing or returns a wrong shape, with a coded log", async () => {
    const noHandleIn = await serverWith({ join: () => ok() });
    const client = await noHandleIn.connect();
    const { joinRef } = await client.join("room:lobby");
    client.push(joinRef, "room:lobby", "anything");
    const crashed = await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(crashed.raw).toBe(`["${joinRef}","${joinRef}","room:lobby","phx_error",{"reason":"channel_crash"}]`);
    expect(noHandleIn.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.fields.causeCode).toBe("CINDER_CHANNEL_NO_HANDLE_IN");

    const wrongShape = await serverWith({ join: () => ok(), handleIn: () => ({ status: "ok" }) as never });
    const other = await wrongShape.connect();
    const joined = await other.join("room:lobby");
    other.push(joined.joinRef, "room:lobby", "anything");
    await other.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(wrongShape.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.fields.causeCode).toBe("CINDER_CHANNEL_INVALID_RESULT");
  });

  it("stops the channel with an optional reply first, then phx_close", async () => {
    const terminated = deferred<string>();
    const server = await serverWith({
      join: () => ok(),
      handleIn: () => stop("finished", ok({ bye: true })),
      terminate: (reason) => terminated.resolve(reason),
    });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const ref = client.push(joinRef, "room:lobby", "done");
    const stopReply = await client.replyTo(ref);
    const closed = await client.waitForText((frame) => frame.event === "phx_close", "phx_close");
    expect(stopReply.payload).toEqual({ status: "ok", response: { bye: true } });
    expect(closed.raw).toBe(`["${joinRef}","${joinRef}","room:lobby","phx_close",{}]`);
    expect(client.indexOf(stopReply)).toBeLessThan(client.indexOf(closed));
    expect(await terminated.promise).toBe("finished");
    const after = client.push(joinRef, "room:lobby", "again");
    expect((await client.replyTo(after)).payload.response).toEqual({ reason: "unmatched topic" });
  });
});

describe("binary frames", () => {
  it("hands binary pushes to handleIn as a Uint8Array and sends ok(bytes) as a binary reply", async () => {
    const received = deferred<{ event: string; isBytes: boolean; bytes: number[] }>();
    const server = await serverWith({
      join: () => ok(),
      handleIn(event, payload) {
        received.resolve({ event, isBytes: payload instanceof Uint8Array, bytes: [...(payload as Uint8Array)] });
        return ok(bytes(1, 2, 3));
      },
    });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    client.sendRaw(encodeClientMessage({ kind: "push", joinRef, ref: "10", topic: "room:lobby", event: "binpush", payload: bytes(10, 20, 30) }));
    expect(await received.promise).toEqual({ event: "binpush", isBytes: true, bytes: [10, 20, 30] });
    const binaryReply = await client.waitForBinary((frame) => frame[0] === 1, "binary reply");
    // kind 1, then lengths of join_ref, ref, topic, status; then those fields; then the payload.
    expect([...binaryReply.bytes]).toEqual([1, joinRef.length, 2, 10, 2, ...ascii(joinRef), ...ascii("10"), ...ascii("room:lobby"), ...ascii("ok"), 1, 2, 3]);
  });

  it("pushes bytes to one client as a binary push frame (no ref)", async () => {
    const server = await serverWith({
      join: () => ok(),
      handleIn(_event, _payload, socket) {
        socket.push("blob", bytes(0xde, 0xad));
      },
    });
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    client.push(joinRef, "room:lobby", "send_blob");
    const pushed = await client.waitForBinary((frame) => frame[0] === 0, "binary push");
    expect([...pushed.bytes]).toEqual([0, joinRef.length, 10, 4, ...ascii(joinRef), ...ascii("room:lobby"), ...ascii("blob"), 0xde, 0xad]);
    expect(decodeServerMessage(pushed.bytes)).toEqual({
      ok: true,
      value: { kind: "push", joinRef, topic: "room:lobby", event: "blob", payload: bytes(0xde, 0xad) },
    });
  });
});
