import { PROTOCOL_VSN, WEBSOCKET_PATH_SEGMENT } from "@cinder/protocol";
import { CinderClientError, ClientErrorCode } from "../errors.js";

/**
 * The URL and subprotocols a socket connects with (spec §1.1, §1.2), byte for byte what the
 * official client produces, so servers see the same query string from either client.
 */

/** Query parameters: nested objects and arrays become `parent[child]=value`. */
export type SocketParams = Record<string, unknown>;

/**
 * `"/socket"` → `ws://<page host>/socket/websocket?<params>&vsn=2.0.0` (wss on https pages);
 * `"//host/socket"` keeps the host; an absolute `ws(s)://` endpoint is used as is.
 */
export function buildEndpointUrl(endpoint: string, params: SocketParams): string {
  const withParams = appendQuery(`${endpoint}/${WEBSOCKET_PATH_SEGMENT}`, params);
  const url = appendQuery(withParams, { vsn: PROTOCOL_VSN });
  if (!url.startsWith("/")) return url;
  const page = pageLocation();
  if (!page) {
    throw new CinderClientError(
      ClientErrorCode.relativeEndpointWithoutLocation,
      `The socket endpoint "${endpoint}" is relative, but there is no page location to resolve it against. Outside a browser pass an absolute URL such as "ws://127.0.0.1:4000${endpoint}".`,
    );
  }
  const scheme = page.protocol.startsWith("https") ? "wss" : "ws";
  if (url.startsWith("//")) return `${scheme}:${url}`;
  return `${scheme}://${page.host}${url}`;
}

function pageLocation(): { protocol: string; host: string } | undefined {
  return (globalThis as { location?: { protocol: string; host: string } }).location;
}

function appendQuery(url: string, params: SocketParams): string {
  if (Object.keys(params).length === 0) return url;
  const separator = url.includes("?") ? "&" : "?";
  return `${url}${separator}${serializeParams(params)}`;
}

/**
 * The official serialiser's rules, quirks included, because servers (and LiveView's query-string
 * parsing) are written against them: every `typeof "object"` value recurses, so arrays become
 * `key[0]=…` and `null` contributes an empty part (a stray `&`); `undefined` becomes the text
 * "undefined".
 */
export function serializeParams(params: object, parentKey?: string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    const paramKey = parentKey === undefined ? key : `${parentKey}[${key}]`;
    if (typeof value === "object") {
      parts.push(value === null ? "" : serializeParams(value, paramKey));
    } else {
      parts.push(`${encodeURIComponent(paramKey)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.join("&");
}

/** The prefix Phoenix looks for among the offered subprotocols (spec §1.2). */
export const AUTH_TOKEN_SUBPROTOCOL_PREFIX = "base64url.bearer.phx.";

/**
 * `["phoenix", "base64url.bearer.phx.<token>"]`, the token in standard base64 without padding
 * (Phoenix decodes it that way despite the prefix's name). The token is UTF-8 encoded first, so
 * any string works; for ASCII tokens — every token Phoenix.Token or Cinder issues — this is
 * exactly what the official client's `btoa(token)` gives.
 */
export function authTokenSubprotocols(token: string): string[] {
  let binary = "";
  for (const byte of new TextEncoder().encode(token)) binary += String.fromCharCode(byte);
  return ["phoenix", `${AUTH_TOKEN_SUBPROTOCOL_PREFIX}${btoa(binary).replace(/=/g, "")}`];
}
