import type { Channel } from "../channels/channel.js";
import { invokeUserCallback } from "../channels/user-code.js";
import {
  listPresences,
  syncDiff,
  syncState,
  type PresenceDiff,
  type PresenceEntry,
  type PresenceJoinCallback,
  type PresenceLeaveCallback,
  type PresenceState,
} from "./presence-state.js";

/** The channel events that carry the state and the diffs; the server's defaults unless it renamed them. */
export interface PresenceOptions {
  events?: { state: string; diff: string };
}

/** What Presence needs from a channel; a `Channel` of this package fits. */
export type PresenceChannel = Pick<Channel, "on" | "joinRef" | "topic">;

const DEFAULT_EVENTS = { state: "presence_state", diff: "presence_diff" } as const;

/**
 * Who is on a channel's topic, kept in sync from the server's `presence_state` and
 * `presence_diff` events — the official `phoenix` client's `Presence`, typed.
 *
 * Diffs that arrive before the state of the channel's current join (after a join or a rejoin)
 * wait, and are applied right after it, so a reconnect never shows a half-updated list.
 *
 * @example
 * ```ts
 * const channel = socket.channel("room:lobby");
 * const presence = new Presence<{ name: string }>(channel);
 * presence.onSync(() => render(presence.list((key, { metas: [first, ...rest] }) => `${first?.name} (${rest.length + 1})`)));
 * presence.onJoin((key, current) => { if (!current) console.info(`${key} arrived`); });
 * presence.onLeave((key, current) => { if (current.metas.length === 0) console.info(`${key} left`); });
 * channel.join();
 * ```
 */
export class Presence<Meta extends object = Record<string, unknown>> {
  readonly channel: PresenceChannel;
  #state: PresenceState<Meta> = Object.create(null) as PresenceState<Meta>;
  #pendingDiffs: Array<PresenceDiff<Meta>> = [];
  /** The join_ref whose state arrived; diffs wait until it is the channel's current one. */
  #joinRef: string | null = null;
  #onJoin: PresenceJoinCallback<Meta> = () => {};
  #onLeave: PresenceLeaveCallback<Meta> = () => {};
  #onSync: () => void = () => {};

  constructor(channel: PresenceChannel, options: PresenceOptions = {}) {
    this.channel = channel;
    const events = options.events ?? DEFAULT_EVENTS;
    channel.on<PresenceState<Meta>>(events.state, (newState) => {
      this.#joinRef = channel.joinRef();
      this.#state = syncState(this.#state, newState, this.#joinCallback, this.#leaveCallback);
      for (const diff of this.#pendingDiffs) this.#state = syncDiff(this.#state, diff, this.#joinCallback, this.#leaveCallback);
      this.#pendingDiffs = [];
      this.#sync();
    });
    channel.on<PresenceDiff<Meta>>(events.diff, (diff) => {
      if (this.inPendingSyncState()) {
        this.#pendingDiffs.push(diff);
        return;
      }
      this.#state = syncDiff(this.#state, diff, this.#joinCallback, this.#leaveCallback);
      this.#sync();
    });
  }

  /** Called for each key that gains metas (a newcomer when `current` is `undefined`). */
  onJoin(callback: PresenceJoinCallback<Meta>): void {
    this.#onJoin = callback;
  }

  /** Called for each key that loses metas (gone when `current.metas` is empty). */
  onLeave(callback: PresenceLeaveCallback<Meta>): void {
    this.#onLeave = callback;
  }

  /** Called after each state or diff has been applied: the moment to render the list. */
  onSync(callback: () => void): void {
    this.#onSync = callback;
  }

  /** One item per key: the presence, or what `chooser` makes of it. */
  list(): Array<PresenceEntry<Meta>>;
  list<Item>(chooser: (key: string, presence: PresenceEntry<Meta>) => Item): Item[];
  list<Item>(chooser?: (key: string, presence: PresenceEntry<Meta>) => Item): Item[] {
    return listPresences(this.#state, chooser);
  }

  /** The current state by key (no prototype). Replace nothing in it: the next sync starts from it. */
  get state(): PresenceState<Meta> {
    return this.#state;
  }

  /** True until the state of the channel's current join has arrived; diffs wait meanwhile. */
  inPendingSyncState(): boolean {
    return this.#joinRef === null || this.#joinRef !== this.channel.joinRef();
  }

  /** See {@link syncState} in presence-state.ts: a full state from the server applied to `currentState`. */
  static syncState<Meta extends object>(
    currentState: PresenceState<Meta>,
    newState: PresenceState<Meta>,
    onJoin?: PresenceJoinCallback<Meta>,
    onLeave?: PresenceLeaveCallback<Meta>,
  ): PresenceState<Meta> {
    return syncState(currentState, newState, onJoin, onLeave);
  }

  /** See {@link syncDiff} in presence-state.ts: one `presence_diff` applied to `state`. */
  static syncDiff<Meta extends object>(
    state: PresenceState<Meta>,
    diff: PresenceDiff<Meta>,
    onJoin?: PresenceJoinCallback<Meta>,
    onLeave?: PresenceLeaveCallback<Meta>,
  ): PresenceState<Meta> {
    return syncDiff(state, diff, onJoin, onLeave);
  }

  /** One item per key of `presences`: the presence, or what `chooser` makes of it. */
  static list<Meta extends object, Item = PresenceEntry<Meta>>(
    presences: PresenceState<Meta>,
    chooser?: (key: string, presence: PresenceEntry<Meta>) => Item,
  ): Item[] {
    return listPresences(presences, chooser);
  }

  // A throwing callback is reported and the others still run: the state stays whole either way.
  readonly #joinCallback: PresenceJoinCallback<Meta> = (key, current, joined) =>
    invokeUserCallback(`presence.onJoin callback on "${this.channel.topic}"`, this.#onJoin, key, current, joined);

  readonly #leaveCallback: PresenceLeaveCallback<Meta> = (key, current, left) =>
    invokeUserCallback(`presence.onLeave callback on "${this.channel.topic}"`, this.#onLeave, key, current, left);

  #sync(): void {
    invokeUserCallback(`presence.onSync callback on "${this.channel.topic}"`, this.#onSync);
  }
}
