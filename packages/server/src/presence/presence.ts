import type { JsonObject } from "@cinder/protocol";
import type { ChannelSocket } from "../channel/channel-definition.js";
import { serverError } from "../errors/error-registry.js";
import type { LiveViewSocket } from "../live/view/live-view-socket.js";
import { lifetimeOf, type ProcessLifetime } from "../process/process-lifetime.js";
import { resolvePresenceOptions, type PresenceOptions } from "./presence-options.js";
import { PRESENCE_STATE_EVENT, PresenceRuntime, type PresenceHost } from "./presence-runtime.js";
import type { PresenceEntry, PresenceList } from "./presence-types.js";

/** What can track: a channel's socket, or a connected LiveView's socket. */
// `any`: each channel and view has its own assigns type; only its identity matters here.
export type PresenceSocket = ChannelSocket<any> | LiveViewSocket<any>;

/** A new meta, or a function of the current one (without its refs) that returns the new one. */
export type PresenceMetaUpdate<Meta extends object> = Meta | ((current: Readonly<Meta>) => Meta);

const runtimes = new WeakMap<Presence<any>, PresenceRuntime>();

/**
 * Who is on a topic, as in Phoenix.Presence: channels and LiveViews track a key (a user id) with
 * a meta (what to show about them); every member of the topic receives `presence_diff`
 * broadcasts when someone joins, leaves or changes, and a channel pushes `presence_state` after
 * its join. A presence ends by itself when the channel or view that tracked it ends — leave,
 * closed connection, crash. On one node the state lives in memory; give it a Redis client and
 * it is shared by every node (see the README's "Presence").
 *
 * Give the Presence to the cinder plugin, which starts it with the app and stops it on close.
 *
 * @example
 * ```ts
 * export const presence = new Presence<{ name: string; online_at: string }>();
 *
 * const RoomChannel = defineChannel<{ user: User }>({
 *   join(_topic, _payload, socket) {
 *     socket.sendAfter(0, "after_join"); // once joined, so that no diff is missed
 *     return ok();
 *   },
 *   async handleInfo(message, socket) {
 *     if (message !== "after_join") return;
 *     presence.pushState(socket); // presence_state: who is here
 *     await presence.track(socket, socket.assigns.user.id, { name: socket.assigns.user.name, online_at: new Date().toISOString() });
 *   },
 * });
 *
 * await app.register(cinder, { presence, sockets: { "/socket": defineSocket({ connect, channels: { "room:*": RoomChannel } }) } });
 * ```
 */
export class Presence<Meta extends object = JsonObject> {
  readonly #runtime: PresenceRuntime;

  constructor(options: PresenceOptions = {}) {
    this.#runtime = new PresenceRuntime(resolvePresenceOptions(options));
    runtimes.set(this, this.#runtime);
  }

  /**
   * Track `key` with `meta` for the channel (on its topic), or for a LiveView or channel on
   * `topic`. Resolves once every member of the topic on this node has received the join, and
   * the change is stored in Redis and announced to the other nodes (at once while Redis is
   * unreachable: it is published when Redis is back). The presence ends with the channel or
   * view. Throws a `CinderServerError` when the key is already tracked by this socket, when a
   * limit is exceeded, or when the meta is not JSON. During a LiveView's HTTP render
   * (`socket.connected === false`) nothing is tracked.
   */
  track(socket: ChannelSocket<any>, key: string, meta: Meta): Promise<void>;
  track(socket: PresenceSocket, topic: string, key: string, meta: Meta): Promise<void>;
  track(socket: PresenceSocket, ...rest: unknown[]): Promise<void> {
    const { lifetime, topic, args } = resolveCall("track", socket, rest, 2);
    if (lifetime === undefined) return Promise.resolve();
    return this.#runtime.track(lifetime, topic, args[0], args[1]);
  }

  /** Stop tracking `key` for this socket (on the channel's topic, or on `topic`). Untracking what is not tracked does nothing. */
  untrack(socket: ChannelSocket<any>, key: string): Promise<void>;
  untrack(socket: PresenceSocket, topic: string, key: string): Promise<void>;
  untrack(socket: PresenceSocket, ...rest: unknown[]): Promise<void> {
    const { lifetime, topic, args } = resolveCall("untrack", socket, rest, 1);
    if (lifetime === undefined) return Promise.resolve();
    return this.#runtime.untrack(lifetime, topic, args[0]);
  }

  /**
   * Replace the meta this socket tracks for `key`: clients see a leave of the old meta and a
   * join of the new one, which carries a new `phx_ref` and the old one as `phx_ref_prev`.
   * Throws `CINDER_PRESENCE_NOT_TRACKED` when the socket does not track `key`.
   */
  update(socket: ChannelSocket<any>, key: string, meta: PresenceMetaUpdate<Meta>): Promise<void>;
  update(socket: PresenceSocket, topic: string, key: string, meta: PresenceMetaUpdate<Meta>): Promise<void>;
  update(socket: PresenceSocket, ...rest: unknown[]): Promise<void> {
    const { lifetime, topic, args } = resolveCall("update", socket, rest, 2);
    if (lifetime === undefined) return Promise.resolve();
    return this.#runtime.update(lifetime, topic, args[0], args[1]);
  }

  /** Everyone on the topic (on every node), by key; the object has no prototype. */
  list(topic: string | ChannelSocket<any>): PresenceList<Meta> {
    const name: unknown = typeof topic === "string" ? topic : (topic as Partial<ChannelSocket<any>> | null)?.topic;
    return this.#runtime.list(name) as unknown as PresenceList<Meta>;
  }

  /** One key's presence on the topic, or `undefined`. */
  get(topic: string, key: string): PresenceEntry<Meta> | undefined {
    return this.#runtime.get(topic, key) as unknown as PresenceEntry<Meta> | undefined;
  }

  /**
   * Push `presence_state` with everyone on the channel's topic to this client: what a client's
   * `Presence` waits for after each (re)join before it shows anything. Call it once the channel
   * is joined (in `handleInfo` after a `sendAfter(0, …)` from `join`), so that every diff
   * broadcast afterwards reaches the client too.
   */
  pushState(socket: ChannelSocket<any>): void {
    socket.push(PRESENCE_STATE_EVENT, this.list(socket) as unknown as JsonObject);
  }
}

/**
 * Escape hatch for the cinder plugin: start a Presence for an app (its PubSub and logger).
 * Not exported from the package index: applications pass `presence` to the plugin.
 */
export function startPresence(presence: Presence<any>, host: PresenceHost): Promise<void> {
  return runtimeOf(presence).start(host);
}

/** The cinder plugin stops the Presence when the app closes, after its sockets are closed. */
export function stopPresence(presence: Presence<any>): Promise<void> {
  return runtimeOf(presence).stop();
}

export function isPresence(value: unknown): value is Presence<any> {
  return typeof value === "object" && value !== null && runtimes.has(value as Presence<any>);
}

function runtimeOf(presence: Presence<any>): PresenceRuntime {
  const runtime = runtimes.get(presence);
  if (runtime === undefined) throw new TypeError("expected a Presence made with new Presence()");
  return runtime;
}

/**
 * The owner's lifetime (or `undefined` for a LiveView's HTTP render: nothing to track), the
 * topic, and the remaining arguments of a call made in either form: `(socket, …rest)` on the
 * channel's topic, or `(socket, topic, …rest)`.
 */
function resolveCall(
  method: string,
  socket: unknown,
  rest: unknown[],
  shortFormLength: number,
): { lifetime: ProcessLifetime | undefined; topic: unknown; args: unknown[] } {
  if (typeof socket !== "object" || socket === null) throw serverError("CINDER_PRESENCE_NOT_A_SOCKET", socket);
  const candidate = socket as { topic?: unknown; joinRef?: unknown; connected?: unknown };
  const channelTopic = typeof candidate.joinRef === "string" && typeof candidate.topic === "string" ? candidate.topic : undefined;
  let topic: unknown;
  let args: unknown[];
  if (rest.length > shortFormLength) {
    [topic, ...args] = rest;
  } else {
    if (channelTopic === undefined) throw serverError("CINDER_PRESENCE_TOPIC_REQUIRED", method);
    topic = channelTopic;
    args = rest;
  }
  const lifetime = lifetimeOf(socket);
  if (lifetime === undefined && candidate.connected !== false) throw serverError("CINDER_PRESENCE_NOT_A_SOCKET", socket);
  return { lifetime, topic, args };
}
