import type { MaybePromise } from "../channel/results.js";
import { CinderServerError, errorMessage } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";

/**
 * The one mechanism through which Cinder calls application code, so that a failure always says
 * where it came from (`handleIn of channel "room:lobby"`, `handleEvent "inc" of CounterLive`)
 * instead of pointing at a stack inside Cinder. It has two halves, named by what they do:
 *
 * - `run…` is the process boundary (a channel's callbacks, a socket's `connect`/`id`, the origin
 *   check). A throw or a rejected promise becomes a value and one log record
 *   (`CINDER_USER_CALLBACK_FAILED`), so the caller decides what dies (one channel, one upgrade)
 *   while the rest of the server carries on.
 * - `call…` is used inside a process (a LiveView's callbacks, a template's function components):
 *   the failure is re-thrown *tagged* — wrapped in a coded error naming the callback, the original
 *   as `cause` — and travels up to the boundary, which logs it once. An error tagged deeper down
 *   passes through: the innermost callback is the one to blame. The LiveView runtime
 *   (`callViewCallback`) and the renderer (`callRenderCallback`) build their tags on it.
 */
export interface CallbackSite {
  /** Who owns the callback, as shown in the log: `channel "room:lobby"`, `socket "/socket"`. */
  readonly owner: string;
  /** The callback's name: `join`, `handleIn`, `connect`, … */
  readonly callback: string;
  /** Extra structured fields for the log record (topic, path, …). */
  readonly fields?: Record<string, unknown>;
}

export type CallbackOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Turns the failure of application code into the error to throw: a tagged error, or `error`
 * itself when it is already tagged.
 */
export type FailureTag = (error: unknown) => unknown;

/**
 * Run `run` (sync or async) and report its outcome. Failures are logged once, here, with code
 * `CINDER_USER_CALLBACK_FAILED`. The synchronous part of `run` executes before this returns.
 *
 * @example
 * ```ts
 * const outcome = await runUserCallback(logger, { owner: `channel "${topic}"`, callback: "join" }, () =>
 *   definition.join(topic, payload, socket),
 * );
 * if (!outcome.ok) replyJoinCrashed();
 * ```
 */
export async function runUserCallback<T>(
  logger: Logger,
  site: CallbackSite,
  run: () => T | Promise<T>,
): Promise<CallbackOutcome<Awaited<T>>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    logCallbackFailure(logger, site, error);
    return { ok: false, error };
  }
}

/** The synchronous twin of `runUserCallback`, for callbacks that must not be async (`id`, origin checks). */
export function runUserCallbackSync<T>(logger: Logger, site: CallbackSite, run: () => T): CallbackOutcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    logCallbackFailure(logger, site, error);
    return { ok: false, error };
  }
}

/** Log a failure that happened in application code outside a wrapped call (e.g. a bad return value). */
export function logCallbackFailure(logger: Logger, site: CallbackSite, error: unknown): void {
  // A coded error (API misuse, or a failure tagged inside a process) keeps its code next to the generic one.
  const causeCode = error instanceof CinderServerError ? { causeCode: error.code } : {};
  logger.error(
    { code: "CINDER_USER_CALLBACK_FAILED", owner: site.owner, callback: site.callback, ...site.fields, ...causeCode, err: error },
    errorMessage("CINDER_USER_CALLBACK_FAILED", site.callback, site.owner, failureReason(error)),
  );
}

/**
 * Run `run` (sync or async) inside a process; a throw or a rejection comes out as `tag(error)`.
 *
 * @example
 * ```ts
 * await callUserCallback(() => definition.mount(params, session, socket), (error) => new LiveViewCallbackError(view, "mount", error));
 * ```
 */
export async function callUserCallback<T>(run: () => MaybePromise<T>, tag: FailureTag): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw tag(error);
  }
}

/** The synchronous twin of `callUserCallback`, for renders. */
export function callUserCallbackSync<T>(run: () => T, tag: FailureTag): T {
  try {
    return run();
  } catch (error) {
    throw tag(error);
  }
}

/** What a failure says, for a message: an error's message, or the thrown value as text. */
export function failureReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
