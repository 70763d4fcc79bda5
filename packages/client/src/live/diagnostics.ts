import { DIAGNOSTIC_EVENT, DIAGNOSTIC_VERSION } from "../diagnostic-event.js";
import { describeError } from "../errors.js";

/**
 * Diagnostics of the LiveView runtime: a failure surfaces as a `DIAGNOSTIC_EVENT` on `window`
 * (and a console line) before — and instead of — becoming an uncaught error.
 */

/** Who is most likely at fault: the client itself, the network, the application, or unclear. */
export type DiagnosticAttribution = "internal" | "network" | "app" | "unknown";
export type DiagnosticLevel = "debug" | "error";

/**
 * Stable diagnostic codes of the LiveView runtime. Codes are never reused; the message may be
 * reworded. Each says what to do in its message.
 */
export const DiagnosticCode = {
  malformedDiff: "view.malformed-diff",
  malformedJoinReply: "view.malformed-join-reply",
  /** Handling a server message failed for a reason other than a bad diff (a client bug, or input no check caught). */
  internalError: "view.internal-error",
  unknownServerEvent: "view.unknown-event",
  joinFailed: "view.join-failed",
  joinTimeout: "view.join-timeout",
  joinRefused: "view.join-refused",
  mountAttemptsExhausted: "view.mount-attempts-exhausted",
  crashed: "view.crashed",
  pushFailed: "event.push-failed",
  pushTimeout: "view.push-timeout-recovery",
  missingComponentTarget: "event.missing-component-target",
  missingSelectorTarget: "event.missing-selector-target",
  invalidPhxUpdateChild: "dom.invalid-phx-update-child",
  invalidDebounce: "dom.invalid-debounce",
  hookUnknown: "hook.unknown",
  hookMissingId: "hook.missing-id",
  hookInvalidDefinition: "hook.invalid-definition",
  hookThrew: "hook.callback-threw",
  userCallbackThrew: "socket.user-callback-threw",
  malformedFrame: "socket.malformed-frame",
  invalidLink: "navigation.invalid-link",
  jsCommandFailed: "js.command-failed",
  versionMismatch: "view.version-mismatch",
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export interface LiveViewDiagnostic {
  version: typeof DIAGNOSTIC_VERSION;
  level: DiagnosticLevel;
  code: string;
  message: string;
  metadata?: Record<string, unknown>;
  viewId?: string;
  attribution: DiagnosticAttribution;
}

export type DiagnosticInput = Omit<LiveViewDiagnostic, "version">;

/** Dispatches the diagnostic event; errors are also written to the console. */
export function reportDiagnostic(input: DiagnosticInput): void {
  if (input.level === "error") console.error(`[${input.code}] ${input.message}`, input.metadata ?? {});
  window.dispatchEvent(new CustomEvent<LiveViewDiagnostic>(DIAGNOSTIC_EVENT, { detail: { version: DIAGNOSTIC_VERSION, ...input } }));
}

/** An error-level diagnostic in one call. */
export function reportError(
  code: DiagnosticCode,
  message: string,
  context: { viewId?: string; attribution: DiagnosticAttribution; metadata?: Record<string, unknown> },
): void {
  reportDiagnostic({ level: "error", code, message, ...context });
}

/**
 * Every call into application code (hooks, option callbacks) goes through here: a throw is
 * tagged with where it came from and reported as a diagnostic; the runtime carries on.
 */
export function callUserCode<Result>(
  origin: string,
  viewId: string | undefined,
  run: () => Result,
  code: DiagnosticCode = DiagnosticCode.hookThrew,
): Result | undefined {
  try {
    return run();
  } catch (error) {
    reportError(code, `${origin} threw: ${describeError(error)}`, { viewId, attribution: "app", metadata: { error } });
    return undefined;
  }
}
