import type { MaybePromise } from "../../channel/results.js";
import { CinderServerError, errorMessage } from "../../errors/error-registry.js";
import { callUserCallback, callUserCallbackSync, failureReason } from "../../process/user-callback.js";

/**
 * A view callback threw. It carries the view and the callback by name, so the one log record the
 * crash produces (written by the channel process, or by fastify for the HTTP render) says
 * `handleEvent "inc" of CounterLive threw: …` instead of pointing into Cinder. The original error
 * is the `cause`.
 *
 * @example
 * ```ts
 * // A view that throws during the HTTP render answers 500; an app's error handler can still see why.
 * app.setErrorHandler((error, _request, reply) => {
 *   const cause = (error as Error).cause;
 *   if (cause instanceof LiveViewCallbackError) app.log.error({ view: cause.view, callback: cause.callback }, cause.message);
 *   return reply.send(error);
 * });
 * ```
 */
export class LiveViewCallbackError extends CinderServerError {
  /** The view's name (or its route when it has none). */
  readonly view: string;
  /** `mount`, `handleEvent "inc"`, `render`, … */
  readonly callback: string;

  constructor(view: string, callback: string, cause: unknown) {
    super("CINDER_LIVE_CALLBACK_FAILED", errorMessage("CINDER_LIVE_CALLBACK_FAILED", callback, view, failureReason(cause)), { cause });
    this.name = "LiveViewCallbackError";
    this.view = view;
    this.callback = callback;
  }
}

/**
 * How the LiveView runtime calls a view's code (mount, handlers, render, onMount hooks, and the
 * components of the view): through `callUserCallback`, tagged as {@link LiveViewCallbackError}.
 * The caller lets the error propagate, which crashes only this view.
 */
export function callViewCallback<T>(view: string, callback: string, run: () => MaybePromise<T>): Promise<T> {
  return callUserCallback(run, (error) => tagViewFailure(view, callback, error));
}

/** The synchronous twin of {@link callViewCallback}, for `render`. */
export function callViewCallbackSync<T>(view: string, callback: string, run: () => T): T {
  return callUserCallbackSync(run, (error) => tagViewFailure(view, callback, error));
}

function tagViewFailure(view: string, callback: string, error: unknown): LiveViewCallbackError {
  // A nested view's failure (a child rendered inside this one) keeps its own, more precise tag.
  if (error instanceof LiveViewCallbackError) return error;
  return new LiveViewCallbackError(view, callback, error);
}
