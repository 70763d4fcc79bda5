import type { MaybePromise } from "../../channel/results.js";
import { CinderServerError, errorMessage } from "../../errors/error-registry.js";

/**
 * A view callback threw. It carries the view and the callback by name, so the one log record the
 * crash produces (written by the channel process, or by fastify for the HTTP render) says
 * `handleEvent "inc" of CounterLive threw: …` instead of pointing into Cinder. The original error
 * is the `cause`.
 */
export class LiveViewCallbackError extends CinderServerError {
  /** The view's name (or its route when it has none). */
  readonly view: string;
  /** `mount`, `handleEvent "inc"`, `render`, … */
  readonly callback: string;

  constructor(view: string, callback: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super("CINDER_LIVE_CALLBACK_FAILED", errorMessage("CINDER_LIVE_CALLBACK_FAILED", callback, view, reason), { cause });
    this.name = "LiveViewCallbackError";
    this.view = view;
    this.callback = callback;
  }
}

/**
 * The one door through which the LiveView runtime calls a view's code (mount, handlers, render,
 * onMount hooks). Failures come out as {@link LiveViewCallbackError}; the caller lets them
 * propagate, which crashes only this view.
 */
export async function callView<T>(view: string, callback: string, run: () => MaybePromise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw tag(view, callback, error);
  }
}

/** The synchronous twin of {@link callView}, for `render`. */
export function callViewSync<T>(view: string, callback: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw tag(view, callback, error);
  }
}

function tag(view: string, callback: string, error: unknown): LiveViewCallbackError {
  // A nested view's failure (a child rendered inside this one) keeps its own, more precise tag.
  if (error instanceof LiveViewCallbackError) return error;
  return new LiveViewCallbackError(view, callback, error);
}
