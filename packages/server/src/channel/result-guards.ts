import { isJsonObject } from "@cinder/protocol";
import type { Reply, Stop } from "./results.js";

/**
 * Results come from application code typed loosely (plain JS, `as any`, a forgotten `return`),
 * so they are checked at the boundary before they decide what goes on the wire.
 */
export function isReply(value: unknown): value is Reply {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Reply>;
  return (
    candidate.type === "reply" &&
    typeof candidate.status === "string" &&
    (candidate.response instanceof Uint8Array || isJsonObject(candidate.response))
  );
}

export function isStop(value: unknown): value is Stop {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Stop>;
  return candidate.type === "stop" && typeof candidate.reason === "string" && (candidate.reply === undefined || isReply(candidate.reply));
}
