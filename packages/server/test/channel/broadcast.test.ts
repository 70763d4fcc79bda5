import { describe, expect, it } from "vitest";
import type { JsonObject, Payload } from "@cinder/protocol";
import { Broadcast, defineChannel, defineSocket, ok, stop } from "@cinder/server";
import { startChannelServer, startTestServer } from "../support/test-server.js";

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const ChatChannel = defineChannel({
  join: () => ok(),
  async handleIn(event, payload, socket) {
    if (event === "shout") await socket.broadcast("said", payload);
    if (event === "whisper") await socket.broadcastFrom("said", payload);
    return ok();
  },
});

function chatServer(channel = ChatChannel) {
  return startChannelServer(channel);
}

describe("broadcasts", () => {
  it("reaches every socket joined to the topic as [null, null, topic, event, payload]", async () => {
    const server = await chatServer();
    const alice = await server.connect();
    const bob = await server.connect();
    const outsider = await server.connect();
    const aliceJoin = await alice.join("room:lobby");
    await bob.join("room:lobby");
    await outsider.join("room:elsewhere");

    const ref = alice.push(aliceJoin.joinRef, "room:lobby", "shout", { body: "hi" });
    const expected = '[null,null,"room:lobby","said",{"body":"hi"}]';
    expect((await alice.waitForText((frame) => frame.event === "said", "own broadcast")).raw).toBe(expected);
    expect((await bob.waitForText((frame) => frame.event === "said", "broadcast")).raw).toBe(expected);
    await alice.replyTo(ref);

    // The outsider's channel answers a later push, so a misrouted broadcast would have arrived by now.
    outsider.send(null, "hb", "phoenix", "heartbeat", {});
    await outsider.replyTo("hb");
    expect(outsider.textFrames().some((frame) => frame.event === "said")).toBe(false);
  });

  it("broadcastFrom skips the sender's socket only", async () => {
    const server = await chatServer();
    const alice = await server.connect();
    const bob = await server.connect();
    const aliceJoin = await alice.join("room:lobby");
    await bob.join("room:lobby");
    const ref = alice.push(aliceJoin.joinRef, "room:lobby", "whisper", { body: "psst" });
    await bob.waitForText((frame) => frame.event === "said", "broadcast from alice");
    await alice.replyTo(ref); // broadcast delivery happens before the handler's reply
    expect(alice.textFrames().some((frame) => frame.event === "said")).toBe(false);
  });

  it("reaches channels from the endpoint (app.cinder.broadcast)", async () => {
    const server = await chatServer();
    const client = await server.connect();
    await client.join("room:lobby");
    await server.app.cinder.broadcast("room:lobby", "new_msg", { body: "from the server" });
    expect((await client.waitForText((frame) => frame.event === "new_msg", "endpoint broadcast")).raw).toBe(
      '[null,null,"room:lobby","new_msg",{"body":"from the server"}]',
    );
  });

  it("sends a binary broadcast as the exact binary broadcast frame to every subscriber", async () => {
    const server = await chatServer();
    const first = await server.connect();
    const second = await server.connect();
    await first.join("room:lobby");
    await second.join("room:lobby");
    await server.app.cinder.broadcast("room:lobby", "bin", new Uint8Array([9, 8, 7]));
    const expected = [2, 10, 3, ...ascii("room:lobby"), ...ascii("bin"), 9, 8, 7];
    expect([...(await first.waitForBinary(() => true, "binary broadcast")).bytes]).toEqual(expected);
    expect([...(await second.waitForBinary(() => true, "binary broadcast")).bytes]).toEqual(expected);
  });

  it("refuses protocol event names and non-object payloads with coded errors", async () => {
    const server = await chatServer();
    expect(() => server.app.cinder.broadcast("room:lobby", "phx_reply", {})).toThrow(expect.objectContaining({ code: "CINDER_CHANNEL_RESERVED_EVENT" }));
    expect(() => server.app.cinder.broadcast("room:lobby", "x", [1, 2] as unknown as Payload)).toThrow(
      expect.objectContaining({ code: "CINDER_CHANNEL_INVALID_PAYLOAD" }),
    );
    expect(() => server.app.cinder.broadcast("", "x", {})).toThrow(expect.objectContaining({ code: "CINDER_CHANNEL_INVALID_TOPIC" }));
  });
});

describe("intercept and handleOut", () => {
  it("runs intercepted events through handleOut per subscriber, which may rewrite, drop, or stop", async () => {
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket<{ name: string }>({
          connect(params, socket) {
            socket.assign({ name: String(params.name) });
            return true;
          },
          channels: {
            "room:*": defineChannel<{ name: string }>({
              intercept: ["said"],
              join: () => ok(),
              handleOut(event, payload, socket) {
                const message = payload as { to?: string; body: string };
                if (message.to === "stop") return stop("told to");
                if (message.to !== undefined && message.to !== socket.assigns.name) return; // not for this subscriber
                socket.push(event, { body: message.body, for: socket.assigns.name });
              },
            }),
          },
        }),
      },
    });
    const alice = await server.connect("name=alice");
    const bob = await server.connect("name=bob");
    const aliceJoin = await alice.join("room:lobby");
    const bobJoin = await bob.join("room:lobby");

    await server.app.cinder.broadcast("room:lobby", "said", { to: "bob", body: "for bob" });
    await server.app.cinder.broadcast("room:lobby", "said", { body: "for all" });
    await server.app.cinder.broadcast("room:lobby", "not_intercepted", { body: "fastlane" });

    const forBob = await bob.waitForText((frame) => frame.event === "said" && frame.payload.body === "for bob", "rewritten push");
    expect(forBob.raw).toBe(`["${bobJoin.joinRef}",null,"room:lobby","said",{"body":"for bob","for":"bob"}]`);
    const forAlice = await alice.waitForText((frame) => frame.event === "said", "rewritten push for alice");
    expect(forAlice.raw).toBe(`["${aliceJoin.joinRef}",null,"room:lobby","said",{"body":"for all","for":"alice"}]`);
    await alice.waitForText((frame) => frame.event === "not_intercepted", "fastlane broadcast");
    expect(alice.textFrames().filter((frame) => frame.event === "said")).toHaveLength(1);

    await server.app.cinder.broadcast("room:lobby", "said", { to: "stop", body: "" });
    expect((await alice.waitForText((frame) => frame.event === "phx_close", "phx_close")).joinRef).toBe(aliceJoin.joinRef);
  });
});

describe("handleInfo", () => {
  it("receives sendAfter messages, broadcasts on subscribed topics and plain PubSub messages", async () => {
    const server = await chatServer(
      defineChannel({
        async join(_topic, _payload, socket) {
          await socket.subscribe("news");
          socket.sendAfter(1, { tick: 1 });
          return ok();
        },
        handleInfo(message, socket) {
          if (message instanceof Broadcast) socket.push("news", { topic: message.topic, event: message.event, payload: message.payload as JsonObject });
          else socket.push("info", { message: message as JsonObject });
        },
      }),
    );
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    expect((await client.waitForText((frame) => frame.event === "info" && frame.payload.message.tick === 1, "sendAfter message")).joinRef).toBe(joinRef);

    await server.app.cinder.broadcast("news", "headline", { title: "hello" });
    const news = await client.waitForText((frame) => frame.event === "news", "subscribed broadcast");
    expect(news.payload).toEqual({ topic: "news", event: "headline", payload: { title: "hello" } });

    await server.app.cinder.pubsub.broadcast("room:lobby", { direct: true });
    const direct = await client.waitForText((frame) => frame.event === "info" && frame.payload.message.direct === true, "plain PubSub message");
    expect(direct.joinRef).toBe(joinRef);
  });

  it("cancels a sendAfter timer through the function it returns", async () => {
    const server = await chatServer(
      defineChannel({
        join(_topic, _payload, socket) {
          const cancel = socket.sendAfter(1, "cancelled");
          cancel();
          socket.sendAfter(5, "kept");
          return ok();
        },
        handleInfo(message, socket) {
          socket.push("info", { message: message as string });
        },
      }),
    );
    const client = await server.connect();
    await client.join("room:lobby");
    await client.waitForText((frame) => frame.event === "info" && frame.payload.message === "kept", "kept timer");
    expect(client.textFrames().filter((frame) => frame.event === "info")).toHaveLength(1);
  });
});
