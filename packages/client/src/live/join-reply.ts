import { isJsonObject, type JsonObject, type PushedEvent } from "@cinder/protocol";
import { PhxAttribute } from "../dom/phx-attributes.js";
import { clearReloads } from "./browser.js";
import { DiagnosticCode, reportDiagnostic } from "./diagnostics.js";
import { LiveDefaults } from "./defaults.js";
import { followLiveRedirect, followRedirect } from "./server-navigation.js";
import type { View } from "./view.js";

/**
 * What a join reply says besides the render itself (spec §3.3.3, §3.3.4): on success the page's
 * first history entry, the server's version and process, a reset reload counter; on failure
 * where the view should go instead.
 */

/** Takes note of a successful join reply's extras, before its render is applied. */
export function noteJoinReply(view: View, response: JsonObject): void {
  const { runtime } = view;
  if (view.isMain() && history.state === null) runtime.replaceInitialHistory(view.id);
  if (typeof response.liveview_version === "string" && response.liveview_version !== runtime.version) {
    reportDiagnostic({
      level: "debug",
      code: DiagnosticCode.versionMismatch,
      message: `the server speaks LiveView ${response.liveview_version}, this client ${runtime.version}`,
      viewId: view.id,
      attribution: "app",
    });
  }
  if (typeof response.pid === "string") view.el.setAttribute(PhxAttribute.pid, response.pid);
  // The page is live again: the reload backoff of spec §3.11 starts over.
  clearReloads(runtime.localStorage, window.location.pathname);
}

/** What the failing join knew, and the one thing only the view can do about it. */
export interface FailedJoin {
  /** The flash the join carried; loading the page again over HTTP keeps it. */
  flash: string | null;
  /** Joins attempted since the last successful one, the failed one included. */
  attempts: number;
  /** Stops waiting for this join: the server sent the view elsewhere instead. */
  abandon(): void;
}

/**
 * What a view does when its join fails (spec §3.3.4, §3.11). `push_event`s the reply carries
 * are dispatched first; then, by the reply:
 * - `reason: "reload"`: the server asks for a full page load, its status token rides in a cookie;
 * - `reason: "unauthorized"` or `"stale"`: the session no longer fits, the page loads again over
 *   HTTP;
 * - a `redirect` or `live_redirect`: the view follows it;
 * - anything else (a crashed mount, a timeout): the view shows its error state. The main view
 *   then reloads the page after a jittered delay; a nested view retries, and after
 *   `maxChildJoinAttempts` gives up and puts its root in the error state.
 */
export function handleJoinFailure(view: View, response: JsonObject, join: FailedJoin): void {
  const { runtime } = view;
  if (Array.isArray(response.events)) runtime.dispatchServerEvents(response.events as unknown as PushedEvent[]);
  const mainHref = runtime.mainView()?.href ?? window.location.href;
  if (response.reason === "reload") {
    view.report(DiagnosticCode.joinRefused, `mount failed with status ${String(response.status)}; reloading the page`, "app");
    runtime.redirect(mainHref, null, typeof response.token === "string" ? response.token : null);
    return;
  }
  if (response.reason === "unauthorized" || response.reason === "stale") {
    view.report(DiagnosticCode.joinRefused, `join refused (${response.reason}); loading the page again over HTTP`, "app");
    runtime.redirect(mainHref, join.flash, null);
    return;
  }
  if (isJsonObject(response.redirect) || isJsonObject(response.live_redirect)) {
    join.abandon();
    if (isJsonObject(response.redirect)) followRedirect(view, response.redirect);
    else followLiveRedirect(view, response.live_redirect);
    return;
  }
  const timedOut = response.reason === "timeout";
  view.report(
    timedOut ? DiagnosticCode.joinTimeout : DiagnosticCode.joinFailed,
    timedOut ? "the join timed out" : `unable to join: ${JSON.stringify(response)}`,
    timedOut ? "network" : "app",
  );
  if (view.isMain()) {
    view.showError("server-error");
    if (runtime.socket.isConnected()) runtime.reloadWithJitter(view);
  } else if (join.attempts >= LiveDefaults.maxChildJoinAttempts) {
    view.root.showError("server-error");
    view.report(DiagnosticCode.mountAttemptsExhausted, `gave up joining after ${LiveDefaults.maxChildJoinAttempts} attempts`, "app");
    view.destroy();
  } else {
    view.showError("server-error");
  }
}
