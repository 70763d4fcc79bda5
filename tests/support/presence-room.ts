import { WebSocket } from "ws";
import * as official from "phoenix";
import * as cinderClient from "@cinder/client";
import type { JsonObject } from "@cinder/protocol";
import { defineChannel, defineSocket, error, ok, type Presence, type SocketDefinition } from "@cinder/server";
import { pushResult } from "./push-result.js";

/*
 * A room with Presence as an application writes it (spec §1.15), and the two clients that can
 * watch it — the official `phoenix` client and Cinder's — behind one small interface, so that
 * the conformance and multi-node suites run the same scenarios with both.
 */

export interface PresenceRoomAssigns {
  user: string;
  meta: JsonObject;
  conn: string | undefined;
}

/**
 * `/socket`: the connect param `user` is the presence key; `conn` names the connection
 * (`conn:<conn>`, so a test can drop it with `app.cinder.broadcast("conn:<conn>", "disconnect", {})`).
 * `room:*` pushes `presence_state` once joined and tracks the user with the join params as meta;
 * the client event `update {meta}` updates it, `crash` crashes the channel.
 */
export function createPresenceRoomSocket(presence: Presence): SocketDefinition<PresenceRoomAssigns> {
  const room = defineChannel<PresenceRoomAssigns>({
    join(_topic, payload, socket) {
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
      if (event === "update") {
        await presence.update(socket, socket.assigns.user, payload.meta as JsonObject);
        return ok();
      }
      if (event === "crash") throw new Error("crash requested by the test");
      return error({ reason: `unknown event ${event}` });
    },
  });
  return defineSocket<PresenceRoomAssigns>({
    connect(params, socket) {
      socket.assign({ user: String(params.user ?? "anonymous"), meta: {}, conn: typeof params.conn === "string" ? params.conn : undefined });
      return true;
    },
    id: (socket) => (socket.assigns.conn === undefined ? undefined : `conn:${socket.assigns.conn}`),
    channels: { "room:*": room },
  });
}

// ---- the clients ---------------------------------------------------------------------------------

export type PresenceClientKind = "official" | "cinder";
export const PRESENCE_CLIENTS: readonly PresenceClientKind[] = ["official", "cinder"];

interface AnyPush {
  receive(status: string, callback: (response: unknown) => void): AnyPush;
}
interface AnyChannel {
  join(): AnyPush;
  leave(): AnyPush;
  push(event: string, payload: object): AnyPush;
}
interface AnySocket {
  connect(): void;
  disconnect(callback?: () => void): void;
  channel(topic: string, params?: object): AnyChannel;
  onOpen(callback: () => void): unknown;
}
interface AnyPresence {
  onJoin(callback: (key: string, current: unknown, joined: unknown) => void): void;
  onLeave(callback: (key: string, current: { metas: unknown[] }, left: { metas: unknown[] }) => void): void;
  onSync(callback: () => void): void;
  list<T>(chooser: (key: string, presence: { metas: Array<Record<string, unknown>> }) => T): T[];
}

const constructors = {
  official: { Socket: official.Socket, Presence: official.Presence },
  cinder: { Socket: cinderClient.Socket, Presence: cinderClient.Presence },
} as unknown as Record<PresenceClientKind, { Socket: new (url: string, options: object) => AnySocket; Presence: new (channel: AnyChannel) => AnyPresence }>;

/** What one client's Presence saw: the list after every sync, and each join and leave. */
export interface PresenceWatcher {
  readonly channel: AnyChannel;
  readonly socket: AnySocket;
  /** `key → metas` as of the last sync. */
  current(): Record<string, Array<Record<string, unknown>>>;
  /** Keys as of the last sync, sorted. */
  keys(): string[];
  readonly joins: Array<{ key: string; newcomer: boolean; refs: string[] }>;
  readonly leaves: Array<{ key: string; gone: boolean; refs: string[] }>;
  readonly syncs: number;
  push(event: string, payload: object): Promise<{ status: string; response: unknown }>;
  leave(): Promise<unknown>;
}

/**
 * Sockets of one client kind against a server, each with a channel and a Presence on it; all
 * disconnected by `disconnectAll()` (call it in `afterEach`).
 */
export function presenceClients(kind: PresenceClientKind) {
  const { Socket, Presence } = constructors[kind];
  const sockets: AnySocket[] = [];

  async function join(socketUrl: string, topic: string, params: { user: string; conn?: string }, meta: object = {}): Promise<PresenceWatcher> {
    const socket = new Socket(socketUrl, { transport: WebSocket, params, reconnectAfterMs: () => 20, rejoinAfterMs: () => 20 });
    sockets.push(socket);
    const opened = new Promise<void>((resolve) => socket.onOpen(() => resolve()));
    socket.connect();
    await opened;
    const channel = socket.channel(topic, meta);
    const presence = new Presence(channel);
    let snapshot: Record<string, Array<Record<string, unknown>>> = {};
    const watcher = {
      channel,
      socket,
      current: () => snapshot,
      keys: () => Object.keys(snapshot).sort(),
      joins: [] as PresenceWatcher["joins"],
      leaves: [] as PresenceWatcher["leaves"],
      syncs: 0,
      push: (event: string, payload: object) => pushResult(channel.push(event, payload)),
      leave: () => pushResult(channel.leave()),
    };
    presence.onJoin((key, current, joined) => {
      watcher.joins.push({ key, newcomer: current === undefined, refs: refsOf(joined) });
    });
    presence.onLeave((key, current, left) => {
      watcher.leaves.push({ key, gone: current.metas.length === 0, refs: refsOf(left) });
    });
    presence.onSync(() => {
      snapshot = Object.fromEntries(presence.list((key, entry) => [key, entry.metas] as const));
      watcher.syncs++;
    });
    const { status } = await pushResult(channel.join());
    if (status !== "ok") throw new Error(`the ${kind} client could not join ${topic}: ${status}`);
    return watcher;
  }

  async function disconnectAll(): Promise<void> {
    await Promise.all(sockets.splice(0).map((socket) => new Promise<void>((resolve) => socket.disconnect(() => resolve()))));
  }

  return { join, disconnectAll };
}

function refsOf(presence: unknown): string[] {
  return ((presence as { metas: Array<{ phx_ref: string }> }).metas ?? []).map((meta) => meta.phx_ref);
}
