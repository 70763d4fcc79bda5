import { Defaults } from "@cinder/protocol";
import { serverError } from "../errors/error-registry.js";

/** Per-connection limits that keep one client from hurting the others. */
export interface SocketLimits {
  /** Largest incoming frame; larger ones close the connection with 1009. Default 1 MiB. */
  maxFrameBytes: number;
  /** Channels one socket may have joined at once; more get "too many channels joined". Default 100. */
  maxChannelsPerSocket: number;
  /** Unsent bytes a slow client may accumulate before it is closed with 1008. Default 8 MiB. */
  maxQueuedBytes: number;
  /** A connection that sends no frame for this long is closed with 1001. Default 60 000 ms. */
  idleTimeoutMs: number;
}

export const defaultSocketLimits: Readonly<SocketLimits> = Object.freeze({
  maxFrameBytes: 1024 * 1024,
  maxChannelsPerSocket: 100,
  maxQueuedBytes: 8 * 1024 * 1024,
  idleTimeoutMs: Defaults.idleTimeoutMs,
});

/** Defaults filled in; throws a coded error for a misspelt name or a value that is not a positive integer. */
export function resolveSocketLimits(limits: Partial<SocketLimits> | undefined): SocketLimits {
  const resolved: SocketLimits = { ...defaultSocketLimits };
  if (limits === undefined) return resolved;
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(defaultSocketLimits, name)) throw serverError("CINDER_PLUGIN_UNKNOWN_LIMIT", name);
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) throw serverError("CINDER_PLUGIN_INVALID_LIMIT", name, value);
    resolved[name as keyof SocketLimits] = value;
  }
  return resolved;
}
