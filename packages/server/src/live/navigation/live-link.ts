import { serverError } from "../../errors/error-registry.js";
import type { LiveRoutes } from "../routes/live-routes.js";
import { historyKind, isLocalPath, type HistoryKind } from "./navigation.js";

/**
 * Where a link goes, as Phoenix's `<.link>` takes it:
 * - `navigate`: another LiveView of the same live session, over the open socket (no page load);
 * - `patch`: the current LiveView with new params (`handleParams`), no remount;
 * - `href`: a plain link, a full page load (other live sessions, pages that are not live).
 *
 * `replace: true` replaces the current history entry instead of pushing one.
 */
export type LiveLinkTarget =
  | { readonly navigate: string; readonly replace?: boolean }
  | { readonly patch: string; readonly replace?: boolean }
  | { readonly href: string };

/** The attributes of a link's `<a>`, for an attribute spread (`<a ${liveLink(…)}>`). */
export interface LiveLinkAttributes {
  readonly href: string;
  /** `redirect` for `navigate`, `patch` for `patch`; absent for a plain link. */
  readonly "data-phx-link"?: "redirect" | "patch";
  readonly "data-phx-link-state"?: HistoryKind;
}

/**
 * The attributes a LiveView client reads to follow a link without a page load — what Phoenix's
 * `<.link navigate>` / `<.link patch>` render (`data-phx-link="redirect"|"patch"` and
 * `data-phx-link-state="push"|"replace"`). Spread them into an `<a>`; the `href` stays a real
 * URL, so the link still works before the socket connects, in a new tab, or without JavaScript.
 *
 * The client intercepts these links anywhere in the document, the root layout included. A
 * `navigate` to a view of another live session ends in a full page load (the server refuses the
 * join), so render `{ href }` for those.
 *
 * @example
 * ```ts
 * html`<a ${liveLink({ navigate: "/counter" })} class="nav">Counter</a>
 *      <a ${liveLink({ patch: `/books?page=${page + 1}`, replace: true })}>Next page</a>
 *      <a ${liveLink({ href: "/sign-in" })}>Sign in</a>`;
 * ```
 */
export function liveLink(target: LiveLinkTarget): LiveLinkAttributes {
  const kinds = typeof target === "object" && target !== null ? (["navigate", "patch", "href"] as const).filter((key) => key in target) : [];
  if (kinds.length !== 1) throw serverError("CINDER_LIVE_INVALID_LINK", kinds.length === 0 ? "none of them" : `${kinds.join(" and ")} together`);
  if ("href" in target) {
    if (typeof target.href !== "string") throw serverError("CINDER_LIVE_INVALID_LINK", `an href that is not a string (${typeof target.href})`);
    return Object.freeze({ href: target.href });
  }
  const state = historyKind(target.replace === true);
  if ("navigate" in target) return Object.freeze({ href: localPath("navigate", target.navigate), "data-phx-link": "redirect", "data-phx-link-state": state });
  return Object.freeze({ href: localPath("patch", target.patch), "data-phx-link": "patch", "data-phx-link-state": state });
}

/** Live links stay on this site: a `//host` or `/\host` target would hand the socket's navigation to another origin. */
function localPath(kind: "navigate" | "patch", to: unknown): string {
  if (typeof to !== "string" || !isLocalPath(to)) throw serverError("CINDER_LIVE_LINK_NOT_LOCAL", kind, to);
  return to;
}

/**
 * `page.linkTo` of the layout: navigate within `liveSession`, a plain link everywhere else. Only
 * the path decides (query and fragment are carried along), as it decides the route on the join.
 */
export function layoutLinkTo(routes: LiveRoutes, liveSession: string): (to: string) => LiveLinkAttributes {
  return (to) => {
    if (typeof to !== "string") throw serverError("CINDER_LIVE_INVALID_LINK", `page.linkTo(${typeof to})`);
    if (!isLocalPath(to)) return liveLink({ href: to });
    const pathname = new URL(to, "http://cinder.invalid").pathname;
    return routes.match(pathname)?.liveSession === liveSession ? liveLink({ navigate: to }) : liveLink({ href: to });
  };
}
