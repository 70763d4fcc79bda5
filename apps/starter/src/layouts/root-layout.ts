import { html, type LivePage, type Template } from "@cinder/server";

/**
 * The HTML document around every page, rendered once per HTTP request (cinderLive's `layout`).
 * What changes while the page is live — the header's flash, the content — lives in the view's
 * render instead (`appLayout`), because only the view is re-rendered over the socket.
 */
export function rootLayout(page: LivePage, assets: { url(name: string): string }): Template {
  return html`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="csrf-token" content=${page.csrfToken}>
    ${page.titleTag}
    <link rel="icon" href="/favicon.svg" type="image/svg+xml">
    <link rel="stylesheet" href=${assets.url("app.css")}>
    <script type="module" src=${assets.url("app.js")}></script>
  </head>
  <body>
    <div id="topbar" aria-hidden="true"></div>
    ${page.inner}
  </body>
</html>`;
}
