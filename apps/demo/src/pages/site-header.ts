import type { FastifyRequest } from "fastify";
import { html, type Template } from "@cinder/server";

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

/**
 * The bar on top of every page: the navigation (plain links: each page is its own document,
 * rendered with the layout around it) and who is signed in. Shared by the chat's layout and the
 * live pages' layout.
 */
export function siteHeader(request: FastifyRequest): Template {
  const currentPath = new URL(request.url, "http://localhost").pathname;
  const user = request.currentUser;
  return html`<header class="site-header">
      <p class="brand"><span>Cinder</span> demo</p>
      <nav class="site-nav" aria-label="Pages">
        ${SITE_PAGES.map((page) => html`<a href="${page.path}" aria-current=${page.path === currentPath ? "page" : false}>${page.label}</a>`)}
      </nav>
      ${user
        ? html`<div class="who">
            <span>Signed in as <strong id="current-user">${user.name}</strong></span>
            <form method="post" action="/sign-out"><button type="submit" class="sign-out">Sign out</button></form>
          </div>`
        : html`<div class="who"><a href="/">Sign in</a></div>`}
    </header>`;
}
