import { PROTOCOL_VSN, WEBSOCKET_PATH_SEGMENT } from "@cinder/protocol";

/**
 * Reading the parts of an upgrade request the socket layer cares about. Pure functions over
 * strings, so they can be tested without a server.
 */

const WEBSOCKET_SUFFIX = `/${WEBSOCKET_PATH_SEGMENT}`;
const BEARER_PREFIX = "base64url.bearer.phx.";
const SUPPORTED_MAJOR = PROTOCOL_VSN.split(".")[0] as string;

/** Path and query string of a request target such as `/socket/websocket?token=a&vsn=2.0.0`. */
export function splitRequestTarget(target: string): { pathname: string; search: string } {
  const hash = target.indexOf("#");
  const withoutHash = hash === -1 ? target : target.slice(0, hash);
  const query = withoutHash.indexOf("?");
  if (query === -1) return { pathname: withoutHash, search: "" };
  return { pathname: withoutHash.slice(0, query), search: withoutHash.slice(query + 1) };
}

/** The mount path a client addressed (`/socket` for `/socket/websocket`), or undefined. */
export function mountPathOf(pathname: string): string | undefined {
  if (!pathname.endsWith(WEBSOCKET_SUFFIX)) return undefined;
  return pathname.slice(0, -WEBSOCKET_SUFFIX.length);
}

/**
 * True for serializer versions this server speaks: V2, any minor/patch (`2.0.0`, `2.1.3`).
 * Phoenix treats a missing vsn as V1, which Cinder does not serve, so missing is false.
 */
export function isSupportedVsn(vsn: unknown): boolean {
  if (typeof vsn !== "string") return false;
  const match = /^(\d+)\.\d+\.\d+$/.exec(vsn);
  return match !== null && match[1] === SUPPORTED_MAJOR;
}

/** The offered subprotocols of a `Sec-WebSocket-Protocol` header. */
export function offeredSubprotocols(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(",") : header;
  return joined
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/**
 * The token of a `base64url.bearer.phx.<B>` subprotocol (spec §1.2). Despite the name the
 * official client uses `btoa` (standard alphabet, padding removed) over a Latin-1 string, so
 * the inverse is base64 → Latin-1; Node's decoder accepts both alphabets and missing padding.
 */
export function bearerTokenOf(subprotocols: readonly string[]): string | undefined {
  const entry = subprotocols.find((protocol) => protocol.startsWith(BEARER_PREFIX));
  if (entry === undefined) return undefined;
  return Buffer.from(entry.slice(BEARER_PREFIX.length), "base64").toString("latin1");
}
