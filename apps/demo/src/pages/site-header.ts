import type { FastifyRequest } from "fastify";
import { html, liveLink, type LiveLinkAttributes, type Template } from "@cinder/server";

/** The demo's pages in the order of the navigation bar. */
const SITE_PAGES = [
  { path: "/", label: "Chat" },
  { path: "/chat-live", label: "Live chat" },
  { path: "/counter", label: "Counter" },
  { path: "/form", label: "Sign-up form" },
  { path: "/books", label: "Books" },
  { path: "/hooks", label: "Hooks & JS" },
  { path: "/crash", label: "Crash" },
] as const;

/** How the header links to a page: `page.linkTo` on live pages, plain links elsewhere. */
export type HeaderLinkTo = (path: string) => LiveLinkAttributes;

const plainLink: HeaderLinkTo = (path) => liveLink({ href: path });

/**
 * The bar on top of every page: the navigation and who is signed in. Shared by the chat's layout
 * (plain links: that page has no LiveSocket) and the live pages' layout, which passes
 * `page.linkTo`: links to the pages of the same live session navigate over the open socket
 * (`data-phx-link="redirect"`, Phoenix's `<.link navigate>`), the others load in full. A live
 * navigation does not re-render the header; assets/site-nav.ts moves `aria-current` along.
 */
export function siteHeader(request: FastifyRequest, linkTo: HeaderLinkTo = plainLink): Template {
  const currentPath = new URL(request.url, "http://localhost").pathname;
  const user = request.currentUser;
  return html`<header class="site-header">
      <p class="brand"><span>Cinder</span> demo</p>
      <nav class="site-nav" aria-label="Pages">
        ${SITE_PAGES.map((page) => html`<a ${linkTo(page.path)} aria-current=${page.path === currentPath ? "page" : false}>${page.label}</a>`)}
      </nav>
      ${user
        ? html`<div class="who">
            <span>Signed in as <strong id="current-user">${user.name}</strong></span>
            <form method="post" action="/sign-out"><button type="submit" class="sign-out">Sign out</button></form>
          </div>`
        : html`<div class="who"><a href="/">Sign in</a></div>`}
    </header>`;
}
