import { createHash, timingSafeEqual } from "node:crypto";
import { hmacSha256, issuerKey } from "./key-derivation.js";
import { serverError } from "../errors/error-registry.js";
import type { TokenCheckOptions, TokenIssueOptions, TokenResult, TokenTime } from "./token-types.js";

/*
 * Shared layout of Cinder tokens (signed and encrypted), all segments joined with ".":
 *
 *   <version> . <salt fingerprint> . <body segments…> . <issuer tag>
 *
 * - version: "CS1" (signed, v1) or "CE1" (encrypted, v1). A new format gets a new version; the
 *   verifier refuses versions it does not know as `malformed`.
 * - salt fingerprint: the first 6 bytes of SHA-256 of the salt. Salts are not secrets; the
 *   fingerprint only names which purpose the token was issued for.
 * - issuer tag: 12 bytes of HMAC(issuerKey(secret), everything before it). A token is accepted
 *   only when both the salt-bound check and this tag pass (so no byte of a token can change
 *   without refusal). When the salt-bound check failed, a valid tag with another salt's
 *   fingerprint is reported as `wrong_salt` instead of `invalid`; the tag alone never makes a
 *   token acceptable.
 *
 * Every segment is unpadded base64url in canonical form (re-encoding the decoded bytes gives the
 * same text), so no two token strings carry the same bytes.
 */

export const SIGNED_VERSION = "CS1";
export const ENCRYPTED_VERSION = "CE1";

const SALT_FINGERPRINT_BYTES = 6;
const ISSUER_TAG_BYTES = 12;
const DEFAULT_MAX_AGE_SECONDS = 86_400;
/** Tokens issued up to this far in the future are tolerated: another node's clock may run ahead. */
const CLOCK_SKEW_MS = 10_000;

const base64urlAlphabet = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");
}

/** Decodes canonical unpadded base64url; anything else (padding, stray bits, other chars) is `undefined`. */
export function fromBase64url(text: string): Buffer | undefined {
  if (!base64urlAlphabet.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

export function saltFingerprint(salt: string): string {
  return toBase64url(createHash("sha256").update(salt, "utf8").digest().subarray(0, SALT_FINGERPRINT_BYTES));
}

export function issuerTag(secret: string, signedText: string): string {
  return toBase64url(hmacSha256(issuerKey(secret), signedText).subarray(0, ISSUER_TAG_BYTES));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

export interface TokenParts {
  /** Everything covered by the issuer tag: the token without its last segment. */
  readonly issuedText: string;
  readonly fingerprint: string;
  /** The segments between the fingerprint and the issuer tag. */
  readonly body: readonly string[];
  readonly issuerTag: string;
}

/** Splits a token of the given version and segment count, or says why it cannot be one. */
export function parseToken(
  token: unknown,
  version: string,
  bodySegments: number,
): { ok: true; parts: TokenParts } | { ok: false; reason: "missing" | "malformed" } {
  if (token === undefined || token === null || token === "") return { ok: false, reason: "missing" };
  if (typeof token !== "string") return { ok: false, reason: "malformed" };
  const segments = token.split(".");
  if (segments.length !== bodySegments + 3 || segments[0] !== version) return { ok: false, reason: "malformed" };
  for (const segment of segments.slice(1)) {
    if (fromBase64url(segment) === undefined) return { ok: false, reason: "malformed" };
  }
  const fingerprint = segments[1] ?? "";
  const tag = segments[segments.length - 1] ?? "";
  if (fingerprint.length !== 8 || tag.length !== 16) return { ok: false, reason: "malformed" };
  return {
    ok: true,
    parts: {
      issuedText: segments.slice(0, -1).join("."),
      fingerprint,
      body: segments.slice(2, -1),
      issuerTag: tag,
    },
  };
}

/** True when one of the secrets issued exactly this token (its issuer tag matches). */
export function issuedBy(secrets: readonly string[], parts: TokenParts): boolean {
  const claimedTag = fromBase64url(parts.issuerTag);
  if (!claimedTag) return false;
  let matched = false;
  for (const secret of secrets) {
    const expected = fromBase64url(issuerTag(secret, parts.issuedText));
    if (expected && bytesEqual(expected, claimedTag)) matched = true;
  }
  return matched;
}

/** After a token was refused: was it one of ours, intact, but issued for another salt? */
export function refusalReason(secrets: readonly string[], salt: string, parts: TokenParts): "invalid" | "wrong_salt" {
  if (parts.fingerprint === saltFingerprint(salt)) return "invalid";
  return issuedBy(secrets, parts) ? "wrong_salt" : "invalid";
}

function millisecondsOf(time: TokenTime, option: string): number {
  const milliseconds = time instanceof Date ? time.getTime() : time;
  if (typeof milliseconds !== "number" || !Number.isFinite(milliseconds)) {
    throw serverError("CINDER_TOKEN_BAD_OPTION", option, "must be a Date or a finite number of milliseconds since the Unix epoch (as Date.now() returns)");
  }
  return Math.floor(milliseconds);
}

function checkMaxAge(maxAge: unknown, option: string): number {
  if (typeof maxAge !== "number" || Number.isNaN(maxAge)) {
    throw serverError("CINDER_TOKEN_BAD_OPTION", option, "must be a number of seconds (Infinity for tokens that never expire)");
  }
  return maxAge;
}

/**
 * The plaintext of every token: `[data, signedAtMs, maxAgeSeconds | null]`, as JSON. `null`
 * stands for an infinite max age, which JSON cannot spell.
 */
export function encodePayload(data: unknown, options: TokenIssueOptions): string {
  const signedAt = options.signedAt === undefined ? Date.now() : millisecondsOf(options.signedAt, "signedAt");
  const maxAge = options.maxAge === undefined ? DEFAULT_MAX_AGE_SECONDS : checkMaxAge(options.maxAge, "maxAge");
  let dataJson: string | undefined;
  try {
    dataJson = JSON.stringify(data);
  } catch (cause) {
    const error = serverError("CINDER_TOKEN_DATA_NOT_JSON");
    error.cause = cause;
    throw error;
  }
  if (dataJson === undefined) throw serverError("CINDER_TOKEN_DATA_NOT_JSON");
  return `[${dataJson},${signedAt},${maxAge === Infinity ? "null" : JSON.stringify(maxAge)}]`;
}

/** Reads an authenticated payload and applies the time rules (spec §2.5 step 4). */
export function checkPayload<Data>(payloadJson: string, options: TokenCheckOptions): TokenResult<Data> {
  const now = options.now === undefined ? Date.now() : millisecondsOf(options.now, "now");
  const maxAgeOverride = options.maxAge === undefined ? undefined : checkMaxAge(options.maxAge, "maxAge");
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!Array.isArray(payload) || payload.length !== 3) return { ok: false, reason: "malformed" };
  const [data, signedAt, embeddedMaxAge] = payload as [unknown, unknown, unknown];
  if (typeof signedAt !== "number" || !Number.isSafeInteger(signedAt)) return { ok: false, reason: "malformed" };
  if (embeddedMaxAge !== null && typeof embeddedMaxAge !== "number") return { ok: false, reason: "malformed" };

  const maxAge = maxAgeOverride ?? embeddedMaxAge ?? Infinity;
  if (maxAge <= 0) return { ok: false, reason: "expired" };
  if (signedAt > now + CLOCK_SKEW_MS) return { ok: false, reason: "invalid" };
  if (signedAt + maxAge * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true, data: data as Data };
}

/** Validates check options up front (they must throw on misuse whatever the token looks like). */
export function assertCheckOptions(options: TokenCheckOptions): void {
  if (options.now !== undefined) millisecondsOf(options.now, "now");
  if (options.maxAge !== undefined) checkMaxAge(options.maxAge, "maxAge");
}
