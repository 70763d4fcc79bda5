import { serverError } from "../errors/error-registry.js";

/**
 * What Presence needs from a Redis client: the part of ioredis (5.x, 6.x) it calls, typed
 * structurally so that @cinder/server does not depend on a Redis library. An ioredis `Redis`
 * fits as is — usually the same client the app's `RedisPubSub` publishes with, so that a state
 * written to Redis is there before the message announcing it (one connection keeps the order).
 *
 * Presence sends commands only while `status` is `"ready"`: while the connection is down it
 * works alone instead of filling the client's offline queue, and the `ready` event tells it to
 * publish its state again.
 */
export interface PresenceRedisClient {
  readonly status: string;
  /** EVAL: every Presence command is one small Lua script, so each change is atomic in Redis. */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: Array<string | number>): Promise<unknown>;
  on(event: "ready", listener: () => void): unknown;
  off(event: "ready", listener: () => void): unknown;
}

export function assertPresenceRedisClient(value: unknown): asserts value is PresenceRedisClient {
  const candidate = value as Partial<Record<"status" | "eval" | "on" | "off", unknown>> | null;
  const fits =
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.status === "string" &&
    typeof candidate.eval === "function" &&
    typeof candidate.on === "function" &&
    typeof candidate.off === "function";
  if (!fits) throw serverError("CINDER_PRESENCE_INVALID_REDIS_CLIENT", value);
}
