import type { Payload } from "@cinder/protocol";
import type { ChatMessage } from "./chat-message.js";

/**
 * A `new_msg` broadcast read back: the LiveView chat receives what the channel broadcasts and
 * checks its shape rather than trusting whoever published on the topic.
 */
export function readChatMessage(payload: Payload): ChatMessage | undefined {
  if (payload instanceof Uint8Array) return undefined;
  const { body, user, sentAt } = payload;
  if (typeof body !== "string" || typeof user !== "string" || typeof sentAt !== "string") return undefined;
  return { body, user, sentAt };
}
