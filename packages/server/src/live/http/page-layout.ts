import type { FastifyRequest } from "fastify";
import { escapeHtml } from "../template/escape.js";
import { safe, type SafeHtml } from "../template/safe-html.js";
import { html, type Template } from "../template/template.js";
import type { LiveLinkAttributes } from "../navigation/live-link.js";

/** What a page layout receives for the HTTP render of a LiveView. */
export interface LivePage {
  /** The view's container with its first render: put it in `<body>`. */
  readonly inner: SafeHtml;
  /** For `<meta name="csrf-token" content=${page.csrfToken}>`, which the LiveView client sends back. */
  readonly csrfToken: string;
  /** The title the view set with `socket.pageTitle`, if any. */
  readonly title: string | undefined;
  /** `<title data-default… data-prefix… data-suffix…>…</title>`, ready for `<head>`; the client updates it. */
  readonly titleTag: SafeHtml;
  readonly request: FastifyRequest;
  /** The live session of the page's route. */
  readonly liveSession: string;
  /**
   * Link attributes for the layout's navigation (spread them into an `<a>`): a live redirect
   * (`liveLink({ navigate: to })`) when `to` is a live route of this page's live session, a plain
   * link (`{ href: to }`) for anything else — another live session, a page that is not live,
   * another site — which the client must load in full.
   *
   * @example
   * ```ts
   * html`<nav>${pages.map((p) => html`<a ${page.linkTo(p.path)}>${p.label}</a>`)}</nav>`
   * ```
   */
  linkTo(to: string): LiveLinkAttributes;
}

/**
 * The root layout: the whole HTML document around a LiveView. It must contain the csrf meta tag
 * and the script that connects the LiveSocket.
 *
 * @example
 * ```ts
 * const layout: LiveLayout = (page) => html`<!DOCTYPE html>
 * <html><head><meta name="csrf-token" content=${page.csrfToken}>${page.titleTag}<script defer src="/assets/app.js"></script></head>
 * <body>${page.inner}</body></html>`;
 * ```
 */
export type LiveLayout = (page: LivePage) => Template;

/** How titles are composed: the client shows `prefix + title + suffix`, or the default when a title is empty. */
export interface LiveTitleOptions {
  readonly default?: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

/** A plain document: enough for tests and for a first page, not for a real app (no script). */
export const defaultLayout: LiveLayout = (page) =>
  html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="csrf-token" content=${page.csrfToken}>${page.titleTag}</head><body>${page.inner}</body></html>`;

/** `<title>` with the data attributes the LiveView client reads (spec §3.4.7). */
export function titleTagHtml(title: string | undefined, options: LiveTitleOptions): SafeHtml {
  let attributes = "";
  if (options.default !== undefined) attributes += ` data-default="${escapeHtml(options.default)}"`;
  if (options.prefix !== undefined) attributes += ` data-prefix="${escapeHtml(options.prefix)}"`;
  if (options.suffix !== undefined) attributes += ` data-suffix="${escapeHtml(options.suffix)}"`;
  const text = title === undefined || title.trim() === "" ? (options.default ?? "") : title;
  const full = text === "" && title === undefined ? "" : `${options.prefix ?? ""}${text}${options.suffix ?? ""}`;
  return safe(`<title${attributes}>${escapeHtml(full)}</title>`);
}
