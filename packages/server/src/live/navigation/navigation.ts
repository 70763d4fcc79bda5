import { serverError } from "../../errors/error-registry.js";

/**
 * A navigation a view asked for during a callback. The runtime acts on it when the callback
 * returns; when a callback asks more than once, the last request wins (as in Phoenix).
 *
 * - `patch`: same view, new URL → `handleParams` (spec §3.10.1);
 * - `navigate`: another view of the same live session, over the same socket (§3.10.2);
 * - `redirect`: a full page load (§3.10.3).
 */
export type Navigation =
  | { readonly kind: "patch"; readonly to: string; readonly replace: boolean }
  | { readonly kind: "navigate"; readonly to: string; readonly replace: boolean }
  | { readonly kind: "redirect"; readonly to: string; readonly external: boolean };

/** `push` adds a history entry, `replace` replaces the current one. */
export type HistoryKind = "push" | "replace";

export function historyKind(replace: boolean): HistoryKind {
  return replace ? "replace" : "push";
}

/**
 * Checks that `to` is a path on this site. A protocol-relative `//evil.example` or a backslash
 * (`/\evil.example`, which browsers read as `//`) would leave the site, so they are refused: an
 * open redirect built from user input must not be one call away.
 */
export function assertLocalPath(method: string, to: unknown): asserts to is string {
  if (typeof to !== "string" || !isLocalPath(to)) throw serverError("CINDER_LIVE_NOT_A_LOCAL_PATH", method, to);
}

export function isLocalPath(to: string): boolean {
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return false;
  // Control characters are stripped by URL parsers and could turn "/\t/evil" into "//evil".
  for (let index = 0; index < to.length; index++) if (to.charCodeAt(index) < 0x20 || to.charCodeAt(index) === 0x7f) return false;
  return true;
}

/** An absolute http(s) URL for `redirect(url, { external: true })`. */
export function assertExternalUrl(to: unknown): asserts to is string {
  let parsed: URL | undefined;
  try {
    parsed = typeof to === "string" ? new URL(to) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw serverError("CINDER_LIVE_INVALID_EXTERNAL_URL", to);
  }
}
