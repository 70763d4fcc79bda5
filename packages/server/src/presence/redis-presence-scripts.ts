/**
 * Presence's data in Redis and the Lua scripts that change it. Each script is one atomic step,
 * so no other node ever reads half of a change.
 *
 * Keys (`prefix` defaults to `"cinder:"`):
 * - `<prefix>presence:node:<nodeId>` — a hash per node: field `v` is the node's state version,
 *   and one field `p:<phx_ref>` per meta the node tracks, valued `JSON [topic, key, meta]`. The
 *   hash expires `nodeTimeoutMs` after the node last renewed it: a node that stops renewing
 *   (crashed, or cut off from Redis) loses its state, and the other nodes remove its presences.
 * - `<prefix>presence:nodes` — a set of the ids of nodes that published a state, so that every
 *   node can find the others (including those it has not heard from) and notice when one's hash
 *   is gone.
 *
 * The scripts read keys they are not given in KEYS (the other nodes' hashes), which a single
 * Redis (or a primary with replicas) allows; Redis Cluster does not.
 */

export interface PresenceRedisKeys {
  readonly nodes: string;
  readonly nodePrefix: string;
  node(nodeId: string): string;
}

export function presenceRedisKeys(prefix: string): PresenceRedisKeys {
  const nodePrefix = `${prefix}presence:node:`;
  return { nodes: `${prefix}presence:nodes`, nodePrefix, node: (nodeId) => nodePrefix + nodeId };
}

export const VERSION_FIELD = "v";
export const META_FIELD_PREFIX = "p:";

/** Field/value pairs go to HSET in chunks: Lua's unpack has a limit on arguments. */
const HSET_CHUNK = `
local function hset_pairs(key, first, last)
  local index = first
  while index <= last do
    local stop = math.min(index + 999, last)
    redis.call('HSET', key, unpack(ARGV, index, stop))
    index = stop + 1
  end
end`;

/**
 * One batch of this node's changes. KEYS: node hash. ARGV: version, ttl, count of fields to
 * delete, those fields, then field/value pairs to set. Returns 0 without writing when the hash
 * is gone (expired, or Redis lost it): a partial state must never be written, the caller
 * publishes its whole state instead.
 */
export const WRITE_CHANGES_SCRIPT = `${HSET_CHUNK}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local deletions = tonumber(ARGV[3])
local index = 4
while index < 4 + deletions do
  local stop = math.min(index + 999, 3 + deletions)
  redis.call('HDEL', KEYS[1], unpack(ARGV, index, stop))
  index = stop + 1
end
hset_pairs(KEYS[1], 4 + deletions, #ARGV)
redis.call('HSET', KEYS[1], '${VERSION_FIELD}', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** This node's whole state. KEYS: node hash, node set. ARGV: node id, version, ttl, then field/value pairs. */
export const PUBLISH_STATE_SCRIPT = `${HSET_CHUNK}
redis.call('DEL', KEYS[1])
hset_pairs(KEYS[1], 4, #ARGV)
redis.call('HSET', KEYS[1], '${VERSION_FIELD}', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return 1`;

/**
 * The heartbeat. KEYS: own hash, node set. ARGV: ttl, own id, node hash prefix, then ids of the
 * nodes this node holds presences of. Renews the own hash and returns
 * `[renewed (1, or 0 when the hash is gone), id, version ('' when its hash is gone), …]` for
 * every other node of the set or of the list.
 */
export const HEARTBEAT_SCRIPT = `
local result = { redis.call('PEXPIRE', KEYS[1], ARGV[1]) }
local seen = {}
seen[ARGV[2]] = true
local function report(id)
  if seen[id] then return end
  seen[id] = true
  result[#result + 1] = id
  result[#result + 1] = redis.call('HGET', ARGV[3] .. id, '${VERSION_FIELD}') or ''
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do report(id) end
for index = 4, #ARGV do report(ARGV[index]) end
return result`;

/** Another node's whole state. KEYS: its hash. Returns HGETALL's flat list (empty when the hash is gone). */
export const READ_STATE_SCRIPT = `return redis.call('HGETALL', KEYS[1])`;

/**
 * Forget a node whose hash is gone. KEYS: its hash, node set. ARGV: its id. Returns -1 (and
 * forgets nothing) when the hash exists again — the node came back meanwhile.
 */
export const FORGET_NODE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
return redis.call('SREM', KEYS[2], ARGV[1])`;

/** A node leaving for good (the app closes). KEYS: own hash, node set. ARGV: own id. */
export const LEAVE_SCRIPT = `
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return 1`;
