/**
 * The shapes Presence shares with clients (spec §1.15): a topic's presences grouped by key, each
 * with the metas of every channel or view that tracks that key, anywhere in the cluster.
 */

/** What Presence adds to every meta: a ref unique to this meta, and the ref it replaced after an update. */
export interface PresenceRefs {
  /** Unique per tracked meta; an update makes a new one. Clients tell metas apart by it. */
  readonly phx_ref: string;
  /** On a meta made by `update`: the `phx_ref` of the meta it replaced. */
  readonly phx_ref_prev?: string;
}

/** A meta as clients and `list` see it: yours, plus its refs. */
export type TrackedMeta<Meta extends object> = Readonly<Meta> & PresenceRefs;

/** One key's presence: a meta per channel or view tracking the key (a user in two tabs has two). */
export interface PresenceEntry<Meta extends object> {
  readonly metas: ReadonlyArray<TrackedMeta<Meta>>;
}

/**
 * A topic's presences by key — the `presence_state` payload and each half of a `presence_diff`.
 * The object has no prototype: keys are chosen by applications (and often by users), and one
 * named `__proto__` or `constructor` must stay an ordinary key.
 */
export type PresenceList<Meta extends object> = Record<string, PresenceEntry<Meta>>;

/** The `presence_diff` payload: who joined and who left, by key. */
export interface PresenceDiff<Meta extends object> {
  readonly joins: PresenceList<Meta>;
  readonly leaves: PresenceList<Meta>;
}
