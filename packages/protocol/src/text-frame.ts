import type { Frame } from "./messages.js";
import type { JsonObject } from "./json.js";
import { isJsonObject } from "./json.js";
import { decodeFailure, decoded, type DecodeResult } from "./decode-result.js";

/** A frame whose payload is JSON, as carried by a text WebSocket message. */
export interface TextFrame extends Frame {
  payload: JsonObject;
}

/** `[join_ref, ref, topic, event, payload]` as JSON. */
export function encodeTextFrame(frame: TextFrame): string {
  return JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]);
}

/**
 * Parses one V2 text frame. Exactly five elements are required: the official clients always
 * send five, and accepting more would let junk ride along unnoticed. The payload must be an
 * object — the official clients send `{}` when there is nothing to say — so that handlers can
 * be typed against a record rather than `unknown`.
 */
export function decodeTextFrame(text: string): DecodeResult<TextFrame> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return decodeFailure("not_json", "text frame is not valid JSON");
  }
  if (!Array.isArray(parsed)) {
    return decodeFailure("not_array", "text frame must be a JSON array [join_ref, ref, topic, event, payload]");
  }
  if (parsed.length !== 5) {
    return decodeFailure("wrong_arity", `text frame must have 5 elements, got ${parsed.length}`);
  }
  const [joinRef, ref, topic, event, payload] = parsed as unknown[];
  if (!isNullableString(joinRef)) return wrongType("join_ref", "a string or null");
  if (!isNullableString(ref)) return wrongType("ref", "a string or null");
  if (typeof topic !== "string") return wrongType("topic", "a string");
  if (typeof event !== "string") return wrongType("event", "a string");
  if (!isJsonObject(payload)) {
    return decodeFailure("payload_not_object", "payload (element 5) must be a JSON object");
  }
  return decoded({ joinRef, ref, topic, event, payload });
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

function wrongType(field: string, expected: string): DecodeResult<never> {
  return decodeFailure("wrong_field_type", `${field} must be ${expected}`);
}
