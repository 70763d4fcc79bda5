import { serverError } from "../errors/error-registry.js";
import { assertPresenceRedisClient, type PresenceRedisClient } from "./presence-redis-client.js";

/**
 * Bounds on what one channel or view can make the server hold: applications often track what a
 * client sent (a status, a name), so these keep a hostile client from growing the state that is
 * sent to every member of a topic and stored in Redis.
 */
export interface PresenceLimits {
  /** The largest meta, measured as JSON in UTF-8 bytes. Default 4096. */
  maxMetaBytes: number;
  /** The longest key, in UTF-8 bytes. Default 256. */
  maxKeyBytes: number;
  /** How many (topic, key) presences one channel or LiveView may track at once. Default 16. */
  maxPresencesPerOwner: number;
}

export interface PresenceOptions {
  /**
   * An ioredis client (yours: Presence never closes it) — the state is then shared by every node
   * on that Redis (see the README's "Presence on several nodes"). Leave it out on one node: the
   * state lives in memory. Give the app a `RedisPubSub` on the same Redis as well.
   */
  redis?: PresenceRedisClient;
  /** Prepended to the Redis keys and to the PubSub topic Presence uses. Default `"cinder:"`. */
  prefix?: string;
  /** How often a node renews its state in Redis and checks the other nodes'. Default 2000 ms. */
  heartbeatIntervalMs?: number;
  /**
   * How long a node's state outlives its last renewal. A node that crashed (or lost Redis for
   * this long) has its presences removed by the other nodes, which tell their clients they left,
   * at most `nodeTimeoutMs + heartbeatIntervalMs` after its last renewal. At least twice
   * `heartbeatIntervalMs`. Default 10000 ms.
   */
  nodeTimeoutMs?: number;
  limits?: Partial<PresenceLimits>;
}

export interface ResolvedPresenceOptions {
  readonly redis: PresenceRedisClient | undefined;
  readonly prefix: string;
  readonly heartbeatIntervalMs: number;
  readonly nodeTimeoutMs: number;
  readonly limits: Readonly<PresenceLimits>;
}

export const DEFAULT_PRESENCE_LIMITS: Readonly<PresenceLimits> = Object.freeze({
  maxMetaBytes: 4096,
  maxKeyBytes: 256,
  maxPresencesPerOwner: 16,
});

const DEFAULT_HEARTBEAT_INTERVAL_MS = 2_000;
const DEFAULT_NODE_TIMEOUT_MS = 10_000;

/** Check every option now (in `new Presence(...)`), so a typo fails at startup, not at the first join. */
export function resolvePresenceOptions(options: PresenceOptions = {}): ResolvedPresenceOptions {
  if (typeof options !== "object" || options === null) throw serverError("CINDER_PRESENCE_INVALID_OPTION", "options", "must be an object", options);
  if (options.redis !== undefined) assertPresenceRedisClient(options.redis);
  const prefix = options.prefix ?? "cinder:";
  if (typeof prefix !== "string") throw serverError("CINDER_PRESENCE_INVALID_OPTION", "prefix", 'must be a string such as "myapp:"', prefix);
  const heartbeatIntervalMs = positiveInteger("heartbeatIntervalMs", options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS);
  const nodeTimeoutMs = positiveInteger("nodeTimeoutMs", options.nodeTimeoutMs ?? Math.max(DEFAULT_NODE_TIMEOUT_MS, 2 * heartbeatIntervalMs));
  if (nodeTimeoutMs < 2 * heartbeatIntervalMs) {
    // A shorter timeout lets a live node's state expire between two of its own renewals.
    throw serverError("CINDER_PRESENCE_INVALID_OPTION", "nodeTimeoutMs", `must be at least twice heartbeatIntervalMs (${2 * heartbeatIntervalMs})`, nodeTimeoutMs);
  }
  return { redis: options.redis, prefix, heartbeatIntervalMs, nodeTimeoutMs, limits: resolveLimits(options.limits) };
}

function resolveLimits(limits: Partial<PresenceLimits> | undefined): Readonly<PresenceLimits> {
  if (limits === undefined) return DEFAULT_PRESENCE_LIMITS;
  if (typeof limits !== "object" || limits === null) throw serverError("CINDER_PRESENCE_INVALID_OPTION", "limits", "must be an object", limits);
  const resolved: PresenceLimits = { ...DEFAULT_PRESENCE_LIMITS };
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(DEFAULT_PRESENCE_LIMITS, name)) throw serverError("CINDER_PRESENCE_UNKNOWN_LIMIT", name);
    if (value === undefined) continue;
    resolved[name as keyof PresenceLimits] = positiveInteger(`limits.${name}`, value);
  }
  return Object.freeze(resolved);
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw serverError("CINDER_PRESENCE_INVALID_OPTION", name, "must be a positive integer", value);
  }
  return value;
}
