import { isJsonObject, type JsonObject } from "@cinder/protocol";
import { sign, verify } from "../../token/signed-token.js";
import type { TokenFailureReason, TokenSecret } from "../../token/token-types.js";
import type { Flash } from "../view/live-view.js";

/**
 * The tokens a LiveView page carries (spec §2.7), each under its own salt so that one can never
 * stand in for another. They are signed, not encrypted: the browser can read them.
 *
 * - session (`data-phx-session`): which view, which container id, which live session, the app
 *   session, the parent view (nested views) and the CSRF fingerprint; two weeks.
 * - static (`data-phx-static`): what only the HTTP render knew (the flash); two weeks.
 * - flash: a flash carried across a navigation (join param, or `__phoenix_flash__` cookie); 60 s.
 */
export interface ViewSessionClaims {
  /** Container id; the channel topic is `lv:<id>`. */
  readonly id: string;
  /** The registry key of the view (`"<live session> <pattern>"` or a nested key). */
  readonly view: string;
  /** `null` for nested views. */
  readonly liveSession: string | null;
  /** The parent's container id for nested views. */
  readonly parent: string | null;
  /** The app session from the `session(request)` option. */
  readonly session: JsonObject;
  /** `csrfFingerprint` of the CSRF cookie the page was rendered for. */
  readonly csrf: string;
}

export interface ViewStaticClaims {
  readonly id: string;
  readonly flash: Flash;
}

/** A refusal reason of the token layer, or a shape this version does not understand. */
export type ViewTokenFailure = TokenFailureReason | "outdated";

export type ViewTokenResult<Claims> = { ok: true; claims: Claims } | { ok: false; reason: ViewTokenFailure };

const SESSION_SALT = "cinder live view session";
const STATIC_SALT = "cinder live view static";
const FLASH_SALT = "cinder live view flash";
/** Bumped when the claims change shape; older tokens then verify as `outdated` (→ `stale`). */
const TOKEN_VERSION = 1;
const TWO_WEEKS_SECONDS = 1_209_600;
const FLASH_MAX_AGE_SECONDS = 60;

export class ViewTokens {
  readonly #secret: TokenSecret;

  constructor(secret: TokenSecret) {
    this.#secret = secret;
  }

  signSession(claims: ViewSessionClaims): string {
    return sign(this.#secret, SESSION_SALT, { v: TOKEN_VERSION, ...claims }, { maxAge: TWO_WEEKS_SECONDS });
  }

  verifySession(token: unknown): ViewTokenResult<ViewSessionClaims> {
    return this.#verify(SESSION_SALT, token, TWO_WEEKS_SECONDS, isSessionClaims);
  }

  signStatic(claims: ViewStaticClaims): string {
    return sign(this.#secret, STATIC_SALT, { v: TOKEN_VERSION, ...claims }, { maxAge: TWO_WEEKS_SECONDS });
  }

  verifyStatic(token: unknown): ViewTokenResult<ViewStaticClaims> {
    return this.#verify(STATIC_SALT, token, TWO_WEEKS_SECONDS, isStaticClaims);
  }

  signFlash(flash: Flash): string {
    return sign(this.#secret, FLASH_SALT, { v: TOKEN_VERSION, flash }, { maxAge: FLASH_MAX_AGE_SECONDS });
  }

  /** The flash of a token, or `{}` for anything that does not verify (a lost flash is harmless). */
  verifyFlash(token: unknown): Flash {
    const result = this.#verify(FLASH_SALT, token, FLASH_MAX_AGE_SECONDS, (data): data is { flash: Flash } => isFlash((data as { flash?: unknown }).flash));
    return result.ok ? result.claims.flash : {};
  }

  #verify<Claims>(salt: string, token: unknown, maxAge: number, isClaims: (data: JsonObject) => data is JsonObject & Claims): ViewTokenResult<Claims> {
    const result = verify(this.#secret, salt, token, { maxAge });
    if (!result.ok) return result;
    const data = result.data;
    if (!isJsonObject(data) || data.v !== TOKEN_VERSION || !isClaims(data)) return { ok: false, reason: "outdated" };
    return { ok: true, claims: data };
  }
}

function isSessionClaims(data: JsonObject): data is JsonObject & ViewSessionClaims {
  return (
    typeof data.id === "string" &&
    typeof data.view === "string" &&
    (data.liveSession === null || typeof data.liveSession === "string") &&
    (data.parent === null || typeof data.parent === "string") &&
    isJsonObject(data.session) &&
    typeof data.csrf === "string"
  );
}

function isStaticClaims(data: JsonObject): data is JsonObject & ViewStaticClaims {
  return typeof data.id === "string" && isFlash(data.flash);
}

export function isFlash(value: unknown): value is Flash {
  return isJsonObject(value) && Object.values(value).every((message) => typeof message === "string");
}
