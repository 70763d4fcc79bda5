import { html, type Flash, type Template } from "@cinder/server";
import { flashGroup } from "../components/core-components.js";
import { APP_NAME } from "../config.js";

/** The flame mark in the header (drawn for this app). */
const LOGO = html`<svg class="logo" viewBox="0 0 32 32" aria-hidden="true"><path fill="currentColor" d="M16 2c1 5-4 8-4 13a4 4 0 0 0 8 0c0-2-1-3-1-5 4 2 7 6 7 11a10 10 0 0 1-20 0C6 13 14 9 16 2z"/></svg>`;

/**
 * The chrome of every page — header, flash messages, content. Views call it from `render`, so
 * that a flash put during an event shows at once (the root layout is not re-rendered live).
 */
export function appLayout(inner: Template, options: { readonly flash: Flash }): Template {
  return html`<div class="app">
    <header class="site-header">
      <a class="brand" href="/">${LOGO}<span>${APP_NAME}</span></a>
      <nav class="site-nav" aria-label="Main">
        <a href="/">Home</a>
      </nav>
    </header>
    <main class="content">
      ${flashGroup(options.flash)}
      ${inner}
    </main>
  </div>`;
}
