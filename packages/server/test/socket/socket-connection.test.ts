import { describe, expect, it } from "vitest";
import { defineChannel, defineSocket, ok, type ConnectParams } from "@cinder/server";
import { RawClient } from "../support/raw-client.js";
import { connectInfoRecorder, deferred, startChannelServer, startTestServer, trackClient, until } from "../support/test-server.js";

const EchoChannel = defineChannel({
  join: () => ok(),
  handleIn: (_event, payload) => ok({ echo: payload instanceof Uint8Array ? "bytes" : payload }),
});

describe("connecting", () => {
  it("accepts a client and hands connect the nested query params, ignoring nothing the client sent", async () => {
    const seen = deferred<ConnectParams>();
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket({
          connect(params) {
            seen.resolve(params);
            return true;
          },
          channels: { "room:*": EchoChannel },
        }),
      },
    });
    await server.connect("token=abc&nested%5Ba%5D=1&nested%5Bb%5D%5Bc%5D=2&list%5B0%5D=x&_mounts=0&_live_referer=undefined");
    expect(await seen.promise).toEqual({
      token: "abc",
      nested: { a: "1", b: { c: "2" } },
      list: { "0": "x" },
      _mounts: "0",
      _live_referer: "undefined",
      vsn: "2.0.0",
    });
  });

  it("refuses with HTTP 403 before the upgrade when connect returns false", async () => {
    const server = await startTestServer({
      sockets: { "/socket": defineSocket({ connect: (params) => params.token === "good", channels: {} }) },
    });
    expect(await RawClient.refusalStatus(server.url("/socket", "token=bad&vsn=2.0.0"))).toBe(403);
    const accepted = await server.connect("token=good");
    expect(accepted.isClosed).toBe(false);
  });

  it("answers HTTP 500 when connect throws, logs the callback, and keeps serving", async () => {
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket({
          connect(params) {
            if (params.explode) throw new Error("database down");
            return true;
          },
          channels: {},
        }),
      },
    });
    expect(await RawClient.refusalStatus(server.url("/socket", "explode=1&vsn=2.0.0"))).toBe(500);
    const [failure] = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(failure?.fields).toMatchObject({ callback: "connect", owner: 'socket "/socket"' });
    await server.connect();
  });

  it("refuses a missing or non-2.x vsn with HTTP 400", async () => {
    const server = await startChannelServer(EchoChannel);
    expect(await RawClient.refusalStatus(server.url("/socket", "token=x"))).toBe(400);
    expect(await RawClient.refusalStatus(server.url("/socket", "vsn=1.0.0"))).toBe(400);
    expect(await RawClient.refusalStatus(server.url("/socket", "vsn=banana"))).toBe(400);
    const client = await RawClient.connect(server.url("/socket", "vsn=2.1.0"));
    trackClient(client);
    expect(client.isClosed).toBe(false);
  });

  it("selects the phoenix subprotocol and exposes the bearer token as authToken", async () => {
    const recorder = connectInfoRecorder();
    const server = await startTestServer({ sockets: { "/socket": recorder.socket } });
    // What the official client sends for authToken "secret-token": btoa, padding removed.
    const bearer = `base64url.bearer.phx.${Buffer.from("secret-token").toString("base64").replace(/=/g, "")}`;
    const client = await server.connect("", { protocols: ["phoenix", bearer] });
    expect(client.protocol).toBe("phoenix");
    expect((await recorder.info).authToken).toBe("secret-token");
  });

  it("fills ConnectInfo with cookies, origin and headers", async () => {
    const recorder = connectInfoRecorder();
    const server = await startTestServer({ sockets: { "/socket": recorder.socket } });
    const port = new URL(server.url()).port;
    await server.connect("", { headers: { cookie: "session=abc; theme=dark", origin: `http://127.0.0.1:${port}`, "x-custom": "1" } });
    const info = await recorder.info;
    expect(info.cookies).toEqual({ session: "abc", theme: "dark" });
    expect(info.origin).toBe(`http://127.0.0.1:${port}`);
    expect(info.headers["x-custom"]).toBe("1");
    expect(info.authToken).toBeUndefined();
  });

  it("checks the Origin against the Host by default; no Origin header is allowed", async () => {
    const server = await startChannelServer(EchoChannel);
    expect(await RawClient.refusalStatus(server.url(), { headers: { origin: "https://evil.example" } })).toBe(403);
    await server.connect(); // no Origin: not a browser, allowed as in Phoenix
  });

  it("accepts origins from an allow-list or a function", async () => {
    const listed = await startChannelServer(EchoChannel, { checkOrigin: ["https://app.example", "//other.example"] });
    await listed.connect("", { headers: { origin: "https://app.example" } });
    await listed.connect("", { headers: { origin: "http://other.example" } });
    expect(await RawClient.refusalStatus(listed.url(), { headers: { origin: "http://app.example" } })).toBe(403);

    const decided = await startChannelServer(EchoChannel, { checkOrigin: (origin) => origin.endsWith(".trusted") });
    await decided.connect("", { headers: { origin: "https://a.trusted" } });
    expect(await RawClient.refusalStatus(decided.url(), { headers: { origin: "https://a.untrusted" } })).toBe(403);
  });

  it("answers 404 for an upgrade on a path where no socket is mounted", async () => {
    const server = await startChannelServer(EchoChannel);
    expect(await RawClient.refusalStatus(server.url("/elsewhere"))).toBe(404);
  });
});

describe("heartbeat and idle timeout", () => {
  it("answers a heartbeat on topic phoenix right away, with no channel joined", async () => {
    const server = await startChannelServer(EchoChannel);
    const client = await server.connect();
    client.send(null, "11", "phoenix", "heartbeat", {});
    const reply = await client.replyTo("11");
    expect(reply.raw).toBe('[null,"11","phoenix","phx_reply",{"status":"ok","response":{}}]');
  });

  it("answers heartbeats while a channel is busy in a slow handler", async () => {
    const release = deferred();
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket({
          channels: {
            "slow:*": defineChannel({
              join: () => ok(),
              async handleIn() {
                await release.promise;
                return ok();
              },
            }),
          },
        }),
      },
    });
    const client = await server.connect();
    const { joinRef } = await client.join("slow:1");
    const slowRef = client.push(joinRef, "slow:1", "work");
    client.send(null, "hb", "phoenix", "heartbeat", {});
    await client.replyTo("hb");
    expect(client.frames.some((frame) => frame.type === "text" && frame.ref === slowRef)).toBe(false);
    release.resolve();
    await client.replyTo(slowRef);
  });

  it("closes a connection that sent nothing for idleTimeoutMs with 1001", async () => {
    const server = await startChannelServer(EchoChannel, { limits: { idleTimeoutMs: 50 } });
    const client = await server.connect();
    expect(await client.closed).toEqual({ code: 1001, reason: "idle timeout" });
  });
});

describe("socket id and disconnect", () => {
  it("closes every socket of one id with 1001 on a disconnect broadcast and leaves others open", async () => {
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket<{ userId: string }>({
          connect(params, socket) {
            socket.assign({ userId: String(params.user) });
            return true;
          },
          id: (socket) => `user_socket:${socket.assigns.userId}`,
          channels: { "room:*": EchoChannel },
        }),
      },
    });
    const first = await server.connect("user=42");
    const second = await server.connect("user=42");
    const other = await server.connect("user=7");
    await first.join("room:lobby");

    await server.app.cinder.broadcast("user_socket:42", "disconnect", {});

    expect((await first.closed).code).toBe(1001);
    expect((await second.closed).code).toBe(1001);
    other.send(null, "1", "phoenix", "heartbeat", {});
    await other.replyTo("1");
    expect(other.isClosed).toBe(false);
  });
});

describe("malformed input", () => {
  const cases: Array<[name: string, frame: string | Uint8Array, decodeCode: string]> = [
    ["not JSON", "{nope", "not_json"],
    ["not an array", '{"topic":"room:lobby"}', "not_array"],
    ["wrong arity", '["1","1","room:lobby","phx_join"]', "wrong_arity"],
    ["wrong field types", '[1,"1","room:lobby","phx_join",{}]', "wrong_field_type"],
    ["a payload that is not an object", '["1","1","room:lobby","ping",[1,2]]', "payload_not_object"],
    ["a reserved server event", '["1","1","room:lobby","phx_reply",{}]', "unexpected_reserved_event"],
    ["binary garbage", new Uint8Array([7, 1, 2, 3]), "unknown_binary_kind"],
    ["a truncated binary push", new Uint8Array([0, 5, 5, 5, 5, 65]), "truncated_binary"],
  ];

  it.each(cases)("closes with 1007 on %s, logs it once, and keeps serving other clients", async (_name, frame, decodeCode) => {
    const server = await startChannelServer(EchoChannel);
    const bystander = await server.connect();
    const { joinRef } = await bystander.join("room:lobby");
    const attacker = await server.connect();

    attacker.sendRaw(frame);
    attacker.sendRaw(frame); // the second one must not produce a second log line
    const closed = await attacker.closed;

    expect(closed.code).toBe(1007);
    expect(closed.reason).toContain(decodeCode);
    const logged = server.logger.withCode("CINDER_SOCKET_MALFORMED_FRAME");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields.reason).toBe(decodeCode);
    const ref = bystander.push(joinRef, "room:lobby", "ping", { n: 1 });
    expect((await bystander.replyTo(ref)).payload).toEqual({ status: "ok", response: { echo: { n: 1 } } });
  });

  it("closes with 1007 on a text frame that is not UTF-8, logged once", async () => {
    const server = await startChannelServer(EchoChannel);
    const client = await server.connect();
    client.sendRaw(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), false);
    expect((await client.closed).code).toBe(1007);
    const logged = server.logger.withCode("CINDER_SOCKET_MALFORMED_FRAME");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields.reason).toBe("invalid_utf8");
  });

  it("closes with 1009 on a frame larger than maxFrameBytes, logs it once, and keeps serving", async () => {
    const server = await startChannelServer(EchoChannel, { limits: { maxFrameBytes: 1024 } });
    const bystander = await server.connect();
    const attacker = await server.connect();
    attacker.send("1", "1", "room:lobby", "phx_join", { padding: "x".repeat(2048) });
    expect((await attacker.closed).code).toBe(1009);
    expect(server.logger.withCode("CINDER_SOCKET_FRAME_TOO_BIG")).toHaveLength(1);
    const { reply } = await bystander.join("room:lobby");
    expect(reply.payload.status).toBe("ok");
  });
});

describe("slow consumers", () => {
  it("closes a client that stops reading with 1008 once maxQueuedBytes is exceeded, and logs it once", async () => {
    const server = await startChannelServer(EchoChannel, { limits: { maxQueuedBytes: 64 * 1024 } });
    const slow = await server.connect();
    await slow.join("room:flood");
    const healthy = await server.connect();
    await healthy.join("room:other");
    slow.pause();

    const chunk = { data: "x".repeat(256 * 1024) };
    // Kernel socket buffers absorb the first megabytes; keep broadcasting until the server gives up.
    for (let round = 0; round < 400 && server.logger.withCode("CINDER_SOCKET_SLOW_CONSUMER").length === 0; round++) {
      await server.app.cinder.broadcast("room:flood", "flood", chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.logger.withCode("CINDER_SOCKET_SLOW_CONSUMER")).toHaveLength(1);

    slow.resume();
    expect((await slow.closed).code).toBe(1008);
    await server.app.cinder.broadcast("room:other", "still_there", {});
    await healthy.waitForText((frame) => frame.event === "still_there", "broadcast to the healthy client");
  });
});

describe("shutdown", () => {
  it("closes every socket with 1012 on app.close(), never 1000", async () => {
    const terminated = deferred<string>();
    const server = await startChannelServer(
      defineChannel({
        join: () => ok(),
        terminate: (reason) => terminated.resolve(reason),
      }),
    );
    const first = await server.connect();
    const second = await server.connect();
    await first.join("room:lobby");
    await server.close();
    expect((await first.closed).code).toBe(1012);
    expect((await second.closed).code).toBe(1012);
    expect(await terminated.promise).toBe("closed");
  });

  it("finishes app.close() even when a channel handler never settles", async () => {
    const handlerStarted = deferred();
    const server = await startChannelServer(
      defineChannel({
        join: () => ok(),
        handleIn() {
          handlerStarted.resolve();
          return new Promise(() => {}); // hangs forever
        },
      }),
    );
    const client = await server.connect();
    const { joinRef } = await client.join("room:stuck");
    client.push(joinRef, "room:stuck", "hang");
    await handlerStarted.promise;
    await server.close();
    expect((await client.closed).code).toBe(1012);
  });

  it("releases every PubSub subscription when clients disconnect", async () => {
    const server = await startTestServer({
      sockets: {
        "/socket": defineSocket({
          id: () => "user_socket:1",
          channels: {
            "room:*": defineChannel({
              async join(_topic, _payload, socket) {
                await socket.subscribe("extra:topic");
                return ok();
              },
            }),
          },
        }),
      },
    });
    const pubsub = server.app.cinder.pubsub as unknown as { subscriberCount(topic?: string): number };
    const client = await server.connect();
    await client.join("room:a");
    await client.join("room:b");
    expect(pubsub.subscriberCount()).toBe(5); // id topic + 2 channel topics + 2 extra subscriptions
    client.close();
    await client.closed;
    await until(() => pubsub.subscriberCount() === 0, "all subscriptions released");
  });
});
