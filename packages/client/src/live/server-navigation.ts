import { isJsonObject, type JsonObject } from "@cinder/protocol";
import { absoluteUrl } from "./browser.js";
import { DiagnosticCode } from "./diagnostics.js";
import type { View } from "./view.js";

/**
 * Navigation the server asks for (spec §3.10): a `redirect`, `live_patch` or `live_redirect`
 * push on the view's channel, or the same key in a join error or an event reply. Each needs a
 * `to` URL; one without is reported and ignored.
 */

/** A full page load of `to`, carrying the flash in a cookie. */
export function followRedirect(view: View, payload: unknown): void {
  if (!isJsonObject(payload) || typeof payload.to !== "string") return reportBadNavigation(view, "redirect", payload);
  view.runtime.redirect(payload.to, typeof payload.flash === "string" ? payload.flash : null, null);
}

/** The server patched its own URL: the view's href and the history entry follow. */
export function followLivePatch(view: View, payload: unknown): void {
  if (!isJsonObject(payload) || typeof payload.to !== "string") return reportBadNavigation(view, "live_patch", payload);
  view.setHref(absoluteUrl(payload.to));
  view.runtime.historyPatch(payload.to, payload.kind === "replace" ? "replace" : "push");
}

/** Live navigation to another LiveView at `to`. */
export function followLiveRedirect(view: View, payload: unknown): void {
  if (!isJsonObject(payload) || typeof payload.to !== "string") return reportBadNavigation(view, "live_redirect", payload);
  const kind = payload.kind === "replace" ? "replace" : "push";
  view.runtime.historyRedirect(absoluteUrl(payload.to), kind, typeof payload.flash === "string" ? payload.flash : null, null, null);
}

/** Follows `redirect`, `live_patch` or `live_redirect` in an event reply. */
export function followNavigationReply(view: View, response: JsonObject): void {
  if (isJsonObject(response.redirect)) followRedirect(view, response.redirect);
  if (isJsonObject(response.live_patch)) followLivePatch(view, response.live_patch);
  if (isJsonObject(response.live_redirect)) followLiveRedirect(view, response.live_redirect);
}

function reportBadNavigation(view: View, event: string, payload: unknown): void {
  view.report(DiagnosticCode.malformedDiff, `"${event}" needs a "to" URL; ignored ${JSON.stringify(payload)?.slice(0, 80)}`, "internal");
}
