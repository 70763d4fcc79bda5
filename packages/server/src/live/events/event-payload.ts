import { isJsonObject, type JsonObject, type Payload } from "@cinder/protocol";
import { parseConnectParams } from "../../socket/connect-params.js";

/**
 * The `type` of a LiveView `event` push (spec §3.8.1). Only `form` is decoded; every other type's
 * value is passed to the handler as the client sent it.
 */
export type LiveEventType = "click" | "keydown" | "keyup" | "focus" | "blur" | "form" | "hook" | "js" | (string & {});

export interface DecodedEvent {
  readonly type: LiveEventType;
  /** The event name (`phx-click="inc"` → `"inc"`). */
  readonly event: string;
  /** What the handler receives: the client's value, or for forms the decoded params. */
  readonly value: unknown;
  /** The target live component (`phx-target`), when the client sent a numeric cid. */
  readonly cid: number | undefined;
}

export type EventDecodeResult = { ok: true; event: DecodedEvent } | { ok: false; problem: string };

/**
 * Checks and decodes the payload of an `event` push. Never throws: whatever a hostile client
 * sends comes back as `{ ok: false, problem }`.
 */
export function decodeEventPayload(payload: Payload): EventDecodeResult {
  if (!isJsonObject(payload)) return { ok: false, problem: "the payload is not a JSON object" };
  const { type, event, value } = payload;
  if (typeof event !== "string" || event === "") return { ok: false, problem: "event must be a non-empty string" };
  if (typeof type !== "string") return { ok: false, problem: "type must be a string" };
  const cid = typeof payload.cid === "number" && Number.isSafeInteger(payload.cid) ? payload.cid : undefined;
  if (type === "form") {
    if (typeof value !== "string") return { ok: false, problem: "a form event's value must be a URL-encoded string" };
    return { ok: true, event: { type, event, value: decodeFormValue(value, payload.meta), cid } };
  }
  return { ok: true, event: { type, event, value: value === undefined ? {} : value, cid } };
}

/**
 * A form event's value (spec §3.8.3): the URL-encoded form decoded into nested params with Plug's
 * rules (`user[name]=a` → `{ user: { name: "a" } }`, `x[]=1&x[]=2` → `{ x: ["1", "2"] }`, `+` is a
 * space), `meta` merged over it, and `_target` turned into the path of the changed input
 * (`"user[name]"` → `["user", "name"]`).
 *
 * @example
 * ```ts
 * decodeFormValue("user%5Bname%5D=Ada+L&_unused_agree=", { _target: "user[name]" });
 * // { user: { name: "Ada L" }, _unused_agree: "", _target: ["user", "name"] }
 * ```
 */
export function decodeFormValue(urlEncoded: string, meta: unknown): Record<string, unknown> {
  const params = parseConnectParams(urlEncoded);
  if (isJsonObject(meta)) {
    for (const [key, value] of Object.entries(meta)) defineOwn(params, key, value);
  }
  const target = params._target;
  if (typeof target === "string") defineOwn(params, "_target", targetPath(target));
  return params;
}

/** `"user[name]"` → `["user", "name"]`, `"tags[]"` → `["tags"]`, decoded with the form rules. */
function targetPath(target: string): string[] {
  const path: string[] = [];
  let node: unknown = parseConnectParams(`${encodeURIComponent(target)}=`);
  while (isJsonObject(node as JsonObject)) {
    const keys = Object.keys(node as Record<string, unknown>);
    const first = keys[0];
    if (keys.length !== 1 || first === undefined) break;
    path.push(first);
    node = (node as Record<string, unknown>)[first];
  }
  return path.length > 0 ? path : [target];
}

function defineOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
