import { describeValue } from "./describe-value.js";

/** Messages of Presence (one node and over Redis). Part of the package's one error registry (`error-registry.ts`). */
export const presenceMessages = {
  // Options (thrown by `new Presence(options)`).
  CINDER_PRESENCE_INVALID_OPTION: (name: string, requirement: string, value: unknown) =>
    `Presence option ${name} ${requirement}; got ${describeValue(value)}. Leave it out to use the default.`,
  CINDER_PRESENCE_UNKNOWN_LIMIT: (name: string) =>
    `limits.${name} is not a known Presence limit. The limits are maxMetaBytes, maxKeyBytes and maxPresencesPerOwner.`,
  CINDER_PRESENCE_INVALID_REDIS_CLIENT: (value: unknown) =>
    `Presence needs an ioredis client (or one with the same status, eval, on and off) for several nodes, e.g. new Presence({ redis: new Redis(process.env.REDIS_URL) }); got ${describeValue(value)}. Leave redis out for one node.`,

  // Lifecycle (thrown by app.register, or into the code that used a Presence too early).
  CINDER_PRESENCE_INVALID_PLUGIN_OPTION: (value: unknown) =>
    `The cinder plugin's presence option must be a Presence made with new Presence() (or new Presence({ redis }) on several nodes); got ${describeValue(value)}.`,
  CINDER_PRESENCE_NOT_STARTED: () =>
    `This Presence is not running: give it to the cinder plugin (app.register(cinder, { presence, sockets })), which starts it with the app and stops it when the app closes.`,
  CINDER_PRESENCE_ALREADY_STARTED: () =>
    `This Presence already runs in another app: give each app (each fastify instance) its own new Presence().`,
  CINDER_PRESENCE_PUBSUB_WITHOUT_LOCAL_BROADCAST: () =>
    `Presence over Redis tells each node's subscribers what changed, so the app's PubSub needs localBroadcast(topic, message): use RedisPubSub (or add localBroadcast to your own PubSub).`,

  // API misuse (thrown into the calling callback, which then crashes its channel or view).
  CINDER_PRESENCE_NOT_A_SOCKET: (value: unknown) =>
    `Presence tracks for a channel or a LiveView: pass the socket your callback received (a channel's socket, or a LiveView's socket); got ${describeValue(value)}. A live component's socket cannot track; track from its view.`,
  CINDER_PRESENCE_TOPIC_REQUIRED: (method: string) =>
    `A LiveView has no topic of its own: call presence.${method}(socket, topic, key, …) with the topic its users share (and socket.subscribe(topic) to receive its presence_diff).`,
  CINDER_PRESENCE_INVALID_TOPIC: (value: unknown) => `A presence topic must be a non-empty string such as "room:lobby"; got ${describeValue(value)}.`,
  CINDER_PRESENCE_INVALID_KEY: (value: unknown) =>
    `A presence key must be a non-empty string (a user id, say: String(user.id)); got ${describeValue(value)}.`,
  CINDER_PRESENCE_KEY_TOO_LONG: (bytes: number, limit: number) =>
    `A presence key of ${bytes} bytes is longer than limits.maxKeyBytes (${limit}). Use a short id as the key and put the rest in the meta.`,
  CINDER_PRESENCE_INVALID_META: (path: string, what: string) =>
    `A presence meta must be a plain object of JSON values (it reaches every client and other nodes), but ${path} is ${what}. Convert it first (a Date to an ISO string, a Map to a plain object, a class instance to its fields).`,
  CINDER_PRESENCE_META_TOO_LARGE: (bytes: number, limit: number) =>
    `A presence meta of ${bytes} bytes (as JSON) is larger than limits.maxMetaBytes (${limit}); it is sent to every client of the topic on every change. Keep metas small (a status, a name), or raise the limit.`,
  CINDER_PRESENCE_TOO_MANY_FOR_OWNER: (limit: number) =>
    `This channel or LiveView already tracks ${limit} presences (limits.maxPresencesPerOwner). Untrack one first, or raise the limit if this is intended.`,
  CINDER_PRESENCE_ALREADY_TRACKED: (topic: string, key: string) =>
    `This channel or LiveView already tracks key ${JSON.stringify(key)} on "${topic}": change its meta with presence.update(…), or untrack it first.`,
  CINDER_PRESENCE_NOT_TRACKED: (topic: string, key: string) =>
    `This channel or LiveView does not track key ${JSON.stringify(key)} on "${topic}", so there is nothing to update: track it first.`,

  // Logged, never thrown.
  CINDER_PRESENCE_REDIS_UNAVAILABLE: (reason: string) =>
    `Presence cannot reach Redis (${reason}). This node keeps tracking its own users and shows the other nodes' users as they were last seen; once Redis is back it publishes its state again and catches up. Logged once per outage.`,
  CINDER_PRESENCE_REDIS_RESTORED: (nodes: number) =>
    `Presence reaches Redis again: published this node's state and caught up with ${nodes} other node(s).`,
  CINDER_PRESENCE_NODE_DOWN: (node: string, presences: number) =>
    `Presence node ${node} stopped renewing its state in Redis (crashed, or cut off from Redis for longer than nodeTimeoutMs); its ${presences} presence(s) left.`,
  CINDER_PRESENCE_MALFORMED_STATE: (source: string, reason: string) =>
    `Ignored presence data from ${source} that Cinder did not write (${reason}). Something else writes to this app's Presence keys or PubSub topic: give the app a prefix of its own. Logged once per source.`,
} as const;
