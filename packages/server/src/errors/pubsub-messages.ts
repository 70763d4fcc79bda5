import { describeValue } from "./describe-value.js";

/** Messages of PubSub (local and Redis). Part of the package's one error registry (`error-registry.ts`). */
export const pubsubMessages = {
  // PubSub misuse.
  CINDER_PUBSUB_CLOSED: () => `This PubSub was closed; create a new one (or do not close it while the app is running).`,
  CINDER_PUBSUB_UNENCODABLE_MESSAGE: (path: string, what: string) =>
    `PubSub messages travel between nodes, so they must be JSON values with Uint8Array for bytes, but ${path} is ${what}. Convert it first (a Date to an ISO string, a Map to a plain object, a class instance to its fields).`,
  CINDER_PUBSUB_INVALID_REDIS_CLIENT: (value: unknown) =>
    `RedisPubSub needs an ioredis client (or one with the same status, publish, subscribe, unsubscribe, duplicate, on, off, quit and disconnect), e.g. new RedisPubSub(new Redis(process.env.REDIS_URL)); got ${describeValue(value)}.`,
  CINDER_PUBSUB_INVALID_PREFIX: (value: unknown) =>
    `The RedisPubSub prefix must be a string naming this app's channels, e.g. "myapp:" (default "cinder:"); got ${describeValue(value)}.`,

  // Logged, never thrown.
  CINDER_PUBSUB_HANDLER_FAILED: (topic: string) =>
    `A PubSub subscriber of topic "${topic}" threw; the other subscribers still received the message.`,

  // Logged by RedisPubSub, never thrown.
  CINDER_PUBSUB_REDIS_UNAVAILABLE: (connection: string, reason: string) =>
    `Lost the Redis ${connection} connection (${reason}). Until it is back, this node delivers its own broadcasts to its own subscribers only: other nodes miss them and it misses theirs. The Redis client reconnects by itself; logged once per outage.`,
  CINDER_PUBSUB_REDIS_RESTORED: (topics: number, dropped: number) =>
    `Redis is reachable again: resubscribed ${topics} topic(s); ${dropped} broadcast(s) made during the outage reached this node only.`,
  CINDER_PUBSUB_REDIS_MALFORMED_MESSAGE: (channel: string, reason: string) =>
    `Dropped a message on Redis channel ${JSON.stringify(channel)} that is not a Cinder PubSub message (${reason}). Something else publishes on this app's channels: give the app a prefix of its own (new RedisPubSub(client, { prefix: "myapp:" })). Logged once per topic.`,
} as const;
