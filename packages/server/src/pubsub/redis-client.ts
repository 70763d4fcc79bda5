import { serverError } from "../errors/error-registry.js";

/**
 * What `RedisPubSub` needs from a Redis client: the part of ioredis (5.x, 6.x) it calls, typed
 * structurally so that @cinder/server does not depend on a Redis library — the application
 * brings its own client. An ioredis `Redis` instance fits as is.
 *
 * Connection states follow ioredis: `status` is `"ready"` when commands go straight to the
 * server; `"wait"` before a lazy client's first command; `"connecting"`/`"connect"` while
 * (re)connecting; `"reconnecting"`, `"close"` and `"end"` while there is no connection. The
 * client emits `ready`, `close` and `end` (with no arguments) as its state changes, and
 * reconnects by itself.
 */
export interface RedisClientLike {
  readonly status: string;
  publish(channel: string, message: Buffer): Promise<unknown>;
  subscribe(...channels: string[]): Promise<unknown>;
  unsubscribe(...channels: string[]): Promise<unknown>;
  /** A new connection with the same options; `RedisPubSub` makes one for subscribing. */
  duplicate(): RedisClientLike;
  /** Only on the subscriber connection `RedisPubSub` created. */
  on(event: "messageBuffer", listener: (channel: Buffer, message: Buffer) => void): unknown;
  /** Only on the subscriber connection `RedisPubSub` created: the application owns its client's errors. */
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "ready" | "close" | "end", listener: () => void): unknown;
  off(event: "ready" | "close" | "end", listener: () => void): unknown;
  /** Closes the connection after pending replies. */
  quit(): Promise<unknown>;
  /** Closes the connection now, without reconnecting. */
  disconnect(): void;
  /** Starts a lazy (`lazyConnect`) connection. */
  connect?(): Promise<unknown>;
}

/** Connection states in which a command is sent now, or queued until the first connection. */
const STATES_THAT_SEND = new Set(["ready", "wait", "connecting", "connect"]);

/** Whether a client in `status` would send a command (now, or once it first connects). */
export function sendsInState(status: string): boolean {
  return STATES_THAT_SEND.has(status);
}

const REQUIRED_METHODS = ["publish", "subscribe", "unsubscribe", "duplicate", "on", "off", "quit", "disconnect"] as const;

export function assertRedisClient(value: unknown): asserts value is RedisClientLike {
  const candidate = value as Partial<Record<(typeof REQUIRED_METHODS)[number] | "status", unknown>> | null;
  const fits =
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.status === "string" &&
    REQUIRED_METHODS.every((method) => typeof candidate[method] === "function");
  if (!fits) throw serverError("CINDER_PUBSUB_INVALID_REDIS_CLIENT", value);
}
