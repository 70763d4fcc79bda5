import { html, safe, type LiveLayout, type LiveTitleOptions } from "@cinder/server";
import { siteHeader } from "../pages/site-header.js";
import { styles } from "../pages/styles.js";

/** `document.title` of a live page is `<the view's pageTitle> · Cinder demo` (the client keeps it up to date). */
export const LIVE_TITLE: LiveTitleOptions = { default: "Cinder demo", suffix: " · Cinder demo" };

/** Where the demo serves the LiveSocket bundle (src/web/browser-bundles.ts). */
export const LIVE_SCRIPT_PATH = "/assets/live.js";

/**
 * The root layout of the live pages: the csrf meta tag the LiveSocket sends back, the title the
 * client updates, the shared header and styles, and the client script — external, with the
 * page's CSP nonce (the policy allows no inline script and the templates carry no inline
 * handlers: `phx-*` attributes are data, not code).
 */
export const liveLayout: LiveLayout = (page) => html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="csrf-token" content=${page.csrfToken}>
    <link rel="icon" href="data:,">
    ${page.titleTag}
    <style>${safe(styles)}</style>
    <script defer phx-track-static type="module" nonce=${page.request.cspNonce} src=${LIVE_SCRIPT_PATH}></script>
  </head>
  <body>
    ${siteHeader(page.request, page.linkTo)}
    ${page.inner}
  </body>
</html>
`;
