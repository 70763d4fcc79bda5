import { CinderServerError, errorMessage } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";

/**
 * The one door through which Cinder calls application code. A throw or a rejected promise
 * becomes a value, so the caller decides what dies (one channel, one upgrade) while the rest of
 * the server carries on; and the log names the callback and its owner, so an error can be traced
 * to `handleIn of channel "room:lobby"` instead of to a stack inside Cinder.
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
  const reason = error instanceof Error ? error.message : String(error);
  // A misuse of Cinder's API inside the callback keeps its own code next to the generic one.
  const causeCode = error instanceof CinderServerError ? { causeCode: error.code } : {};
  logger.error(
    { code: "CINDER_USER_CALLBACK_FAILED", owner: site.owner, callback: site.callback, ...site.fields, ...causeCode, err: error },
    errorMessage("CINDER_USER_CALLBACK_FAILED", site.callback, site.owner, reason),
  );
}
