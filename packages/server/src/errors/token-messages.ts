const HOW_TO_GENERATE_SECRET =
  "Generate one with `node -e \"console.log(require('node:crypto').randomBytes(48).toString('base64url'))\"` " +
  "(or `openssl rand -base64 48`) and pass it in, for example from the SECRET_KEY_BASE environment variable.";

/**
 * Messages of `sign`/`verify`/`encrypt`/`decrypt` misuse. Part of the package's one error
 * registry (`error-registry.ts`). A bad token is a `{ ok: false, reason }` result, never a throw.
 */
export const tokenMessages = {
  CINDER_TOKEN_SECRET_MISSING: () =>
    `A token secret is required: pass a string of at least 32 bytes, or a non-empty list of them for rotation. ${HOW_TO_GENERATE_SECRET}`,
  CINDER_TOKEN_SECRET_TOO_SHORT: (byteLength: number) =>
    `The token secret is ${byteLength} bytes long; at least 32 are required so that tokens cannot be forged by guessing it. ${HOW_TO_GENERATE_SECRET}`,
  CINDER_TOKEN_SALT_NOT_STRING: () =>
    `The token salt must be a string naming what the token is for, e.g. "user socket". Use the same salt to sign and to verify.`,
  CINDER_TOKEN_DATA_NOT_JSON: () =>
    `Token data must be JSON-serialisable (strings, numbers, booleans, null, arrays and plain objects). Convert it first, e.g. a bigint to a string.`,
  CINDER_TOKEN_BAD_OPTION: (option: string, expectation: string) => `The token option \`${option}\` ${expectation}.`,
} as const;
