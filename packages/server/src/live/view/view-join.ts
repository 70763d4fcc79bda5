import type { JsonObject } from "@cinder/protocol";
import type { LiveRoutes, OnMountHook, RegisteredView } from "../routes/live-routes.js";
import type { ViewSessionClaims, ViewTokens } from "../session/view-tokens.js";
import type { Flash, LiveParams } from "./live-view.js";
import { paramsOf } from "./mount-pipeline.js";

/** Which view a verified join mounts, or why it may not (spec §3.3.4). */
export type JoinTarget =
  | { ok: true; registered: RegisteredView; onMount: readonly OnMountHook[]; params: LiveParams; url: URL | undefined }
  | { ok: false; reason: "stale" | "unauthorized"; detail: string };

/**
 * Nested views mount the view their token names. Root views are routed: a live navigation joins
 * with `redirect` and may mount any view of the token's live session; a page (re)join joins with
 * `url`, which must still route to the very view the token names.
 */
export function resolveJoinTarget(routes: LiveRoutes, claims: ViewSessionClaims, payload: JsonObject): JoinTarget {
  if (claims.parent !== null) {
    const registered = routes.view(claims.view);
    if (registered === undefined) return { ok: false, reason: "stale", detail: `the nested view "${claims.view}" is not known on this server` };
    return { ok: true, registered, onMount: [], params: {}, url: undefined };
  }
  const navigating = typeof payload.redirect === "string";
  const target = navigating ? payload.redirect : payload.url;
  const url = typeof target === "string" ? parseAbsoluteUrl(target) : undefined;
  if (url === undefined) return { ok: false, reason: "unauthorized", detail: "a root view's join needs an absolute url or redirect" };
  const route = routes.match(url.pathname);
  if (route === undefined || route.liveSession !== claims.liveSession) {
    return { ok: false, reason: "unauthorized", detail: `${url.pathname} is not a route of live session "${claims.liveSession}"` };
  }
  if (!navigating && route.key !== claims.view) return { ok: false, reason: "unauthorized", detail: `${url.pathname} routes to another view than the page's` };
  return { ok: true, registered: route, onMount: route.onMount, params: paramsOf(url, route.pathParams), url };
}

/** Spec §3.10.4: the navigation's flash token; on a first mount (`_mounts: 0`) the HTTP render's flash. */
export function joinFlash(tokens: ViewTokens, payload: JsonObject, claims: ViewSessionClaims, connectParams: JsonObject): Flash {
  if (typeof payload.flash === "string") return tokens.verifyFlash(payload.flash);
  if (connectParams._mounts !== 0) return {};
  const verified = tokens.verifyStatic(payload.static);
  return verified.ok && verified.claims.id === claims.id ? verified.claims.flash : {};
}

/** An absolute http(s) URL from the client, or undefined. */
export function parseAbsoluteUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}
