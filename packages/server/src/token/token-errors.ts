/**
 * Errors thrown by the token functions. They are thrown only for API misuse (a weak secret, data
 * that is not JSON, a nonsensical option) — never for a hostile or broken token, which is an
 * ordinary `{ ok: false, reason }` result.
 */
export type TokenErrorCode =
  | "CINDER_ERR_TOKEN_SECRET_MISSING"
  | "CINDER_ERR_TOKEN_SECRET_TOO_SHORT"
  | "CINDER_ERR_TOKEN_SALT_NOT_STRING"
  | "CINDER_ERR_TOKEN_DATA_NOT_JSON"
  | "CINDER_ERR_TOKEN_BAD_OPTION";

/** Thrown when the token API is called wrongly. `code` is stable; the message says the fix. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  readonly code: TokenErrorCode;

  constructor(code: TokenErrorCode, message: string) {
    super(`${message} [${code}]`);
    this.code = code;
  }
}

export const MINIMUM_SECRET_BYTES = 32;

const howToGenerateSecret =
  "Generate one with `node -e \"console.log(require('node:crypto').randomBytes(48).toString('base64url'))\"` " +
  "(or `openssl rand -base64 48`) and pass it in, for example from the SECRET_KEY_BASE environment variable.";

export function secretMissingError(): TokenError {
  return new TokenError(
    "CINDER_ERR_TOKEN_SECRET_MISSING",
    `A token secret is required: pass a string of at least ${MINIMUM_SECRET_BYTES} bytes, or a non-empty list of them for rotation. ${howToGenerateSecret}`,
  );
}

export function secretTooShortError(byteLength: number): TokenError {
  return new TokenError(
    "CINDER_ERR_TOKEN_SECRET_TOO_SHORT",
    `The token secret is ${byteLength} bytes long; at least ${MINIMUM_SECRET_BYTES} are required so that tokens cannot be forged by guessing it. ${howToGenerateSecret}`,
  );
}

export function saltNotStringError(): TokenError {
  return new TokenError(
    "CINDER_ERR_TOKEN_SALT_NOT_STRING",
    'The token salt must be a string naming what the token is for, e.g. "user socket". Use the same salt to sign and to verify.',
  );
}

export function dataNotJsonError(cause: unknown): TokenError {
  const error = new TokenError(
    "CINDER_ERR_TOKEN_DATA_NOT_JSON",
    "Token data must be JSON-serialisable (strings, numbers, booleans, null, arrays and plain objects). Convert it first, e.g. a bigint to a string.",
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

export function badOptionError(option: string, expectation: string): TokenError {
  return new TokenError("CINDER_ERR_TOKEN_BAD_OPTION", `The token option \`${option}\` ${expectation}.`);
}
