/** Timing defaults of the LiveView runtime (spec §3.2); every one can be set in the options. */
export const LiveDefaults = {
  bindingPrefix: "phx-",
  debounce: 300,
  throttle: 300,
  /** Delay before a joining view shows `phx-loading`. */
  loaderTimeoutMs: 1,
  /** Time in an error state before `phx-disconnected` commands run. */
  disconnectedTimeoutMs: 500,
  maxReloads: 10,
  reloadJitterMinMs: 5_000,
  reloadJitterMaxMs: 10_000,
  failsafeJitterMs: 30_000,
  /** Every LiveView event push waits this long for its reply; then the page reloads. */
  pushTimeoutMs: 30_000,
  /** A child view gives up after this many failed joins. */
  maxChildJoinAttempts: 3,
} as const;

/** The LiveView client version this runtime speaks, compared with the server's `liveview_version`. */
export const LIVE_VIEW_VERSION = "1.2.12";
