import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encryptionKey } from "./key-derivation.js";
import { checkToken, issueToken, type TokenKind } from "./token-codec.js";
import { ENCRYPTED_VERSION, fromBase64url, toBase64url } from "./token-format.js";
import type { TokenCheckOptions, TokenIssueOptions, TokenResult, TokenSecret } from "./token-types.js";

/*
 * Encrypted token: CE1 . <salt fingerprint> . <iv> . <ciphertext> . <gcm tag> . <issuer tag>
 * AES-256-GCM with a random 12-byte IV; the header "CE1.<fingerprint>" is the additional
 * authenticated data, so the version and fingerprint cannot be swapped either.
 */
const IV_BYTES = 12;
const GCM_TAG_BYTES = 16;

const encryptedToken: TokenKind = {
  version: ENCRYPTED_VERSION,
  bodySegments: 3,
  seal(secret, salt, header, plaintext) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", encryptionKey(secret, salt), iv, { authTagLength: GCM_TAG_BYTES });
    cipher.setAAD(Buffer.from(header, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [toBase64url(iv), toBase64url(ciphertext), toBase64url(cipher.getAuthTag())];
  },
  open(secrets, salt, header, [ivText = "", ciphertextText = "", gcmTagText = ""]) {
    const iv = fromBase64url(ivText);
    const ciphertext = fromBase64url(ciphertextText);
    const gcmTag = fromBase64url(gcmTagText);
    if (!iv || !ciphertext || !gcmTag || iv.byteLength !== IV_BYTES || gcmTag.byteLength !== GCM_TAG_BYTES) return "malformed";
    const additionalData = Buffer.from(header, "utf8");
    for (const candidate of secrets) {
      const plaintext = openWith(encryptionKey(candidate, salt), iv, additionalData, ciphertext, gcmTag);
      if (plaintext) return plaintext;
    }
    return undefined;
  },
};

/**
 * Encrypts `data` into a token that only holders of the secret can read, with the same expiry
 * rules as {@link sign}. Use it when the client may carry the data but must not see it (an email
 * address, an internal reference); use {@link sign} when the data may be public, as it is shorter
 * and cheaper. The token's length still reveals roughly how long the data is.
 *
 * @throws CinderServerError (`CINDER_TOKEN_*` codes) on misuse: short or missing secret, non-JSON data, a bad option.
 *
 * @example
 * ```ts
 * const token = encrypt(secretKeyBase, "password reset", { userId, email });
 * const result = decrypt(secretKeyBase, "password reset", tokenFromLink, { maxAge: 3600 });
 * ```
 */
export function encrypt(secret: TokenSecret, salt: string, data: unknown, options: TokenIssueOptions = {}): string {
  return issueToken(encryptedToken, secret, salt, data, options);
}

/**
 * Decrypts and checks a token made by {@link encrypt} with the same salt and one of the secrets.
 * Same refusal reasons as {@link verify}; never throws for a bad token, only for API misuse.
 *
 * @example
 * ```ts
 * const result = decrypt<{ userId: string }>([newSecret, oldSecret], "password reset", token, { maxAge: 3600 });
 * if (result.ok) resetPasswordOf(result.data.userId);
 * ```
 */
export function decrypt<Data = unknown>(
  secret: TokenSecret,
  salt: string,
  token: unknown,
  options: TokenCheckOptions = {},
): TokenResult<Data> {
  return checkToken<Data>(encryptedToken, secret, salt, token, options);
}

/** The plaintext, or `undefined` when authentication fails (wrong key or tampered token). */
function openWith(key: Buffer, iv: Buffer, header: Buffer, ciphertext: Buffer, gcmTag: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(gcmTag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
