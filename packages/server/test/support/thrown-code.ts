import { CinderServerError } from "@cinder/server";

/**
 * The code of the `CinderServerError` that `run` throws, or `undefined` when it returns. Any other
 * error is re-thrown: a test expecting a coded error must not pass on a plain crash.
 */
export function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CinderServerError) return error.code;
    throw error;
  }
  return undefined;
}
