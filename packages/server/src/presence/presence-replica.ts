import type { JsonObject } from "@cinder/protocol";
import type { PresenceEntry, PresenceList, TrackedMeta } from "./presence-types.js";

/** One meta of one key on one topic, tracked on `node`. `meta` carries its `phx_ref` (= `ref`), and is frozen. */
export interface ReplicaEntry {
  readonly node: string;
  readonly topic: string;
  readonly key: string;
  readonly ref: string;
  readonly meta: JsonObject;
}

interface TopicChanges {
  readonly joins: Map<string, JsonObject[]>;
  readonly leaves: Map<string, JsonObject[]>;
}

/**
 * What one change of the replica did, per topic, in the order it happened: the `presence_diff`
 * payloads this node owes its subscribers. A ref that joined and left within one set of changes
 * appears in both halves; clients apply joins before leaves, so it ends up gone, as it should.
 */
export class PresenceChanges {
  readonly #byTopic = new Map<string, TopicChanges>();

  join(entry: ReplicaEntry): void {
    append(this.#topic(entry.topic).joins, entry.key, entry.meta);
  }

  leave(entry: ReplicaEntry): void {
    append(this.#topic(entry.topic).leaves, entry.key, entry.meta);
  }

  get isEmpty(): boolean {
    return this.#byTopic.size === 0;
  }

  /** `[topic, {joins, leaves}]` per topic that changed; the key maps have no prototype. */
  *diffs(): Iterable<[string, { joins: PresenceList<JsonObject>; leaves: PresenceList<JsonObject> }]> {
    for (const [topic, changes] of this.#byTopic) {
      yield [topic, { joins: toPresenceList(changes.joins), leaves: toPresenceList(changes.leaves) }];
    }
  }

  #topic(topic: string): TopicChanges {
    let changes = this.#byTopic.get(topic);
    if (changes === undefined) {
      changes = { joins: new Map(), leaves: new Map() };
      this.#byTopic.set(topic, changes);
    }
    return changes;
  }
}

/**
 * This node's picture of every presence in the cluster: its own (tracked here) and the other
 * nodes' (learnt from their messages and from Redis). Indexed by topic → key → ref for `list`,
 * and by node for replacing or dropping everything one node holds. Every mutation records what
 * it did in a `PresenceChanges`, so that the diffs clients receive are exactly the replica's
 * changes — which is what keeps a client's state equal to `list` (spec §1.15).
 *
 * Invariant: a ref is held at most once in the whole replica, by the node that created it.
 */
export class PresenceReplica {
  readonly #topics = new Map<string, Map<string, Map<string, ReplicaEntry>>>();
  readonly #nodes = new Map<string, Map<string, ReplicaEntry>>();
  readonly #refs = new Map<string, ReplicaEntry>();

  /** Adds `entry` unless its ref is already known (a duplicate message); says whether it did. */
  add(entry: ReplicaEntry, changes: PresenceChanges): boolean {
    if (this.#refs.has(entry.ref)) return false;
    this.#refs.set(entry.ref, entry);
    let node = this.#nodes.get(entry.node);
    if (node === undefined) {
      node = new Map();
      this.#nodes.set(entry.node, node);
    }
    node.set(entry.ref, entry);
    let keys = this.#topics.get(entry.topic);
    if (keys === undefined) {
      keys = new Map();
      this.#topics.set(entry.topic, keys);
    }
    let metas = keys.get(entry.key);
    if (metas === undefined) {
      metas = new Map();
      keys.set(entry.key, metas);
    }
    metas.set(entry.ref, entry);
    changes.join(entry);
    return true;
  }

  /** Removes `node`'s entry with `ref`; an unknown ref (or another node's) changes nothing. */
  remove(node: string, ref: string, changes: PresenceChanges): ReplicaEntry | undefined {
    const entry = this.#refs.get(ref);
    if (entry === undefined || entry.node !== node) return undefined;
    this.#refs.delete(ref);
    const nodeEntries = this.#nodes.get(node);
    nodeEntries?.delete(ref);
    if (nodeEntries?.size === 0) this.#nodes.delete(node);
    const keys = this.#topics.get(entry.topic);
    const metas = keys?.get(entry.key);
    metas?.delete(ref);
    if (metas?.size === 0) keys?.delete(entry.key);
    if (keys?.size === 0) this.#topics.delete(entry.topic);
    changes.leave(entry);
    return entry;
  }

  /** Removes everything `node` holds; returns how many metas left. */
  removeNode(node: string, changes: PresenceChanges): number {
    const entries = [...(this.#nodes.get(node)?.values() ?? [])];
    for (const entry of entries) this.remove(node, entry.ref, changes);
    return entries.length;
  }

  /**
   * Makes `node`'s entries exactly `entries` (a snapshot read from Redis): refs no longer there
   * leave, new refs join, refs in both stay untouched (a ref never changes its meta).
   */
  replaceNode(node: string, entries: readonly ReplicaEntry[], changes: PresenceChanges): void {
    const wanted = new Map(entries.filter((entry) => entry.node === node).map((entry) => [entry.ref, entry]));
    for (const ref of [...(this.#nodes.get(node)?.keys() ?? [])]) {
      if (!wanted.has(ref)) this.remove(node, ref, changes);
    }
    for (const entry of wanted.values()) {
      if (this.#refs.get(entry.ref)?.node !== node) this.add(entry, changes);
    }
  }

  entriesOf(node: string): ReplicaEntry[] {
    return [...(this.#nodes.get(node)?.values() ?? [])];
  }

  /** Nodes holding at least one entry. */
  nodeIds(): string[] {
    return [...this.#nodes.keys()];
  }

  list(topic: string): PresenceList<JsonObject> {
    const list: PresenceList<JsonObject> = Object.create(null) as PresenceList<JsonObject>;
    for (const [key, metas] of this.#topics.get(topic) ?? []) list[key] = entryOf(metas);
    return list;
  }

  get(topic: string, key: string): PresenceEntry<JsonObject> | undefined {
    const metas = this.#topics.get(topic)?.get(key);
    return metas === undefined ? undefined : entryOf(metas);
  }

  /** Metas held for every topic (for tests and metrics). */
  get size(): number {
    return this.#refs.size;
  }
}

function entryOf(metas: Map<string, ReplicaEntry>): PresenceEntry<JsonObject> {
  return { metas: [...metas.values()].map((entry) => entry.meta as TrackedMeta<JsonObject>) };
}

function append(byKey: Map<string, JsonObject[]>, key: string, meta: JsonObject): void {
  const metas = byKey.get(key);
  if (metas === undefined) byKey.set(key, [meta]);
  else metas.push(meta);
}

function toPresenceList(byKey: Map<string, JsonObject[]>): PresenceList<JsonObject> {
  const list: PresenceList<JsonObject> = Object.create(null) as PresenceList<JsonObject>;
  for (const [key, metas] of byKey) list[key] = { metas: metas as Array<TrackedMeta<JsonObject>> };
  return list;
}
