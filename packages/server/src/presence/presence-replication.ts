import type { JsonObject } from "@cinder/protocol";
import type { PubSubMessage } from "../pubsub/pubsub.js";
import type { ReplicaEntry } from "./presence-replica.js";
import { META_FIELD_PREFIX, VERSION_FIELD } from "./redis-presence-scripts.js";

/**
 * What nodes tell each other on Presence's PubSub topic (`<prefix>presence`, through the app's
 * PubSub), and how a node's state stored in Redis reads back. Everything read here comes from
 * outside this process, so it is decoded strictly: anything malformed is refused whole.
 *
 * Messages (every one names its `node`):
 * - `changes`: the node's batch number `version` — joins `["j", topic, key, meta]` (the meta
 *   carries its `phx_ref`) and leaves `["l", topic, key, ref]`, in order. A receiver applies
 *   batch N only right after batch N−1; anything else means it missed one, and it reads the
 *   node's whole state from Redis instead.
 * - `published`: the node wrote its whole state (at start, after an outage, after Redis lost
 *   it) as `version`; receivers read it from Redis.
 * - `gone`: the node leaves for good (its app closes); receivers drop its presences now instead
 *   of waiting for its hash to expire.
 */
export type ReplicationMessage =
  | { readonly kind: "changes"; readonly node: string; readonly version: number; readonly operations: readonly ReplicationOperation[] }
  | { readonly kind: "published"; readonly node: string; readonly version: number }
  | { readonly kind: "gone"; readonly node: string };

export type ReplicationOperation =
  | { readonly kind: "join"; readonly entry: ReplicaEntry }
  | { readonly kind: "leave"; readonly topic: string; readonly key: string; readonly ref: string };

const TAG = "cinder.presence/1";

export function encodeReplicationMessage(message: ReplicationMessage): PubSubMessage {
  switch (message.kind) {
    case "changes":
      return {
        tag: TAG,
        kind: "changes",
        node: message.node,
        version: message.version,
        operations: message.operations.map((operation) =>
          operation.kind === "join"
            ? ["j", operation.entry.topic, operation.entry.key, operation.entry.meta]
            : ["l", operation.topic, operation.key, operation.ref],
        ),
      };
    case "published":
      return { tag: TAG, kind: "published", node: message.node, version: message.version };
    case "gone":
      return { tag: TAG, kind: "gone", node: message.node };
  }
}

/** The message, or why it is not one of ours. */
export function decodeReplicationMessage(message: PubSubMessage): ReplicationMessage | string {
  if (!isObject(message) || message.tag !== TAG) return "not a Presence message";
  const node = message.node;
  if (typeof node !== "string" || node === "") return "no node id";
  if (message.kind === "gone") return { kind: "gone", node };
  const version = message.version;
  if (!isVersion(version)) return "no valid version";
  if (message.kind === "published") return { kind: "published", node, version };
  if (message.kind !== "changes" || !Array.isArray(message.operations)) return "unknown kind";
  const operations: ReplicationOperation[] = [];
  for (const operation of message.operations) {
    const decoded = decodeOperation(node, operation);
    if (decoded === undefined) return "a malformed operation";
    operations.push(decoded);
  }
  return { kind: "changes", node, version, operations };
}

function decodeOperation(node: string, operation: PubSubMessage): ReplicationOperation | undefined {
  if (!Array.isArray(operation) || operation.length !== 4) return undefined;
  const [kind, topic, key, last] = operation;
  if (!isText(topic) || !isText(key)) return undefined;
  if (kind === "l") return isText(last) ? { kind: "leave", topic, key, ref: last } : undefined;
  if (kind !== "j") return undefined;
  const entry = entryOf(node, topic, key, last);
  return entry === undefined ? undefined : { kind: "join", entry };
}

/** A node's state as stored: its version and its entries (see redis-presence-scripts.ts). */
export interface StoredState {
  readonly version: number;
  readonly entries: readonly ReplicaEntry[];
  /** Fields that were not Cinder's (reported once per node by the caller). */
  readonly malformedFields: number;
}

/** Field/value pairs of a node hash → its state; `undefined` when the hash is gone. */
export function decodeStoredState(node: string, reply: unknown): StoredState | undefined {
  if (!Array.isArray(reply) || reply.length === 0) return undefined;
  let version: number | undefined;
  const entries: ReplicaEntry[] = [];
  let malformedFields = 0;
  for (let index = 0; index + 1 < reply.length; index += 2) {
    const field: unknown = reply[index];
    const value: unknown = reply[index + 1];
    if (field === VERSION_FIELD) {
      const parsed = Number(value);
      if (typeof value === "string" && isVersion(parsed)) version = parsed;
      continue;
    }
    const entry = typeof field === "string" && field.startsWith(META_FIELD_PREFIX) && typeof value === "string" ? storedEntry(node, field.slice(META_FIELD_PREFIX.length), value) : undefined;
    if (entry === undefined) malformedFields++;
    else entries.push(entry);
  }
  return version === undefined ? undefined : { version, entries, malformedFields };
}

/** The hash field and value Redis stores for one entry. */
export function storedField(entry: ReplicaEntry): [string, string] {
  return [META_FIELD_PREFIX + entry.ref, JSON.stringify([entry.topic, entry.key, entry.meta])];
}

export function storedFieldName(ref: string): string {
  return META_FIELD_PREFIX + ref;
}

function storedEntry(node: string, ref: string, value: string): ReplicaEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [topic, key, meta] = parsed as unknown[];
  if (!isText(topic) || !isText(key)) return undefined;
  const entry = entryOf(node, topic, key, meta as PubSubMessage);
  return entry?.ref === ref ? entry : undefined;
}

function entryOf(node: string, topic: string, key: string, meta: PubSubMessage | undefined): ReplicaEntry | undefined {
  if (!isObject(meta) || !isText(meta.phx_ref)) return undefined;
  if (meta.phx_ref_prev !== undefined && !isText(meta.phx_ref_prev)) return undefined;
  if (containsBytes(meta)) return undefined; // metas are JSON: they go to clients in text frames
  return { node, topic, key, ref: meta.phx_ref, meta: deepFreeze(meta as JsonObject) };
}

function containsBytes(value: PubSubMessage): boolean {
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(containsBytes);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsBytes);
  return false;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function isObject(value: unknown): value is { [key: string]: PubSubMessage } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function isVersion(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}
