import { randomBytes } from "node:crypto";
import type { JsonObject } from "@cinder/protocol";
import { createBroadcastEnvelope } from "../channel/broadcast.js";
import { serverError } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import type { ProcessLifetime } from "../process/process-lifetime.js";
import type { PubSub, PubSubMessage } from "../pubsub/pubsub.js";
import { assertPresenceKey, assertPresenceTopic, copyPresenceMeta, withRefs } from "./presence-meta.js";
import type { ResolvedPresenceOptions } from "./presence-options.js";
import { PresenceChanges, PresenceReplica, type ReplicaEntry } from "./presence-replica.js";
import type { PresenceOperation, PresenceSync } from "./presence-sync.js";
import type { PresenceEntry, PresenceList } from "./presence-types.js";
import { RedisPresenceSync } from "./redis-presence-sync.js";

/** The event of the diffs Presence broadcasts (spec §1.15); clients listen for it by default. */
export const PRESENCE_DIFF_EVENT = "presence_diff";
/** The event of the full state a channel pushes after its join; clients wait for it. */
export const PRESENCE_STATE_EVENT = "presence_state";

/** What the app gives its Presence when it starts (the cinder plugin does this). */
export interface PresenceHost {
  readonly pubsub: PubSub;
  readonly logger: Logger;
}

/** A (topic, key) tracked by one owner, and the user's meta behind its current entry. */
interface OwnedPresence {
  readonly entry: ReplicaEntry;
  readonly userMeta: JsonObject;
}

/** A channel or view that tracks presences: they end with it. */
interface Owner {
  readonly presences: Map<string, OwnedPresence>;
  readonly stopWatching: () => void;
}

interface Running {
  readonly nodeId: string;
  readonly host: PresenceHost;
  readonly replica: PresenceReplica;
  sync: PresenceSync | undefined;
  readonly owners: Map<ProcessLifetime, Owner>;
  readonly broadcastLocally: (topic: string, message: PubSubMessage) => Promise<void>;
  lastRef: number;
}

/**
 * Presence's working state while its app runs: the replica (every presence of the cluster),
 * the owners (channels and views of this node, each with what it tracks), and the sync that
 * shares this node's changes. Every change follows one path: validate, change the replica,
 * tell this node's subscribers (`presence_diff`, local delivery), hand it to the sync.
 *
 * All of a change happens synchronously inside the call: only the sync is awaited, so
 * `list` reflects a `track` at once, and calls in a row apply in order.
 */
export class PresenceRuntime {
  readonly options: ResolvedPresenceOptions;
  #running: Running | undefined;
  #starting = false;

  constructor(options: ResolvedPresenceOptions) {
    this.options = options;
  }

  async start(host: PresenceHost): Promise<void> {
    if (this.#running !== undefined || this.#starting) throw serverError("CINDER_PRESENCE_ALREADY_STARTED");
    const { pubsub, logger } = host;
    const localBroadcast = pubsub.localBroadcast?.bind(pubsub);
    if (this.options.redis !== undefined && localBroadcast === undefined) throw serverError("CINDER_PRESENCE_PUBSUB_WITHOUT_LOCAL_BROADCAST");
    const nodeId = randomBytes(9).toString("base64url");
    const replica = new PresenceReplica();
    const running: Running = {
      nodeId,
      host,
      replica,
      sync: undefined,
      owners: new Map(),
      // One node: a PubSub without local delivery has only local subscribers anyway.
      broadcastLocally: localBroadcast ?? ((topic, message) => pubsub.broadcast(topic, message)),
      lastRef: 0,
    };
    const redis = this.options.redis;
    running.sync =
      redis === undefined
        ? undefined
        : new RedisPresenceSync({
            client: redis,
            pubsub,
            logger,
            nodeId,
            prefix: this.options.prefix,
            heartbeatIntervalMs: this.options.heartbeatIntervalMs,
            nodeTimeoutMs: this.options.nodeTimeoutMs,
            replica,
            deliver: (changes) => this.#deliver(running, changes),
          });
    this.#starting = true;
    try {
      await running.sync?.start();
    } finally {
      this.#starting = false;
    }
    this.#running = running;
  }

  /** Stop tracking for the app (it is closing); the other nodes drop this node's presences. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (running === undefined) return;
    this.#running = undefined;
    for (const owner of running.owners.values()) owner.stopWatching();
    running.owners.clear();
    await running.sync?.stop();
  }

  track(lifetime: ProcessLifetime, topic: unknown, key: unknown, meta: unknown): Promise<void> {
    const running = this.#require();
    assertPresenceTopic(topic);
    assertPresenceKey(key, this.options.limits);
    const userMeta = copyPresenceMeta(meta, this.options.limits);
    if (lifetime.ended) return Promise.resolve(); // the channel ended while its callback awaited
    const id = presenceId(topic, key);
    const known = running.owners.get(lifetime);
    if (known?.presences.has(id) === true) throw serverError("CINDER_PRESENCE_ALREADY_TRACKED", topic, key);
    const limit = this.options.limits.maxPresencesPerOwner;
    if ((known?.presences.size ?? 0) >= limit) throw serverError("CINDER_PRESENCE_TOO_MANY_FOR_OWNER", limit);
    const owner = known ?? this.#watch(running, lifetime);
    const entry = this.#newEntry(running, topic, key, userMeta, undefined);
    owner.presences.set(id, { entry, userMeta });
    return this.#apply(running, [{ kind: "join", entry }]);
  }

  untrack(lifetime: ProcessLifetime, topic: unknown, key: unknown): Promise<void> {
    const running = this.#require();
    assertPresenceTopic(topic);
    assertPresenceKey(key, this.options.limits);
    const owner = running.owners.get(lifetime);
    const id = presenceId(topic, key);
    const owned = owner?.presences.get(id);
    if (owner === undefined || owned === undefined) return Promise.resolve();
    owner.presences.delete(id);
    if (owner.presences.size === 0) {
      owner.stopWatching();
      running.owners.delete(lifetime);
    }
    return this.#apply(running, [{ kind: "leave", entry: owned.entry }]);
  }

  /** `next` is a meta, or a function of the current meta (without refs) returning the new one. */
  update(lifetime: ProcessLifetime, topic: unknown, key: unknown, next: unknown): Promise<void> {
    const running = this.#require();
    assertPresenceTopic(topic);
    assertPresenceKey(key, this.options.limits);
    if (lifetime.ended) return Promise.resolve();
    const owner = running.owners.get(lifetime);
    const id = presenceId(topic, key);
    const owned = owner?.presences.get(id);
    if (owner === undefined || owned === undefined) throw serverError("CINDER_PRESENCE_NOT_TRACKED", topic, key);
    const proposed: unknown = typeof next === "function" ? (next as (current: JsonObject) => unknown)(owned.userMeta) : next;
    const userMeta = copyPresenceMeta(proposed, this.options.limits);
    if (lifetime.ended || owner.presences.get(id) !== owned) return Promise.resolve(); // changed by the function itself
    const entry = this.#newEntry(running, topic, key, userMeta, owned.entry.ref);
    owner.presences.set(id, { entry, userMeta });
    // Spec §1.15: an update is a leave of the old meta and a join of the new one, in one diff.
    return this.#apply(running, [
      { kind: "leave", entry: owned.entry },
      { kind: "join", entry },
    ]);
  }

  list(topic: unknown): PresenceList<JsonObject> {
    const running = this.#require();
    assertPresenceTopic(topic);
    return running.replica.list(topic);
  }

  get(topic: unknown, key: unknown): PresenceEntry<JsonObject> | undefined {
    const running = this.#require();
    assertPresenceTopic(topic);
    if (typeof key !== "string") return undefined;
    return running.replica.get(topic, key);
  }

  #require(): Running {
    const running = this.#running;
    if (running === undefined) throw serverError("CINDER_PRESENCE_NOT_STARTED");
    return running;
  }

  #watch(running: Running, lifetime: ProcessLifetime): Owner {
    const presences = new Map<string, OwnedPresence>();
    const stopWatching = lifetime.onEnd(() => this.#ownerEnded(running, lifetime));
    const owner: Owner = { presences, stopWatching };
    running.owners.set(lifetime, owner);
    return owner;
  }

  /** The channel or view ended, however: everything it tracked leaves. */
  #ownerEnded(running: Running, lifetime: ProcessLifetime): void {
    const owner = running.owners.get(lifetime);
    if (owner === undefined) return;
    running.owners.delete(lifetime);
    const operations: PresenceOperation[] = [...owner.presences.values()].map((owned) => ({ kind: "leave", entry: owned.entry }));
    void this.#apply(running, operations);
  }

  #newEntry(running: Running, topic: string, key: string, userMeta: JsonObject, previousRef: string | undefined): ReplicaEntry {
    // Unique in the cluster: the node id is random per start, the counter never repeats within it.
    const ref = `${running.nodeId}.${(++running.lastRef).toString(36)}`;
    return { node: running.nodeId, topic, key, ref, meta: withRefs(userMeta, ref, previousRef) };
  }

  #apply(running: Running, operations: readonly PresenceOperation[]): Promise<void> {
    const changes = new PresenceChanges();
    for (const operation of operations) {
      if (operation.kind === "join") running.replica.add(operation.entry, changes);
      else running.replica.remove(running.nodeId, operation.entry.ref, changes);
    }
    this.#deliver(running, changes);
    return running.sync?.publish(operations) ?? Promise.resolve();
  }

  /** Each topic's `presence_diff`, to this node's subscribers only (other nodes deliver their own). */
  #deliver(running: Running, changes: PresenceChanges): void {
    for (const [topic, diff] of changes.diffs()) {
      const envelope = createBroadcastEnvelope(PRESENCE_DIFF_EVENT, diff as unknown as JsonObject);
      running.broadcastLocally(topic, envelope).catch((error: unknown) => {
        // Only a closed PubSub refuses, while the app closes: there is nobody left to tell.
        running.host.logger.debug({ err: error, topic }, "Presence could not deliver a presence_diff");
      });
    }
  }
}

/** One string per (topic, key): JSON keeps any pair of strings apart. */
function presenceId(topic: string, key: string): string {
  return JSON.stringify([topic, key]);
}
