/**
 * The window event every diagnostic of the client is dispatched as, LiveView runtime and JS
 * commands alike. Name and detail shape are the official client's (spec §3.17), so tooling
 * written for one sees the other.
 *
 * @example
 * ```ts
 * window.addEventListener(DIAGNOSTIC_EVENT, (event) => {
 *   const { code, message, viewId } = (event as CustomEvent<LiveViewDiagnostic>).detail;
 *   reportToMyErrorTracker(code, message, viewId);
 * });
 * ```
 */
export const DIAGNOSTIC_EVENT = "phx:live-view:diagnostic";

/** `detail.version` of every diagnostic event. */
export const DIAGNOSTIC_VERSION = 1;
