/** JSON values as they travel in text frames. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A payload is a JSON object (text frame) or raw bytes (binary frame). The official client
 * only sends binary when given an `ArrayBuffer`; we use `Uint8Array` on both sides.
 */
export type Payload = JsonObject | Uint8Array;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function isBinaryPayload(payload: Payload): payload is Uint8Array {
  return payload instanceof Uint8Array;
}
