import { createHmac, hkdfSync, pbkdf2Sync } from "node:crypto";
import { serverError } from "../errors/error-registry.js";
import type { TokenSecret } from "./token-types.js";

/** Phoenix's parameters (spec §2.2): PBKDF2-HMAC-SHA256, 1000 iterations, 32 bytes. */
const PBKDF2_ITERATIONS = 1000;
const KEY_BYTES = 32;
/** Shorter secrets are refused: they could be guessed. (The registry's messages say 32 too.) */
const MINIMUM_SECRET_BYTES = 32;

/**
 * Derived keys are cached per (secret, salt, purpose): PBKDF2 costs about a millisecond, and a
 * busy socket endpoint verifies a token per connection. Apps use a handful of constant salts, so
 * the bound only matters for apps that derive salts from data; it evicts the oldest entry.
 */
const MAX_CACHED_KEYS = 512;
const keyCache = new Map<string, Buffer>();

function cached(cacheKey: string, derive: () => Buffer): Buffer {
  const hit = keyCache.get(cacheKey);
  if (hit) return hit;
  const key = derive();
  if (keyCache.size >= MAX_CACHED_KEYS) {
    const oldest = keyCache.keys().next();
    if (!oldest.done) keyCache.delete(oldest.value);
  }
  keyCache.set(cacheKey, key);
  return key;
}

/** Validates the secret argument (misuse throws) and returns the secrets, the signing one first. */
export function secretsOf(secret: TokenSecret): readonly string[] {
  const secrets = typeof secret === "string" ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) throw serverError("CINDER_TOKEN_SECRET_MISSING");
  for (const candidate of secrets) {
    if (typeof candidate !== "string") throw serverError("CINDER_TOKEN_SECRET_MISSING");
    const byteLength = Buffer.byteLength(candidate, "utf8");
    if (byteLength < MINIMUM_SECRET_BYTES) throw serverError("CINDER_TOKEN_SECRET_TOO_SHORT", byteLength);
  }
  return secrets;
}

export function assertSalt(salt: unknown): asserts salt is string {
  if (typeof salt !== "string") throw serverError("CINDER_TOKEN_SALT_NOT_STRING");
}

/** The HMAC key of signed tokens: exactly Phoenix's derivation of (secret, salt). */
export function signingKey(secret: string, salt: string): Buffer {
  return cached(`sign\0${secret}\0${salt}`, () => pbkdf2Sync(secret, salt, PBKDF2_ITERATIONS, KEY_BYTES, "sha256"));
}

/**
 * The AES-256-GCM key of encrypted tokens. It is expanded from the signing key with HKDF under its
 * own label, so it never equals a signing key: holding an encrypted token's key material teaches
 * nothing about signed tokens of the same salt, and vice versa.
 */
export function encryptionKey(secret: string, salt: string): Buffer {
  return cached(`encrypt\0${secret}\0${salt}`, () =>
    Buffer.from(hkdfSync("sha256", signingKey(secret, salt), Buffer.alloc(0), "cinder token encryption v1", KEY_BYTES)),
  );
}

/**
 * A salt-independent key that proves a token was issued by a holder of the secret. It only lets
 * verification tell "ours, for another salt" (`wrong_salt`) from "tampered or foreign" (`invalid`);
 * accepting a token always needs the salt-bound key.
 */
export function issuerKey(secret: string): Buffer {
  return cached(`issuer\0${secret}`, () =>
    Buffer.from(hkdfSync("sha256", secret, "cinder", "cinder token issuer v1", KEY_BYTES)),
  );
}

export function hmacSha256(key: Buffer, text: string): Buffer {
  return createHmac("sha256", key).update(text, "utf8").digest();
}
