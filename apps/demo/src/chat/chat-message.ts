import type { JsonObject, Payload } from "@cinder/protocol";

export const MAX_MESSAGE_LENGTH = 2000;

/** Why a `new_msg` was refused; the client shows the reason next to the input. */
export type MessageRefusal = "body_not_text" | "empty_message" | "message_too_long";

/** What every member of a room receives for one message. Text only: clients must not parse it as HTML. */
export interface ChatMessage extends JsonObject {
  body: string;
  user: string;
  /** Server time, ISO 8601, so every reader sees the same moment whatever their clock says. */
  sentAt: string;
}

/** Validates the `body` of a client's `new_msg` push: a non-empty string after trimming, not too long. */
export function readMessageBody(payload: Payload): { ok: true; body: string } | { ok: false; reason: MessageRefusal } {
  const body = payload instanceof Uint8Array ? undefined : payload["body"];
  if (typeof body !== "string") return { ok: false, reason: "body_not_text" };
  const trimmed = body.trim();
  if (trimmed === "") return { ok: false, reason: "empty_message" };
  // Count code points, as a person counts characters (an emoji is one, not two).
  if ([...trimmed].length > MAX_MESSAGE_LENGTH) return { ok: false, reason: "message_too_long" };
  return { ok: true, body: trimmed };
}
