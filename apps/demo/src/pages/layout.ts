import type { FastifyRequest } from "fastify";
import { html, renderToString, safe, type Template } from "@cinder/server";
import { jsonForScript } from "../web/script-json.js";
import { siteHeader } from "./site-header.js";
import { styles } from "./styles.js";

/**
 * Scripts may only come from this origin or carry the page's nonce, so even markup injected by a
 * bug could not run. WebSocket connections to this origin are covered by `connect-src 'self'`.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The layout of the chat and sign-in pages (the live pages have theirs in src/live). For a signed-in user it sets `window.userToken` (and `window.currentUser`) in an
 * inline script, as in the seed; the values are JSON with `<`, `>` and `&` escaped, so a hostile
 * name or token cannot end the script element.
 */
export function renderLayout(request: FastifyRequest, title: string, content: Template): string {
  const user = request.currentUser;
  const pageGlobals = user
    ? html`<script nonce="${request.cspNonce}">
      window.userToken = ${safe(jsonForScript(request.userToken))};
      window.currentUser = ${safe(jsonForScript({ id: user.id, name: user.name }))};
    </script>
    <script type="module" src="/assets/chat.js"></script>`
    : "";
  return renderToString(html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="icon" href="data:,">
    <style>${safe(styles)}</style>
  </head>
  <body>
    ${siteHeader(request)}
    ${content}
    ${pageGlobals}
  </body>
</html>
`);
}
