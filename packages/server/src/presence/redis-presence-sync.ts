import { errorMessage } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import type { PubSub, PubSubMessage, Subscription } from "../pubsub/pubsub.js";
import type { PresenceRedisClient } from "./presence-redis-client.js";
import { PresenceChanges, type PresenceReplica } from "./presence-replica.js";
import {
  decodeReplicationMessage,
  decodeStoredState,
  encodeReplicationMessage,
  storedField,
  storedFieldName,
  type ReplicationMessage,
  type ReplicationOperation,
} from "./presence-replication.js";
import type { PresenceOperation, PresenceSync } from "./presence-sync.js";
import {
  FORGET_NODE_SCRIPT,
  HEARTBEAT_SCRIPT,
  LEAVE_SCRIPT,
  presenceRedisKeys,
  PUBLISH_STATE_SCRIPT,
  READ_STATE_SCRIPT,
  WRITE_CHANGES_SCRIPT,
  type PresenceRedisKeys,
} from "./redis-presence-scripts.js";

export interface RedisPresenceSyncOptions {
  readonly client: PresenceRedisClient;
  /** The app's PubSub: carries the replication messages between nodes. */
  readonly pubsub: PubSub;
  readonly logger: Logger;
  readonly nodeId: string;
  readonly prefix: string;
  readonly heartbeatIntervalMs: number;
  readonly nodeTimeoutMs: number;
  readonly replica: PresenceReplica;
  /** Tell this node's subscribers what changed in the replica. */
  readonly deliver: (changes: PresenceChanges) => void;
}

/** What this node knows of another node's state. */
interface RemoteNode {
  /** The version of its state the replica holds; 0 before the first read. */
  applied: number;
  /** The highest version a message of it announced. */
  announced: number;
  /** Its version in Redis at the previous heartbeat. */
  versionAtLastHeartbeat: number;
  reading: Promise<void> | undefined;
  readAgain: boolean;
}

/** How often one read of a node's state is retried when messages announce newer versions meanwhile. */
const MAX_READS_IN_A_ROW = 3;

/**
 * Presence shared by every node on one Redis. The design (the README's "Presence on several
 * nodes" says the same for users):
 *
 * - **Own state.** Each node keeps its presences in memory and writes them to its own hash in
 *   Redis (`redis-presence-scripts.ts`), one atomic script per batch of changes, each batch with
 *   the next version number; then it announces the batch on the PubSub topic `<prefix>presence`.
 *   Writes and heartbeats go one after another (`#chain`), so versions reach Redis in order.
 * - **Heartbeat.** Every `heartbeatIntervalMs` a node renews its hash's TTL (`nodeTimeoutMs`)
 *   and reads every other node's version in the same script.
 * - **Replica.** A node applies another node's batch N right after N−1. A gap (a lost message),
 *   an announced full state, a version in Redis that stayed ahead of the replica for a whole
 *   heartbeat interval, or a first sight of the node: it reads the node's whole hash and
 *   replaces that node's part of the replica. Either way, each change of the replica becomes a
 *   `presence_diff` for this node's subscribers only (`localBroadcast`).
 * - **Crash.** A node that stops renewing loses its hash `nodeTimeoutMs` later; the next
 *   heartbeat of every other node finds it gone, removes its presences and tells its own
 *   subscribers they left: at most `nodeTimeoutMs + heartbeatIntervalMs` after its last renewal.
 * - **Redis outage.** While the client is not ready, or a command fails, this node works alone:
 *   tracking goes on locally, the other nodes' presences stay as last seen. Once Redis answers
 *   again (the client's `ready` event triggers a heartbeat) it writes its whole state again if
 *   anything was not written, or if its hash is gone, and reads every node whose version moved.
 *   Finding its own hash gone means Redis lost data (a restart without persistence) or this node
 *   was cut off for longer than `nodeTimeoutMs`: for `nodeTimeoutMs` it then removes no other
 *   node whose hash is missing — they get that long to publish theirs again.
 */
export class RedisPresenceSync implements PresenceSync {
  readonly #options: RedisPresenceSyncOptions;
  readonly #keys: PresenceRedisKeys;
  readonly #topic: string;
  readonly #remotes = new Map<string, RemoteNode>();
  readonly #reportedMalformed = new Set<string>();
  readonly #onReady = (): void => {
    void this.#queueHeartbeat();
  };
  #version = 0;
  #pending: PresenceOperation[] = [];
  /** Every write and heartbeat, one after another; never rejects. */
  #chain: Promise<void> = Promise.resolve();
  #queuedFlush: Promise<void> | undefined;
  #queuedHeartbeat: Promise<void> | undefined;
  /** The whole own state must be written (at start, after a failed write, after the hash was lost). */
  #mustPublishState = true;
  /** The next heartbeat reads every node whose version differs (at start, after an outage). */
  #catchUp = true;
  /** Until then, another node's missing hash does not mean it is down (see the class comment). */
  #graceUntil = 0;
  #outage: string | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #subscription: Subscription | undefined;
  #stopping = false;

  constructor(options: RedisPresenceSyncOptions) {
    this.#options = options;
    this.#keys = presenceRedisKeys(options.prefix);
    this.#topic = `${options.prefix}presence`;
  }

  async start(): Promise<void> {
    this.#subscription = await this.#options.pubsub.subscribe(this.#topic, (message) => this.#onMessage(message));
    this.#options.client.on("ready", this.#onReady);
    this.#timer = setInterval(() => void this.#queueHeartbeat(), this.#options.heartbeatIntervalMs);
    this.#timer.unref();
    // A client made just before the app starts is still connecting: an outage it is not.
    await this.#untilReady(this.#options.heartbeatIntervalMs);
    await this.#queueHeartbeat();
  }

  publish(operations: readonly PresenceOperation[]): Promise<void> {
    if (this.#stopping || operations.length === 0) return Promise.resolve();
    this.#pending.push(...operations);
    if (this.#queuedFlush === undefined) {
      const flush = this.#chain.then(() => {
        this.#queuedFlush = undefined;
        return this.#flush();
      });
      this.#queuedFlush = flush;
      this.#chain = flush;
    }
    return this.#queuedFlush;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#timer);
    this.#options.client.off("ready", this.#onReady);
    await this.#chain;
    if (this.#isReady()) {
      try {
        await this.#eval(LEAVE_SCRIPT, [this.#keys.node(this.#options.nodeId), this.#keys.nodes], [this.#options.nodeId]);
        await this.#announce({ kind: "gone", node: this.#options.nodeId });
      } catch {
        // Unreachable: the hash expires by itself and the other nodes remove this node then.
      }
    }
    await this.#subscription?.unsubscribe().catch(() => {});
    this.#remotes.clear();
  }

  // ---- own state -------------------------------------------------------------------------------

  async #flush(): Promise<void> {
    const operations = this.#pending;
    this.#pending = [];
    if (operations.length === 0) return;
    const version = ++this.#version;
    if (!this.#mustPublishState && this.#isReady()) {
      try {
        const written = await this.#eval(WRITE_CHANGES_SCRIPT, [this.#keys.node(this.#options.nodeId)], [version, this.#options.nodeTimeoutMs, ...changeArguments(operations)]);
        if (written !== 1) this.#ownStateLost();
      } catch (error) {
        this.#reportOutage(reasonOf(error));
        this.#mustPublishState = true;
      }
    } else {
      this.#mustPublishState = true;
    }
    if (!this.#mustPublishState) {
      await this.#announce({ kind: "changes", node: this.#options.nodeId, version, operations: operations.map(toReplicationOperation) });
      return;
    }
    if (!this.#isReady()) {
      this.#reportOutage(`the client is "${this.#options.client.status}"`);
      return;
    }
    try {
      await this.#publishState();
    } catch (error) {
      this.#reportOutage(reasonOf(error));
    }
  }

  /** Write the whole own state (the replica's entries of this node) as a new version, and announce it. */
  async #publishState(): Promise<void> {
    const { nodeId, nodeTimeoutMs, replica } = this.#options;
    const version = ++this.#version;
    const fields = replica.entriesOf(nodeId).flatMap(storedField);
    await this.#eval(PUBLISH_STATE_SCRIPT, [this.#keys.node(nodeId), this.#keys.nodes], [nodeId, version, nodeTimeoutMs, ...fields]);
    this.#mustPublishState = false;
    await this.#announce({ kind: "published", node: nodeId, version });
  }

  /** Our hash is gone: Redis lost its data, or we were cut off longer than nodeTimeoutMs. */
  #ownStateLost(): void {
    this.#mustPublishState = true;
    this.#graceUntil = Date.now() + this.#options.nodeTimeoutMs;
  }

  // ---- heartbeat -------------------------------------------------------------------------------

  #queueHeartbeat(): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    if (this.#queuedHeartbeat !== undefined) return this.#queuedHeartbeat;
    const heartbeat = this.#chain.then(() => {
      this.#queuedHeartbeat = undefined;
      return this.#heartbeat();
    });
    this.#queuedHeartbeat = heartbeat;
    this.#chain = heartbeat;
    return heartbeat;
  }

  async #heartbeat(): Promise<void> {
    if (this.#stopping) return;
    if (!this.#isReady()) {
      this.#reportOutage(`the client is "${this.#options.client.status}"`);
      return;
    }
    const { nodeId, nodeTimeoutMs, replica } = this.#options;
    const catchUp = this.#catchUp;
    let reply: unknown;
    try {
      if (this.#mustPublishState) await this.#publishState();
      const known = new Set([...this.#remotes.keys(), ...replica.nodeIds()]);
      known.delete(nodeId);
      reply = await this.#eval(HEARTBEAT_SCRIPT, [this.#keys.node(nodeId), this.#keys.nodes], [nodeTimeoutMs, nodeId, this.#keys.nodePrefix, ...known]);
      if (!Array.isArray(reply)) throw new Error("the heartbeat script answered something else than a list");
      if (reply[0] !== 1) {
        this.#ownStateLost();
        await this.#publishState();
      }
    } catch (error) {
      this.#reportOutage(reasonOf(error));
      return;
    }
    this.#catchUp = false;
    const reads: Array<Promise<void>> = [];
    for (let index = 1; index + 1 < reply.length; index += 2) {
      const node: unknown = reply[index];
      const version: unknown = reply[index + 1];
      if (typeof node !== "string") continue;
      if (version === "") {
        if (Date.now() >= this.#graceUntil) reads.push(this.#forget(node));
        continue;
      }
      const remote = this.#remoteOf(node);
      const current = Number(version);
      // Behind for a whole interval: the messages in between were lost, not just slow.
      if (remote.applied < current && (catchUp || remote.applied === 0 || remote.applied < remote.versionAtLastHeartbeat)) reads.push(this.#read(node));
      remote.versionAtLastHeartbeat = current;
    }
    // At start and after an outage, a caller waits until this node has caught up.
    if (catchUp) await Promise.all(reads);
    if (this.#outage !== undefined) {
      this.#outage = undefined;
      this.#options.logger.info({ code: "CINDER_PRESENCE_REDIS_RESTORED", nodes: this.#remotes.size }, errorMessage("CINDER_PRESENCE_REDIS_RESTORED", this.#remotes.size));
    }
  }

  /** A node whose hash is gone: forget it in Redis, and remove its presences unless it came back meanwhile. */
  async #forget(node: string): Promise<void> {
    let forgotten: unknown;
    try {
      forgotten = await this.#eval(FORGET_NODE_SCRIPT, [this.#keys.node(node), this.#keys.nodes], [node]);
    } catch (error) {
      this.#reportOutage(reasonOf(error));
      return;
    }
    if (forgotten === -1 || this.#stopping) return;
    this.#remotes.delete(node);
    const changes = new PresenceChanges();
    const left = this.#options.replica.removeNode(node, changes);
    this.#options.deliver(changes);
    if (left > 0) this.#options.logger.info({ code: "CINDER_PRESENCE_NODE_DOWN", node, presences: left }, errorMessage("CINDER_PRESENCE_NODE_DOWN", node, left));
  }

  // ---- other nodes -----------------------------------------------------------------------------

  #onMessage(message: PubSubMessage): void {
    if (this.#stopping) return;
    const decoded = decodeReplicationMessage(message);
    if (typeof decoded === "string") {
      this.#reportMalformed(`the PubSub topic "${this.#topic}"`, decoded);
      return;
    }
    if (decoded.node === this.#options.nodeId) return; // a PubSub that echoes our own messages
    switch (decoded.kind) {
      case "gone":
        return this.#dropNode(decoded.node);
      case "published": {
        const remote = this.#remoteOf(decoded.node);
        remote.announced = Math.max(remote.announced, decoded.version);
        if (decoded.version > remote.applied) void this.#read(decoded.node);
        return;
      }
      case "changes":
        return this.#applyChanges(decoded);
    }
  }

  #applyChanges(message: Extract<ReplicationMessage, { kind: "changes" }>): void {
    const remote = this.#remoteOf(message.node);
    remote.announced = Math.max(remote.announced, message.version);
    if (message.version <= remote.applied) return;
    if (message.version !== remote.applied + 1) {
      void this.#read(message.node); // a batch is missing: Redis has them all
      return;
    }
    const { replica, deliver } = this.#options;
    const changes = new PresenceChanges();
    for (const operation of message.operations) {
      if (operation.kind === "join") replica.add(operation.entry, changes);
      else replica.remove(message.node, operation.ref, changes);
    }
    remote.applied = message.version;
    deliver(changes);
  }

  #dropNode(node: string): void {
    this.#remotes.delete(node);
    const changes = new PresenceChanges();
    this.#options.replica.removeNode(node, changes);
    this.#options.deliver(changes);
  }

  /** Replace the node's part of the replica with its state in Redis; again while newer versions were announced meanwhile. */
  #read(node: string): Promise<void> {
    const remote = this.#remoteOf(node);
    if (remote.reading !== undefined) {
      remote.readAgain = true;
      return remote.reading;
    }
    const reading = (async () => {
      for (let attempt = 0; attempt < MAX_READS_IN_A_ROW; attempt++) {
        remote.readAgain = false;
        if (!this.#isReady() || this.#stopping) return;
        let reply: unknown;
        try {
          reply = await this.#eval(READ_STATE_SCRIPT, [this.#keys.node(node)], []);
        } catch (error) {
          this.#reportOutage(reasonOf(error));
          return;
        }
        // Forgotten or gone meanwhile; a missing hash is the heartbeat's to judge (grace).
        if (this.#remotes.get(node) !== remote || this.#stopping) return;
        const state = decodeStoredState(node, reply);
        if (state === undefined) return;
        if (state.malformedFields > 0) this.#reportMalformed(`the Redis hash of node ${node}`, `${state.malformedFields} field(s) that are not presences`);
        if (state.version >= remote.applied) {
          const changes = new PresenceChanges();
          this.#options.replica.replaceNode(node, state.entries, changes);
          remote.applied = state.version;
          this.#options.deliver(changes);
        }
        if (!remote.readAgain && remote.announced <= remote.applied) return;
      }
    })().finally(() => {
      remote.reading = undefined;
    });
    remote.reading = reading;
    return reading;
  }

  #remoteOf(node: string): RemoteNode {
    let remote = this.#remotes.get(node);
    if (remote === undefined) {
      remote = { applied: 0, announced: 0, versionAtLastHeartbeat: 0, reading: undefined, readAgain: false };
      this.#remotes.set(node, remote);
    }
    return remote;
  }

  // ---- Redis and PubSub ------------------------------------------------------------------------

  #isReady(): boolean {
    return this.#options.client.status === "ready";
  }

  #untilReady(ms: number): Promise<void> {
    if (this.#isReady()) return Promise.resolve();
    const { client } = this.#options;
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        client.off("ready", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      client.on("ready", done);
    });
  }

  /** One script; a Redis that does not answer within nodeTimeoutMs counts as unreachable. */
  async #eval(script: string, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.#options.nodeTimeoutMs} ms`)), this.#options.nodeTimeoutMs);
    });
    try {
      return await Promise.race([this.#options.client.eval(script, keys.length, ...keys, ...args), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #announce(message: ReplicationMessage): Promise<void> {
    try {
      await this.#options.pubsub.broadcast(this.#topic, encodeReplicationMessage(message));
    } catch (error) {
      // The PubSub was closed under us (the app is closing); the state in Redis still says it all.
      this.#options.logger.debug({ err: error, topic: this.#topic }, "Presence could not announce a change on the PubSub");
    }
  }

  #reportOutage(reason: string): void {
    this.#catchUp = true;
    if (this.#outage !== undefined || this.#stopping) return;
    this.#outage = reason;
    this.#options.logger.error({ code: "CINDER_PRESENCE_REDIS_UNAVAILABLE", reason }, errorMessage("CINDER_PRESENCE_REDIS_UNAVAILABLE", reason));
  }

  #reportMalformed(source: string, reason: string): void {
    if (this.#reportedMalformed.has(source)) return;
    this.#reportedMalformed.add(source);
    this.#options.logger.warn({ code: "CINDER_PRESENCE_MALFORMED_STATE", source }, errorMessage("CINDER_PRESENCE_MALFORMED_STATE", source, reason));
  }
}

/**
 * The arguments of WRITE_CHANGES_SCRIPT after version and TTL: the net effect of the batch —
 * fields to delete (count first), then field/value pairs. A ref that joined and left within the
 * batch was never written, so it is neither set nor deleted.
 */
function changeArguments(operations: readonly PresenceOperation[]): string[] {
  const set = new Map<string, string>();
  const deleted = new Set<string>();
  for (const operation of operations) {
    if (operation.kind === "join") {
      const [field, value] = storedField(operation.entry);
      set.set(field, value);
      continue;
    }
    const field = storedFieldName(operation.entry.ref);
    if (!set.delete(field)) deleted.add(field);
  }
  return [String(deleted.size), ...deleted, ...[...set].flat()];
}

function toReplicationOperation(operation: PresenceOperation): ReplicationOperation {
  if (operation.kind === "join") return { kind: "join", entry: operation.entry };
  return { kind: "leave", topic: operation.entry.topic, key: operation.entry.key, ref: operation.entry.ref };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
