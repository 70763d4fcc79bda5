/**
 * The presence state a client keeps and the two ways it changes (spec §1.15), as the official
 * `phoenix` client defines them: a full `presence_state` (syncState) and a `presence_diff`
 * (syncDiff). Kept apart from the channel so it can be tested with literal fixtures.
 *
 * Every object keyed by presence key has no prototype: keys come from the server (often from
 * users), and one named `__proto__` or `constructor` must stay an ordinary key.
 */

/** What the server adds to each meta: a ref unique to it, and after an update the ref it replaced. */
export interface PresenceMetaRefs {
  phx_ref: string;
  phx_ref_prev?: string;
}

/** A meta as the server sends it: the application's fields plus the refs. */
export type PresenceMeta<Meta extends object = Record<string, unknown>> = Meta & PresenceMetaRefs;

/** One key's presence: one meta per channel (or view) tracking it, e.g. per browser tab. */
export interface PresenceEntry<Meta extends object = Record<string, unknown>> {
  metas: Array<PresenceMeta<Meta>>;
}

/** Presences by key. */
export type PresenceState<Meta extends object = Record<string, unknown>> = Record<string, PresenceEntry<Meta>>;

/** A `presence_diff` payload. */
export interface PresenceDiff<Meta extends object = Record<string, unknown>> {
  joins: PresenceState<Meta>;
  leaves: PresenceState<Meta>;
}

/** `current` is the key's presence before the join (`undefined` for a newcomer); `joined` holds the new metas. */
export type PresenceJoinCallback<Meta extends object = Record<string, unknown>> = (
  key: string,
  current: PresenceEntry<Meta> | undefined,
  joined: PresenceEntry<Meta>,
) => void;

/** `current` is the key's presence after the leave (no metas left: the key is gone); `left` holds the metas that left. */
export type PresenceLeaveCallback<Meta extends object = Record<string, unknown>> = (
  key: string,
  current: PresenceEntry<Meta>,
  left: PresenceEntry<Meta>,
) => void;

/**
 * Turn `current` into `next` (a full state from the server), reporting the difference through
 * the callbacks: keys missing from `next` leave whole; for keys in both, metas whose `phx_ref`
 * is new join and metas no longer there leave; keys only in `next` join. Returns the new state;
 * neither argument is modified.
 */
export function syncState<Meta extends object>(
  current: PresenceState<Meta>,
  next: PresenceState<Meta>,
  onJoin?: PresenceJoinCallback<Meta>,
  onLeave?: PresenceLeaveCallback<Meta>,
): PresenceState<Meta> {
  const state = withoutPrototype(clone(current));
  const incoming = withoutPrototype(next);
  const joins = withoutPrototype<PresenceState<Meta>>({});
  const leaves = withoutPrototype<PresenceState<Meta>>({});
  for (const key of keysOf(state)) {
    if (!incoming[key]) leaves[key] = state[key] as PresenceEntry<Meta>;
  }
  for (const key of keysOf(incoming)) {
    const nextPresence = incoming[key] as PresenceEntry<Meta>;
    const currentPresence = state[key];
    if (!currentPresence) {
      joins[key] = nextPresence;
      continue;
    }
    const nextRefs = new Set(nextPresence.metas.map((meta) => meta.phx_ref));
    const currentRefs = new Set(currentPresence.metas.map((meta) => meta.phx_ref));
    const joinedMetas = nextPresence.metas.filter((meta) => !currentRefs.has(meta.phx_ref));
    const leftMetas = currentPresence.metas.filter((meta) => !nextRefs.has(meta.phx_ref));
    if (joinedMetas.length > 0) joins[key] = { ...nextPresence, metas: joinedMetas };
    if (leftMetas.length > 0) leaves[key] = { ...clone(currentPresence), metas: leftMetas };
  }
  return syncDiff(state, { joins, leaves }, onJoin, onLeave);
}

/**
 * Apply a diff: each joining key gets the joined metas, after the metas it already had (minus
 * any with the same `phx_ref`), then `onJoin`; each leaving key loses the metas with the refs
 * listed, then `onLeave`, and disappears once it has no metas. Joins are applied before leaves,
 * so an update (the old meta leaves, the new one joins) never empties a key on the way.
 *
 * Returns the new state. As in the official client, a `state` without a prototype (what these
 * functions return) is updated in place; any other is copied first.
 */
export function syncDiff<Meta extends object>(
  state: PresenceState<Meta>,
  diff: PresenceDiff<Meta>,
  onJoin?: PresenceJoinCallback<Meta>,
  onLeave?: PresenceLeaveCallback<Meta>,
): PresenceState<Meta> {
  const target = withoutPrototype(state);
  const { joins, leaves } = clone(diff);
  for (const key of keysOf(joins)) {
    const joined = joins[key] as PresenceEntry<Meta>;
    const currentPresence = target[key];
    const presence = clone(joined);
    if (currentPresence) {
      const joinedRefs = new Set(presence.metas.map((meta) => meta.phx_ref));
      presence.metas.unshift(...currentPresence.metas.filter((meta) => !joinedRefs.has(meta.phx_ref)));
    }
    target[key] = presence;
    onJoin?.(key, currentPresence, joined);
  }
  for (const key of keysOf(leaves)) {
    const left = leaves[key] as PresenceEntry<Meta>;
    const currentPresence = target[key];
    if (!currentPresence) continue;
    const leftRefs = new Set(left.metas.map((meta) => meta.phx_ref));
    currentPresence.metas = currentPresence.metas.filter((meta) => !leftRefs.has(meta.phx_ref));
    onLeave?.(key, currentPresence, left);
    if (currentPresence.metas.length === 0) delete target[key];
  }
  return target;
}

/** One item per key, in the state's key order: the presence itself, or what `chooser` makes of it. */
export function listPresences<Meta extends object, Item = PresenceEntry<Meta>>(
  presences: PresenceState<Meta>,
  chooser?: (key: string, presence: PresenceEntry<Meta>) => Item,
): Item[] {
  const choose = chooser ?? ((_key: string, presence: PresenceEntry<Meta>) => presence as unknown as Item);
  return keysOf(presences).map((key) => choose(key, presences[key] as PresenceEntry<Meta>));
}

function keysOf(object: object): string[] {
  return Object.getOwnPropertyNames(object);
}

/** The same keys and values on an object without a prototype (the object itself when it has none). */
function withoutPrototype<T extends object>(object: T): T {
  if (Object.getPrototypeOf(object) === null) return object;
  const copy = Object.create(null) as T;
  for (const key of keysOf(object)) (copy as Record<string, unknown>)[key] = (object as Record<string, unknown>)[key];
  return copy;
}

/** Presence payloads are JSON: a JSON round trip is a deep copy (an own "__proto__" stays a key). */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
