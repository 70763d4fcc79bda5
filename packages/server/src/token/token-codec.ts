import { assertSalt, secretsOf } from "./key-derivation.js";
import {
  assertCheckOptions,
  checkPayload,
  encodePayload,
  issuedBy,
  issuerTag,
  parseToken,
  refusalReason,
  saltFingerprint,
} from "./token-format.js";
import type { TokenCheckOptions, TokenIssueOptions, TokenResult, TokenSecret } from "./token-types.js";

/**
 * What distinguishes one kind of token (signed, encrypted) from another: its version and how its
 * body protects the payload. Everything else — secrets, salts, the layout around the body, the
 * issuer tag, expiry — is the same for every kind and lives in {@link issueToken} and
 * {@link checkToken}.
 */
export interface TokenKind {
  readonly version: string;
  /** How many segments `seal` produces and `open` receives. */
  readonly bodySegments: number;
  /**
   * The body segments protecting `plaintext` under (secret, salt). `header` is the token's
   * `"<version>.<salt fingerprint>"`, which the body must authenticate too.
   */
  seal(secret: string, salt: string, header: string, plaintext: Buffer): readonly string[];
  /**
   * The plaintext if one of `secrets` authenticates the body under `salt`; `undefined` if none
   * does; `"malformed"` if the body cannot be one of this kind (wrong lengths).
   */
  open(secrets: readonly string[], salt: string, header: string, body: readonly string[]): Buffer | undefined | "malformed";
}

/** Issue a token of `kind` (misuse throws a coded error). */
export function issueToken(kind: TokenKind, secret: TokenSecret, salt: string, data: unknown, options: TokenIssueOptions): string {
  const [issuingSecret] = secretsOf(secret) as [string];
  assertSalt(salt);
  const plaintext = Buffer.from(encodePayload(data, options), "utf8");
  const header = `${kind.version}.${saltFingerprint(salt)}`;
  const issuedText = [header, ...kind.seal(issuingSecret, salt, header, plaintext)].join(".");
  return `${issuedText}.${issuerTag(issuingSecret, issuedText)}`;
}

/**
 * Check a token of `kind`: never throws for a bad token, only for misuse. It is accepted only
 * when its body opens under `salt` *and* its issuer tag is one of ours, so no byte of it can
 * change unnoticed; a refused token that is ours but for another salt is `wrong_salt`.
 */
export function checkToken<Data>(kind: TokenKind, secret: TokenSecret, salt: string, token: unknown, options: TokenCheckOptions): TokenResult<Data> {
  const secrets = secretsOf(secret);
  assertSalt(salt);
  assertCheckOptions(options);

  const parsed = parseToken(token, kind.version, kind.bodySegments);
  if (!parsed.ok) return parsed;
  const { parts } = parsed;
  const plaintext = kind.open(secrets, salt, `${kind.version}.${parts.fingerprint}`, parts.body);
  if (plaintext === "malformed") return { ok: false, reason: "malformed" };
  if (plaintext === undefined || !issuedBy(secrets, parts)) return { ok: false, reason: refusalReason(secrets, salt, parts) };
  return checkPayload<Data>(plaintext.toString("utf8"), options);
}
