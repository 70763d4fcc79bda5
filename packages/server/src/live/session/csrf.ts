import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * CSRF protection for LiveView sockets, as Plug does it: a random secret lives in an HttpOnly
 * cookie; each page carries a *masked* copy in `<meta name="csrf-token">` (a fresh mask per
 * render, so the token differs on every page and leaks nothing through compression side
 * channels); the client sends it as `_csrf_token` when it connects. A connection whose token does
 * not unmask to its cookie's secret gets no trusted session: every join answers `stale`.
 */

const SECRET_BYTES = 32;
/** base64url length of SECRET_BYTES bytes. */
const ENCODED_LENGTH = 43;

/** A new cookie secret (base64url). */
export function newCsrfSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

/** True for a value our cookie could hold (anything else is treated as absent). */
export function isCsrfSecret(value: unknown): value is string {
  return typeof value === "string" && BASE64URL_SECRET.test(value);
}

const BASE64URL_SECRET = /^[A-Za-z0-9_-]{43}$/;
const BASE64URL_TOKEN = /^[A-Za-z0-9_-]{86}$/;

/** `mask . (secret XOR mask)`, both base64url: what the page's meta tag holds. */
export function maskCsrfToken(secret: string): string {
  const secretBytes = Buffer.from(secret, "base64url");
  const mask = randomBytes(SECRET_BYTES);
  const masked = Buffer.alloc(SECRET_BYTES);
  for (let index = 0; index < SECRET_BYTES; index++) masked[index] = (secretBytes[index] as number) ^ (mask[index] as number);
  return `${mask.toString("base64url")}${masked.toString("base64url")}`;
}

/** Whether `token` (from the client, untrusted) is a masked form of `secret`. Never throws. */
export function csrfTokenMatches(token: unknown, secret: unknown): boolean {
  if (typeof token !== "string" || !BASE64URL_TOKEN.test(token) || !isCsrfSecret(secret)) return false;
  const mask = Buffer.from(token.slice(0, ENCODED_LENGTH), "base64url");
  const masked = Buffer.from(token.slice(ENCODED_LENGTH), "base64url");
  if (mask.length !== SECRET_BYTES || masked.length !== SECRET_BYTES) return false;
  const unmasked = Buffer.alloc(SECRET_BYTES);
  for (let index = 0; index < SECRET_BYTES; index++) unmasked[index] = (mask[index] as number) ^ (masked[index] as number);
  return timingSafeEqual(unmasked, Buffer.from(secret, "base64url"));
}

/**
 * A one-way fingerprint of the secret, stored in LiveView session tokens: a token only joins
 * from a connection carrying the same CSRF cookie, so a session token copied out of a page does
 * not work in another browser. Session tokens are readable, hence a hash, not the secret.
 */
export function csrfFingerprint(secret: string): string {
  return createHash("sha256").update("cinder csrf fingerprint\0").update(secret).digest("base64url").slice(0, 22);
}
