import type { ConnectParams } from "./socket-definition.js";

/** Deeper bracket nesting than this is kept as a literal key; no client needs more. */
const MAX_KEY_DEPTH = 16;

/**
 * Decode the upgrade request's query string into nested params, the inverse of the official
 * client's serialiser (spec §1.1): `a[b]=1` → `{ a: { b: "1" } }`, `list[0]=x` → `{ list: { "0": "x" } }`
 * (the client sends arrays as index-keyed objects), and `tags[]=a&tags[]=b` → `{ tags: ["a", "b"] }`.
 * Values are strings. A repeated key keeps its last value (as Plug does); when two keys disagree
 * about a shape (`a=1&a[b]=2`) the first shape wins.
 * Keys such as `__proto__` are stored as ordinary own properties, never as prototypes.
 *
 * @example
 * ```ts
 * parseConnectParams("token=abc&nested%5Ba%5D=1&vsn=2.0.0"); // { token: "abc", nested: { a: "1" }, vsn: "2.0.0" }
 * ```
 */
export function parseConnectParams(search: string): ConnectParams {
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    assignNested(params, splitKey(key), value);
  }
  return params;
}

function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  const bracketed = /\[([^[\]]*)\]/y;
  bracketed.lastIndex = open;
  while (bracketed.lastIndex < key.length) {
    const match = bracketed.exec(key);
    if (match === null || segments.length > MAX_KEY_DEPTH) return [key];
    segments.push(match[1] as string);
  }
  return segments;
}

type Container = Record<string, unknown> | unknown[];

function assignNested(params: Record<string, unknown>, segments: string[], value: string): void {
  let container: Container = params;
  for (let index = 0; index < segments.length - 1; index++) {
    const segment = segments[index] as string;
    if (Array.isArray(container) || segment === "") return; // `a[][b]` shapes are not produced by the client
    const wantsArray = segments[index + 1] === "";
    const existing = ownValue(container, segment);
    if (existing === undefined) {
      const created: Container = wantsArray ? [] : {};
      defineOwn(container, segment, created);
      container = created;
    } else if (wantsArray ? Array.isArray(existing) : isPlainRecord(existing)) {
      container = existing as Container;
    } else {
      return;
    }
  }
  const last = segments[segments.length - 1] as string;
  if (Array.isArray(container)) {
    if (last === "") container.push(value);
    return;
  }
  const existing = ownValue(container, last);
  if (last === "" || (existing !== undefined && typeof existing !== "string")) return;
  defineOwn(container, last, value);
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function defineOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
