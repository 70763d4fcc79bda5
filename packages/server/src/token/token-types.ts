/**
 * The secret tokens are signed (or encrypted) with. A list enables rotation: new tokens use the
 * first secret, and a token made with any secret of the list still verifies. Every secret must
 * be at least 32 bytes.
 */
export type TokenSecret = string | readonly string[];

/** Why a token was refused. Each reason is distinct so logs and tests can tell them apart. */
export type TokenFailureReason =
  /** No token at all: `undefined`, `null` or the empty string. */
  | "missing"
  /** Not a Cinder token of the expected kind (wrong shape, unknown version, not base64url). */
  | "malformed"
  /** A Cinder token whose signature does not match: tampered, from another secret, or issued in the future. */
  | "invalid"
  /** Genuinely issued with this secret, but for another salt (purpose) than the one being verified. */
  | "wrong_salt"
  /** Authentic, but older than the allowed maximum age. */
  | "expired";

/** What `verify` and `decrypt` return: the data, or why the token was refused. Never thrown. */
export type TokenResult<Data = unknown> = { ok: true; data: Data } | { ok: false; reason: TokenFailureReason };

/** A point in time: a `Date`, or milliseconds since the Unix epoch as `Date.now()` returns them. */
export type TokenTime = Date | number;

/** Options of `sign` and `encrypt`. */
export interface TokenIssueOptions {
  /** When the token counts as issued (default: now). Useful to make tests deterministic. */
  signedAt?: TokenTime;
  /**
   * Maximum age in **seconds** stored in the token (default 86 400, one day). `Infinity` means the
   * token never expires on its own; zero or less means it is already expired. A `maxAge` passed
   * to verify/decrypt overrides this value.
   */
  maxAge?: number;
}

/** Options of `verify` and `decrypt`. */
export interface TokenCheckOptions {
  /** Maximum age in **seconds**; overrides the age stored in the token. `Infinity` accepts any age. */
  maxAge?: number;
  /** The time to check against (default: now). */
  now?: TokenTime;
}
