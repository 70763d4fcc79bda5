import Fastify from "fastify";
import fastifyCookie from "@fastify/cookie";
import { describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { cinder, defineChannel, defineSocket, LocalPubSub, ok, type CinderOptions } from "@cinder/server";
import { endpointConnectionCount, mountSocket } from "../src/endpoint/endpoint.js";
import { RawClient } from "./support/raw-client.js";
import { connectInfoRecorder, startTestServer, trackClient, until } from "./support/test-server.js";

const RoomChannel = defineChannel({ join: () => ok(), handleIn: () => ok() });
const UserSocket = defineSocket({ channels: { "room:*": RoomChannel } });

async function registrationError(options: CinderOptions): Promise<unknown> {
  const app = Fastify({ logger: false });
  try {
    await app.register(cinder, options);
    await app.ready();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await app.close().catch(() => {});
  }
}

describe("plugin options", () => {
  it.each<[string, CinderOptions, string]>([
    ["a path without a leading slash", { sockets: { socket: UserSocket } }, "CINDER_PLUGIN_INVALID_SOCKET_PATH"],
    ["a path ending in /websocket", { sockets: { "/socket/websocket": UserSocket } }, "CINDER_PLUGIN_INVALID_SOCKET_PATH"],
    ["a socket without channels", { sockets: { "/socket": {} as never } }, "CINDER_PLUGIN_INVALID_SOCKET_DEFINITION"],
    ["a channel without join", { sockets: { "/socket": defineSocket({ channels: { "room:*": {} as never } }) } }, "CINDER_PLUGIN_INVALID_CHANNEL_DEFINITION"],
    ["sockets that are not an object", { sockets: "nope" as never }, "CINDER_PLUGIN_INVALID_SOCKETS"],
    ["a negative limit", { limits: { maxFrameBytes: -1 } }, "CINDER_PLUGIN_INVALID_LIMIT"],
    ["a misspelt limit", { limits: { maxFrameByte: 10 } as never }, "CINDER_PLUGIN_UNKNOWN_LIMIT"],
    ["a bad checkOrigin", { checkOrigin: 42 as never }, "CINDER_PLUGIN_INVALID_CHECK_ORIGIN"],
    ["a bad origin in the list", { checkOrigin: ["https://"] }, "CINDER_PLUGIN_INVALID_CHECK_ORIGIN"],
    ["a pubsub that is not one", { pubsub: {} as never }, "CINDER_PLUGIN_INVALID_PUBSUB"],
  ])("rejects %s with a coded error that says what to do", async (_name, options, code) => {
    const failure = await registrationError(options);
    expect(failure).toMatchObject({ code, name: "CinderServerError" });
    expect((failure as Error).message.length).toBeGreaterThan(40);
  });

  it("decorates the app (not just the plugin's context) with the endpoint", async () => {
    const server = await startTestServer({ sockets: { "/socket": UserSocket } });
    expect(server.app.hasDecorator("cinder")).toBe(true);
    expect(typeof server.app.cinder.broadcast).toBe("function");
    expect(server.app.cinder.pubsub).toBeInstanceOf(LocalPubSub);
  });

  it("reuses a cookie plugin the app registered itself", async () => {
    const recorder = connectInfoRecorder();
    const server = await startTestServer({ sockets: { "/socket": recorder.socket } }, async (app) => {
      await app.register(fastifyCookie, { secret: "a-secret-for-signed-cookies" });
    });
    const signed = server.app.signCookie("user-1");
    await server.connect("", { headers: { cookie: `session=${encodeURIComponent(signed)}` } });
    const cookie = (await recorder.info).cookies.session ?? "";
    expect(server.app.unsignCookie(cookie)).toEqual({ valid: true, renew: false, value: "user-1" });
  });

  it("uses a PubSub passed in, and leaves it open when the app closes", async () => {
    const pubsub = new LocalPubSub();
    const server = await startTestServer({ sockets: { "/socket": UserSocket }, pubsub });
    const client = await server.connect();
    await client.join("room:lobby");
    expect(pubsub.subscriberCount("room:lobby")).toBe(1);
    await pubsub.broadcast("room:lobby", { $cinder: "broadcast", event: "via_own_pubsub", payload: {} });
    await client.waitForText((frame) => frame.event === "via_own_pubsub", "broadcast through the given PubSub");
    await server.close();
    await expect(pubsub.subscribe("still:open", () => {})).resolves.toBeDefined();
    await pubsub.close();
  });

  it("closes the PubSub it created when the app closes", async () => {
    const server = await startTestServer({ sockets: { "/socket": UserSocket } });
    const pubsub = server.app.cinder.pubsub;
    await server.close();
    await expect(pubsub.broadcast("t", 1)).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
  });
});

describe("mounting sockets later (internal escape hatch)", () => {
  it("serves a socket mounted with mountSocket after the app is listening", async () => {
    const server = await startTestServer({ sockets: { "/socket": UserSocket } });
    mountSocket(server.app.cinder, "/live", defineSocket({ channels: { "lv:*": defineChannel({ join: (topic) => ok({ topic }) }) } }));
    const client = await server.connect("", { path: "/live" });
    expect((await client.join("lv:phx-1")).reply.payload.response).toEqual({ topic: "lv:phx-1" });
    expect(endpointConnectionCount(server.app.cinder)).toBe(1);
    expect(() => mountSocket(server.app.cinder, "/live", UserSocket)).toThrow(expect.objectContaining({ code: "CINDER_PLUGIN_DUPLICATE_SOCKET_PATH" }));
  });
});

describe("sharing the HTTP server", () => {
  it("leaves upgrades on other paths to another upgrade listener", async () => {
    const other = new WebSocketServer({ noServer: true });
    const server = await startTestServer({ sockets: { "/socket": UserSocket } }, (app) => {
      app.server.on("upgrade", (request, socket, head) => {
        if (request.url?.startsWith("/other")) other.handleUpgrade(request, socket, head, (webSocket) => webSocket.send('[null,null,"other","hello",{}]'));
      });
    });
    const foreign = trackClient(await RawClient.connect(server.url("/other", "")));
    await foreign.waitForText((frame) => frame.topic === "other", "the other library's greeting");
    await server.connect(); // ours still works
    foreign.terminate();
    other.close();
  });

  it("counts connections down as clients leave", async () => {
    const server = await startTestServer({ sockets: { "/socket": UserSocket } });
    const client = await server.connect();
    expect(endpointConnectionCount(server.app.cinder)).toBe(1);
    client.close();
    await until(() => endpointConnectionCount(server.app.cinder) === 0, "connection count back to 0");
  });
});
