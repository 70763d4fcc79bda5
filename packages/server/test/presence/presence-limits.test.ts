import { describe, expect, it } from "vitest";
import Fastify from "fastify";
import { cinder, defineChannel, ok, Presence, type ChannelSocket, type PresenceOptions } from "@cinder/server";
import { startChannelServer, startTestServer, until } from "../support/test-server.js";
import { joinWithPresence, startPresenceServer } from "./presence-server.js";

/*
 * What a hostile client (or a careless app) can make Presence hold is bounded, and bad input is
 * a coded error for the one channel that made it — never a crash of the server, never a state
 * that other clients would receive.
 */

/** A joined channel's socket, to call Presence with values only server code can build. */
async function joinedChannelSocket(presence: Presence): Promise<ChannelSocket> {
  let captured: ChannelSocket | undefined;
  const server = await startChannelServer(
    defineChannel({
      join(_topic, _payload, socket) {
        captured = socket;
        return ok();
      },
    }),
    { presence },
  );
  const client = await server.connect();
  await client.join("room:lobby");
  await until(() => captured !== undefined, "the channel socket");
  return captured as ChannelSocket;
}

class Point {
  constructor(readonly x: number) {}
}

const cyclic: Record<string, unknown> = { name: "loop" };
cyclic.self = cyclic;
let deep: Record<string, unknown> = {};
const deepRoot = deep;
for (let level = 0; level < 40; level++) deep = deep.next = {};

describe("Presence input", () => {
  it.each([
    ["a Date", { since: new Date() }, "meta.since is a Date"],
    ["a Map", { tags: new Map() }, "meta.tags is a Map"],
    ["a class instance", { at: new Point(1) }, "meta.at is a Point"],
    ["a function", { render: () => 1 }, "meta.render is a function"],
    ["NaN", { score: Number.NaN }, "meta.score is NaN"],
    ["Infinity", { score: Number.POSITIVE_INFINITY }, "meta.score is Infinity"],
    ["a bigint", { id: 1n }, "meta.id is bigint 1"],
    ["undefined in an array", { list: [1, undefined] }, "meta.list[1] is undefined"],
    ["a cycle", cyclic, "nested deeper than 32 levels"],
    ["nesting 40 levels deep", deepRoot, "nested deeper than 32 levels"],
    ["an array", [1, 2], "the meta is an array"],
    ["null", null, "the meta is null"],
    ["a string", "online", 'the meta is the string "online"'],
  ])("refuses a meta with %s, naming where it is", async (_what, meta, where) => {
    const presence = new Presence();
    const socket = await joinedChannelSocket(presence);
    expect(() => presence.track(socket, "alice", meta as never)).toThrow(
      expect.objectContaining({ code: "CINDER_PRESENCE_INVALID_META", message: expect.stringContaining(where) }),
    );
    expect(presence.list("room:lobby")).toEqual({});
  });

  it("refuses keys that are not short non-empty strings", async () => {
    const presence = new Presence({ limits: { maxKeyBytes: 8 } });
    const socket = await joinedChannelSocket(presence);
    expect(() => presence.track(socket, "", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_INVALID_KEY" }));
    expect(() => presence.track(socket, 42 as never, {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_INVALID_KEY" }));
    expect(() => presence.track(socket, "ééééé", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_KEY_TOO_LONG", message: expect.stringContaining("10 bytes") }));
    expect(() => presence.track(socket, "", "alice", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_INVALID_TOPIC" }));
    await presence.track(socket, "eight---", {});
    expect(Object.keys(presence.list(socket))).toEqual(["eight---"]);
  });

  it("keeps a copy of the meta: later changes to the caller's object change nothing, and what list returns is frozen", async () => {
    const presence = new Presence();
    const socket = await joinedChannelSocket(presence);
    const meta = { status: "online", tags: ["a"], skipped: undefined };
    await presence.track(socket, "alice", meta as never);
    meta.status = "changed";
    meta.tags.push("b");
    const stored = presence.get("room:lobby", "alice")?.metas[0];
    expect(stored).toEqual({ status: "online", tags: ["a"], phx_ref: expect.any(String) });
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored?.tags)).toBe(true);
  });

  it("allows a socket a bounded number of presences, and each key once", async () => {
    const presence = new Presence({ limits: { maxPresencesPerOwner: 2 } });
    const socket = await joinedChannelSocket(presence);
    await presence.track(socket, "one", {});
    expect(() => presence.track(socket, "one", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_ALREADY_TRACKED" }));
    await presence.track(socket, "other:topic", "two", {});
    expect(() => presence.track(socket, "three", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_TOO_MANY_FOR_OWNER" }));
    await presence.untrack(socket, "one");
    await presence.track(socket, "three", {});
    expect(() => presence.update(socket, "one", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_NOT_TRACKED" }));
  });

  it("crashes only the channel whose client sent an oversized meta; the others and the server carry on", async () => {
    const presence = new Presence({ limits: { maxMetaBytes: 64 } });
    const server = await startPresenceServer(presence);
    const bystander = await server.connect("user=bystander");
    const bystanderJoin = await joinWithPresence(bystander, "room:lobby", { name: "B" });
    const attacker = await server.connect("user=attacker");
    const { joinRef } = await joinWithPresence(attacker, "room:lobby");
    attacker.push(joinRef, "room:lobby", "track_key", { key: "huge", meta: { blob: "x".repeat(200) } });
    const crashed = await attacker.waitForText((frame) => frame.event === "phx_error", "phx_error of the attacker's channel");
    expect(crashed.payload).toEqual({ reason: "channel_crash" });
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED").map((record) => record.fields.causeCode)).toEqual(["CINDER_PRESENCE_META_TOO_LARGE"]);
    // The crash ended the attacker's presence too; the bystander's is untouched.
    await until(() => Object.keys(presence.list("room:lobby")).join() === "bystander", "only the bystander left");
    const listRef = bystander.push(bystanderJoin.joinRef, "room:lobby", "list");
    expect((await bystander.replyTo(listRef)).payload.response.list).toEqual({ bystander: { metas: [{ name: "B", phx_ref: expect.any(String) }] } });
    // The attacker's meta never reached anyone.
    expect(bystander.describeFrames()).not.toContain("xxxx");
  });

  it("replaces refs a client put into its meta with its own, and keeps a __proto__ field an ordinary field", async () => {
    const presence = new Presence();
    const server = await startPresenceServer(presence);
    const client = await server.connect("user=mallory");
    await joinWithPresence(client, "room:lobby", JSON.parse('{"phx_ref":"forged","phx_ref_prev":"forged-too","__proto__":{"admin":true},"name":"M"}'));
    await until(() => presence.get("room:lobby", "mallory") !== undefined, "mallory tracked");
    const meta = presence.get("room:lobby", "mallory")?.metas[0] as Record<string, unknown>;
    expect(meta.phx_ref).not.toBe("forged");
    expect(Object.hasOwn(meta, "phx_ref_prev")).toBe(false);
    expect(Object.hasOwn(meta, "__proto__")).toBe(true);
    expect((meta as { admin?: unknown }).admin).toBeUndefined();
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
  });

  it("refuses calls with something else than a socket, and a LiveView-style call without a topic", async () => {
    const presence = new Presence();
    await joinedChannelSocket(presence);
    expect(() => presence.track({ topic: "room:lobby", joinRef: "1" } as never, "alice", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_NOT_A_SOCKET" }));
    expect(() => presence.track(null as never, "alice", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_NOT_A_SOCKET" }));
    expect(() => presence.track({ connected: true } as never, "alice", {})).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_TOPIC_REQUIRED" }));
    // A LiveView's HTTP render (not connected) tracks nothing, silently, as its subscribe does.
    await presence.track({ connected: false } as never, "room:lobby", "alice", {});
    expect(presence.list("room:lobby")).toEqual({});
  });
});

describe("Presence options and lifecycle", () => {
  it.each<[string, PresenceOptions, string]>([
    ["a prefix that is not a string", { prefix: 1 as never }, "CINDER_PRESENCE_INVALID_OPTION"],
    ["a zero heartbeat", { heartbeatIntervalMs: 0 }, "CINDER_PRESENCE_INVALID_OPTION"],
    ["a node timeout shorter than two heartbeats", { heartbeatIntervalMs: 1000, nodeTimeoutMs: 1500 }, "CINDER_PRESENCE_INVALID_OPTION"],
    ["an unknown limit", { limits: { maxMetas: 1 } as never }, "CINDER_PRESENCE_UNKNOWN_LIMIT"],
    ["a fractional limit", { limits: { maxMetaBytes: 1.5 } }, "CINDER_PRESENCE_INVALID_OPTION"],
    ["something else than a Redis client", { redis: { status: "ready" } as never }, "CINDER_PRESENCE_INVALID_REDIS_CLIENT"],
  ])("refuses %s when it is created", (_what, options, code) => {
    expect(() => new Presence(options)).toThrow(expect.objectContaining({ code }));
  });

  it("says it must be given to the plugin when used before it runs", () => {
    const presence = new Presence();
    expect(() => presence.list("room:lobby")).toThrow(expect.objectContaining({ code: "CINDER_PRESENCE_NOT_STARTED", message: expect.stringContaining("app.register(cinder, { presence") }));
  });

  it("runs in one app at a time, and the plugin refuses anything else than a Presence", async () => {
    const presence = new Presence();
    await startTestServer({ presence });
    const second = Fastify({ logger: false });
    await expect(second.register(cinder, { presence }).ready()).rejects.toMatchObject({ code: "CINDER_PRESENCE_ALREADY_STARTED" });
    await second.close();
    const third = Fastify({ logger: false });
    await expect(third.register(cinder, { presence: {} as never }).ready()).rejects.toMatchObject({ code: "CINDER_PRESENCE_INVALID_PLUGIN_OPTION" });
    await third.close();
  });
});
