import type { JsonObject } from "@cinder/protocol";
import { defineChannel, defineSocket, error, ok, type CinderOptions, type Presence } from "@cinder/server";
import type { RawClient, ReceivedTextFrame } from "../support/raw-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

/*
 * A channel server with Presence, as an application writes it (spec §1.15): the socket takes the
 * user from the `user` connect param; `room:*` pushes `presence_state` once joined and tracks the
 * user with the join payload as meta. Client events drive the rest of the Presence API.
 */

export interface PresenceAssigns {
  user: string;
  meta: JsonObject;
}

/**
 * | client event | server |
 * |---|---|
 * | `update {meta}` | `presence.update(socket, user, meta)` |
 * | `update_with {status}` | `presence.update(socket, user, (meta) => ({...meta, status}))` |
 * | `untrack` | `presence.untrack(socket, user)` |
 * | `track_key {key, meta}` | `presence.track(socket, key, meta)` (a second key, or hostile input) |
 * | `track_topic {topic, key}` | `presence.track(socket, topic, key, {})` |
 * | `list` | reply `{list: presence.list(topic)}` |
 * | `crash` | throw |
 *
 * Joining `room:refused` tracks in `join`, then refuses the join.
 */
export function createPresenceChannel(presence: Presence) {
  return defineChannel<PresenceAssigns>({
    async join(topic, payload, socket) {
      if (topic === "room:refused") {
        await presence.track(socket, socket.assigns.user, {});
        return error({ reason: "refused" });
      }
      socket.assign({ meta: payload });
      socket.sendAfter(0, "after_join");
      return ok();
    },
    async handleInfo(message, socket) {
      if (message !== "after_join") return;
      presence.pushState(socket);
      await presence.track(socket, socket.assigns.user, socket.assigns.meta);
    },
    async handleIn(event, payload, socket) {
      if (payload instanceof Uint8Array) return error({ reason: "binary" });
      switch (event) {
        case "update":
          await presence.update(socket, socket.assigns.user, payload.meta as JsonObject);
          return ok();
        case "update_with":
          await presence.update(socket, socket.assigns.user, (meta) => ({ ...meta, status: payload.status ?? null }));
          return ok();
        case "untrack":
          await presence.untrack(socket, socket.assigns.user);
          return ok();
        case "track_key":
          await presence.track(socket, payload.key as string, payload.meta as JsonObject);
          return ok();
        case "track_topic":
          await presence.track(socket, payload.topic as string, payload.key as string, {});
          return ok();
        case "list":
          return ok({ list: presence.list(socket) as unknown as JsonObject });
        case "crash":
          throw new Error("crash requested by the test");
        default:
          return error({ reason: `unknown event ${event}` });
      }
    },
  });
}

export function createPresenceSocket(presence: Presence) {
  return defineSocket<PresenceAssigns>({
    connect(params, socket) {
      socket.assign({ user: String(params.user ?? "anonymous"), meta: {} });
      return true;
    },
    channels: { "room:*": createPresenceChannel(presence) },
  });
}

export function startPresenceServer(presence: Presence, options: Omit<CinderOptions, "sockets" | "presence"> = {}): Promise<TestServer> {
  return startTestServer({ ...options, presence, sockets: { "/socket": createPresenceSocket(presence) } });
}

/** Join `topic` as the connection's user and wait for the `presence_state` pushed after the join. */
export async function joinWithPresence(client: RawClient, topic: string, meta: JsonObject = {}): Promise<{ joinRef: string; state: ReceivedTextFrame }> {
  const { joinRef, reply } = await client.join(topic, meta);
  if (reply.payload.status !== "ok") throw new Error(`join of ${topic} refused: ${reply.raw}`);
  const state = await client.waitForText((frame) => frame.topic === topic && frame.event === "presence_state" && frame.joinRef === joinRef, `presence_state on ${topic}`);
  return { joinRef, state };
}

/** Every `presence_diff` the client received on `topic`, in order. */
export function diffsOn(client: RawClient, topic: string): ReceivedTextFrame[] {
  return client.textFrames().filter((frame) => frame.topic === topic && frame.event === "presence_diff");
}

/** The first diff (received or future) on `topic` that matches. */
export function nextDiff(client: RawClient, topic: string, matches: (payload: any) => boolean, description: string): Promise<ReceivedTextFrame> {
  return client.waitForText((frame) => frame.topic === topic && frame.event === "presence_diff" && matches(frame.payload), description);
}

/** Keys of a diff half or state, with the refs of their metas. */
export function refsByKey(list: Record<string, { metas: ReadonlyArray<{ phx_ref: string }> }>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(list).map(([key, entry]) => [key, entry.metas.map((meta) => meta.phx_ref)]));
}
