import { describe, expect, it } from "vitest";
import { defineChannel, defineSocket, error, ok, reply, type TerminateReason } from "@cinder/server";
import { deferred, startTestServer } from "../support/test-server.js";

function socketWith(channels: Parameters<typeof defineSocket>[0]["channels"], options: { maxChannelsPerSocket?: number } = {}) {
  return startTestServer({ sockets: { "/socket": defineSocket({ channels }) }, limits: options });
}

const OpenChannel = defineChannel({ join: () => ok(), handleIn: (event) => ok({ event }) });

describe("joining", () => {
  it("replies ok with the join_ref and ref of the join", async () => {
    const server = await socketWith({ "room:*": OpenChannel });
    const client = await server.connect();
    client.send("3", "3", "room:lobby", "phx_join", { user: "u1" });
    const joined = await client.replyTo("3");
    expect(joined.raw).toBe('["3","3","room:lobby","phx_reply",{"status":"ok","response":{}}]');
  });

  it("carries the join response and hands join the topic, the payload and the connect assigns", async () => {
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket<{ userId: string }>({
          connect(params, socket) {
            socket.assign({ userId: String(params.user) });
            return true;
          },
          channels: {
            "room:*": defineChannel<{ userId: string }>({
              join: (topic, payload, socket) => ok({ topic, payload, userId: socket.assigns.userId, joinRef: socket.joinRef }),
            }),
          },
        }),
      },
    });
    const client = await server.connect("user=u7");
    const { joinRef, reply: joined } = await client.join("room:lobby", { hello: "there" });
    expect(joined.payload).toEqual({ status: "ok", response: { topic: "room:lobby", payload: { hello: "there" }, userId: "u7", joinRef } });
  });

  it("replies error with the channel's reason when join refuses", async () => {
    const server = await socketWith({ "room:*": defineChannel({ join: () => error({ reason: "unauthorized" }) }) });
    const client = await server.connect();
    client.send("7", "7", "room:reject", "phx_join", {});
    expect((await client.replyTo("7")).raw).toBe('["7","7","room:reject","phx_reply",{"status":"error","response":{"reason":"unauthorized"}}]');
    // Refused means not joined: a push now meets an unmatched topic.
    const ref = client.push("7", "room:reject", "ping");
    expect((await client.replyTo(ref)).payload).toEqual({ status: "error", response: { reason: "unmatched topic" } });
  });

  it.each([
    ["throws", () => {
      throw new Error("boom");
    }],
    ["rejects", () => Promise.reject(new Error("async boom"))],
    ["returns a wrong shape", () => ({ status: "ok" }) as never],
  ])("replies join crashed when join %s, and logs the channel and callback", async (_name, join) => {
    const server = await socketWith({ "room:*": defineChannel({ join }) });
    const client = await server.connect();
    const { reply: joined } = await client.join("room:lobby");
    expect(joined.payload).toEqual({ status: "error", response: { reason: "join crashed" } });
    const [logged] = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(logged?.fields).toMatchObject({ callback: "join", topic: "room:lobby", owner: 'channel "room:lobby"' });
  });

  it("answers an unknown topic with unmatched topic and a null join_ref", async () => {
    const server = await socketWith({ "room:*": OpenChannel });
    const client = await server.connect();
    client.send("5", "5", "nowhere:1", "phx_join", {});
    expect((await client.replyTo("5")).raw).toBe('[null,"5","nowhere:1","phx_reply",{"status":"error","response":{"reason":"unmatched topic"}}]');
  });

  it("routes by declaration order: the first matching pattern wins", async () => {
    const server = await socketWith({
      "room:vip": defineChannel({ join: () => ok({ channel: "vip" }) }),
      "room:*": defineChannel({ join: () => ok({ channel: "any room" }) }),
    });
    const client = await server.connect();
    expect((await client.join("room:vip")).reply.payload.response).toEqual({ channel: "vip" });
    expect((await client.join("room:other")).reply.payload.response).toEqual({ channel: "any room" });
  });

  it("refuses joins past maxChannelsPerSocket with too many channels joined", async () => {
    const server = await socketWith({ "room:*": OpenChannel }, { maxChannelsPerSocket: 2 });
    const client = await server.connect();
    await client.join("room:1");
    await client.join("room:2");
    const { joinRef, reply: refused } = await client.join("room:3");
    expect(refused.joinRef).toBe(joinRef);
    expect(refused.payload).toEqual({ status: "error", response: { reason: "too many channels joined" } });
    // A rejoin of a topic already joined does not count twice.
    expect((await client.join("room:1")).reply.payload.status).toBe("ok");
  });

  it("on a duplicate join ends the old incarnation, replies to the new join, then closes the old join_ref", async () => {
    const terminated: Array<[string, TerminateReason]> = [];
    const server = await socketWith({
      "room:*": defineChannel({
        join: () => ok(),
        handleIn: (_event, _payload, socket) => ok({ joinRef: socket.joinRef }),
        terminate: (reason, socket) => {
          terminated.push([socket.joinRef, reason]);
        },
      }),
    });
    const client = await server.connect();
    const first = await client.join("room:lobby");
    const second = await client.join("room:lobby");

    const oldClose = await client.waitForText((frame) => frame.event === "phx_close" && frame.joinRef === first.joinRef, "phx_close of the old join_ref");
    expect(oldClose.raw).toBe(`["${first.joinRef}","${first.joinRef}","room:lobby","phx_close",{}]`);
    expect(client.indexOf(second.reply)).toBeLessThan(client.indexOf(oldClose));
    expect(terminated).toEqual([[first.joinRef, "duplicate_join"]]);

    // The new incarnation answers; the old join_ref is now stale.
    const ref = client.push(second.joinRef, "room:lobby", "whoami");
    expect((await client.replyTo(ref)).payload.response).toEqual({ joinRef: second.joinRef });
  });

  it("accepts a join frame whose join_ref is null (the ref becomes the join_ref)", async () => {
    const server = await socketWith({ "room:*": OpenChannel });
    const client = await server.connect();
    client.send(null, "9", "room:lobby", "phx_join", {});
    const joined = await client.replyTo("9");
    expect(joined.payload.status).toBe("ok");
    const ref = client.push("9", "room:lobby", "ping");
    expect((await client.replyTo(ref)).payload.response).toEqual({ event: "ping" });
  });

  it("holds pushes made inside join until the join reply has been sent", async () => {
    const server = await socketWith({
      "room:*": defineChannel({
        join(_topic, _payload, socket) {
          socket.push("welcome", { from: "join" });
          return ok();
        },
      }),
    });
    const client = await server.connect();
    const { joinRef, reply: joined } = await client.join("room:lobby");
    const welcome = await client.waitForText((frame) => frame.event === "welcome", "welcome push");
    expect(welcome.raw).toBe(`["${joinRef}",null,"room:lobby","welcome",{"from":"join"}]`);
    expect(client.indexOf(joined)).toBeLessThan(client.indexOf(welcome));
  });

  it("queues pushes that arrive while an async join runs and handles them after it", async () => {
    const releaseJoin = deferred();
    const server = await socketWith({
      "room:*": defineChannel({
        async join() {
          await releaseJoin.promise;
          return ok();
        },
        handleIn: (event) => reply("handled", { event }),
      }),
    });
    const client = await server.connect();
    const joinRef = client.makeRef();
    client.send(joinRef, joinRef, "room:lobby", "phx_join", {});
    const pushRef = client.push(joinRef, "room:lobby", "early");
    releaseJoin.resolve();
    const pushed = await client.replyTo(pushRef);
    expect(pushed.payload).toEqual({ status: "handled", response: { event: "early" } });
    expect(client.indexOf(await client.replyTo(joinRef))).toBeLessThan(client.indexOf(pushed));
  });
});
