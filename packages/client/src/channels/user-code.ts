import { CinderClientError, ClientErrorCode, describeError } from "../errors.js";

/**
 * The one way the channel client calls into application code. Each call names where it came
 * from (`origin`), so an error in a callback says which registration it was, not just a stack
 * inside the socket.
 *
 * Two kinds of user code, two policies:
 * - Callbacks (event bindings, `receive` hooks, socket state callbacks, the logger) only react.
 *   A throwing callback must not stop the other callbacks of the same event nor leave the socket
 *   or channel half way through a state change, so its error is reported to the runtime (the
 *   browser console and `window` error listeners) and the client carries on.
 * - Value functions (socket params, channel params, auth token, the `onMessage` hook) produce
 *   something the client cannot continue without, so their error is tagged and rethrown.
 */
export function invokeUserCallback<Args extends unknown[]>(
  origin: string,
  callback: (...args: Args) => unknown,
  ...args: Args
): void {
  try {
    callback(...args);
  } catch (cause) {
    reportToRuntime(tagUserError(origin, cause));
  }
}

export function callUserFunction<Args extends unknown[], Result>(
  origin: string,
  userFunction: (...args: Args) => Result,
  ...args: Args
): Result {
  try {
    return userFunction(...args);
  } catch (cause) {
    throw tagUserError(origin, cause);
  }
}

function tagUserError(origin: string, cause: unknown): CinderClientError {
  return new CinderClientError(
    ClientErrorCode.userCodeThrew,
    `${origin} threw: ${describeError(cause)}. The error came from application code; see its cause for the stack.`,
    { cause },
  );
}

interface ErrorReportingGlobal {
  reportError?: (error: unknown) => void;
}

/**
 * Reports an error the client cannot throw to a caller (it happened inside a transport event).
 * Browsers have `reportError`, which fires `window` "error" listeners and logs like any
 * uncaught error. Elsewhere (Node, happy-dom) the error is rethrown from a fresh task so it
 * still surfaces as uncaught instead of being swallowed.
 */
export function reportToRuntime(error: Error): void {
  const reportError = (globalThis as ErrorReportingGlobal).reportError;
  if (typeof reportError === "function") {
    reportError(error);
    return;
  }
  setTimeout(() => {
    throw error;
  }, 0);
}
