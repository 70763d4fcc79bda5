import type { JsonObject, JsonValue } from "@cinder/protocol";
import { describeValue } from "../errors/describe-value.js";
import { serverError } from "../errors/error-registry.js";
import type { PresenceLimits } from "./presence-options.js";

/** Deeper metas are refused: a cycle, or a hostile value built to exhaust the stack. */
const MAX_META_DEPTH = 32;
/** Presence sets these; a meta carrying them (a client's payload tracked as is, say) gets ours instead. */
const REF_FIELDS = new Set(["phx_ref", "phx_ref_prev"]);

const textEncoder = new TextEncoder();

export function assertPresenceTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== "string" || topic === "") throw serverError("CINDER_PRESENCE_INVALID_TOPIC", topic);
}

export function assertPresenceKey(key: unknown, limits: Readonly<PresenceLimits>): asserts key is string {
  if (typeof key !== "string" || key === "") throw serverError("CINDER_PRESENCE_INVALID_KEY", key);
  const bytes = textEncoder.encode(key).length;
  if (bytes > limits.maxKeyBytes) throw serverError("CINDER_PRESENCE_KEY_TOO_LONG", bytes, limits.maxKeyBytes);
}

/**
 * The meta Presence keeps for `meta`: a deep, frozen copy of its JSON (so later changes to the
 * caller's object change nothing, and `list` can hand out the stored objects), without the ref
 * fields. Throws a coded error naming the offending path for anything that is not JSON, and for
 * a meta larger than `maxMetaBytes`. `undefined` values are left out, as JSON leaves them out.
 */
export function copyPresenceMeta(meta: unknown, limits: Readonly<PresenceLimits>): JsonObject {
  if (!isPlainObject(meta)) throw serverError("CINDER_PRESENCE_INVALID_META", "the meta", describeValue(meta));
  assertJson(meta, "meta", 0);
  // The replacer's `this` is the object holding `key`: only the meta's own ref fields are dropped.
  const json = JSON.stringify(meta, function (this: unknown, key: string, value: unknown) {
    return this === meta && REF_FIELDS.has(key) ? undefined : value;
  });
  const bytes = textEncoder.encode(json).length;
  if (bytes > limits.maxMetaBytes) throw serverError("CINDER_PRESENCE_META_TOO_LARGE", bytes, limits.maxMetaBytes);
  // JSON.parse makes an own "__proto__" key an ordinary property, never a prototype.
  return deepFreeze(JSON.parse(json) as JsonObject);
}

/** The meta as clients see it: the stored one plus its refs, frozen. */
export function withRefs(meta: JsonObject, ref: string, previousRef: string | undefined): JsonObject {
  const tracked: JsonObject = { ...copyOwn(meta), phx_ref: ref };
  if (previousRef !== undefined) tracked.phx_ref_prev = previousRef;
  return Object.freeze(tracked);
}

/** A shallow copy that keeps an own `__proto__` key an ordinary property. */
function copyOwn(meta: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const key of Object.keys(meta)) {
    Object.defineProperty(copy, key, { value: meta[key], enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function assertJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_META_DEPTH) throw serverError("CINDER_PRESENCE_INVALID_META", path, `nested deeper than ${MAX_META_DEPTH} levels`);
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw serverError("CINDER_PRESENCE_INVALID_META", path, `${value} (JSON has no such number)`);
      return;
    case "object":
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item: unknown, index) => {
          if (item === undefined) throw serverError("CINDER_PRESENCE_INVALID_META", `${path}[${index}]`, "undefined");
          assertJson(item, `${path}[${index}]`, depth + 1);
        });
        return;
      }
      if (!isPlainObject(value)) throw serverError("CINDER_PRESENCE_INVALID_META", path, describeValue(value));
      for (const key of Object.keys(value)) {
        const entry = value[key];
        if (entry !== undefined) assertJson(entry, `${path}.${key}`, depth + 1);
      }
      return;
    default:
      throw serverError("CINDER_PRESENCE_INVALID_META", path, describeValue(value));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function deepFreeze<T extends JsonValue>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
