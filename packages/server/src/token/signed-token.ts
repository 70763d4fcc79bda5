import { hmacSha256, signingKey } from "./key-derivation.js";
import { checkToken, issueToken, type TokenKind } from "./token-codec.js";
import { SIGNED_VERSION, bytesEqual, fromBase64url, toBase64url } from "./token-format.js";
import type { TokenCheckOptions, TokenIssueOptions, TokenResult, TokenSecret } from "./token-types.js";

/*
 * Signed token: CS1 . <salt fingerprint> . <payload> . <mac> . <issuer tag>
 * mac = HMAC-SHA256(PBKDF2(secret, salt), "CS1.<fingerprint>.<payload>")
 */
const MAC_BYTES = 32;

const signedToken: TokenKind = {
  version: SIGNED_VERSION,
  bodySegments: 2,
  seal(secret, salt, header, plaintext) {
    const payload = toBase64url(plaintext);
    return [payload, toBase64url(hmacSha256(signingKey(secret, salt), `${header}.${payload}`))];
  },
  open(secrets, salt, header, [payload = "", macText = ""]) {
    const claimedMac = fromBase64url(macText);
    const payloadBytes = fromBase64url(payload);
    if (!claimedMac || claimedMac.byteLength !== MAC_BYTES || !payloadBytes) return "malformed";
    const signedText = `${header}.${payload}`;
    // Check every secret, not just until one matches, so timing does not tell which one signed.
    let authentic = false;
    for (const candidate of secrets) {
      if (bytesEqual(hmacSha256(signingKey(candidate, salt), signedText), claimedMac)) authentic = true;
    }
    return authentic ? payloadBytes : undefined;
  },
};

/**
 * Signs `data` so that it can be handed to a client and later checked with {@link verify}.
 *
 * A signed token is **readable by anyone who holds it** (the payload is only base64url-encoded
 * JSON): it proves the data came from you, it does not hide it. Put identifiers in it (a user
 * id), never secrets or personal data; use {@link encrypt} when the client must not read it.
 *
 * @param secret at least 32 bytes; a list signs with the first entry (rotation).
 * @param salt names the purpose, e.g. `"user socket"`; a token only verifies with the same salt.
 * @param data any JSON-serialisable value.
 * @throws CinderServerError (`CINDER_TOKEN_*` codes) on misuse: short or missing secret, non-JSON data, a bad option.
 *
 * @example
 * ```ts
 * const token = sign(process.env.SECRET_KEY_BASE!, "user socket", user.id);
 * // later, in the socket's connect callback:
 * const result = verify(process.env.SECRET_KEY_BASE!, "user socket", params.token, { maxAge: 1_209_600 });
 * if (result.ok) socket.assign({ userId: String(result.data) });
 * ```
 */
export function sign(secret: TokenSecret, salt: string, data: unknown, options: TokenIssueOptions = {}): string {
  return issueToken(signedToken, secret, salt, data, options);
}

/**
 * Checks a token made by {@link sign} with the same salt and one of the secrets, and returns its
 * data. Never throws for a bad token — any value, including hostile strings, non-strings and
 * `undefined`, is fine to pass — only for API misuse.
 *
 * Refusals: `missing` (no token), `malformed` (not a signed Cinder token), `invalid` (bad
 * signature, or issued in the future), `wrong_salt` (ours, but for another purpose), `expired`
 * (older than `maxAge` seconds: the option if given, else the age stored at signing, default one day).
 *
 * @example
 * ```ts
 * const result = verify([newSecret, oldSecret], "user socket", params.token, { maxAge: 1_209_600 });
 * if (!result.ok) return false; // result.reason: "missing" | "malformed" | "invalid" | "wrong_salt" | "expired"
 * ```
 */
export function verify<Data = unknown>(
  secret: TokenSecret,
  salt: string,
  token: unknown,
  options: TokenCheckOptions = {},
): TokenResult<Data> {
  return checkToken<Data>(signedToken, secret, salt, token, options);
}
