import type { FastifyRequest } from "fastify";
import { html, renderToString, safe, type Template } from "@cinder/server";
import { jsonForScript } from "../web/script-json.js";

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
 * The root layout. For a signed-in user it sets `window.userToken` (and `window.currentUser`) in an
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
    <style>${safe(styles)}</style>
  </head>
  <body>
    ${content}
    ${pageGlobals}
  </body>
</html>
`);
}

const styles = `
  :root { color-scheme: light; --accent: #d9480f; --ink: #1f2328; --muted: #656d76; --line: #e5e7eb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: .75rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 1.1rem; } header h1 span { color: var(--accent); }
  .who { display: flex; align-items: center; gap: .75rem; color: var(--muted); }
  .who strong { color: var(--ink); }
  main { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 1.25rem; }
  button { font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 8px; padding: .4rem .8rem; cursor: pointer; }
  button.primary, button[type=submit] { background: var(--accent); border-color: var(--accent); color: #fff; }
  button:disabled { opacity: .5; cursor: default; }
  input { font: inherit; padding: .45rem .6rem; border: 1px solid #cfd4da; border-radius: 8px; min-width: 0; }
  .rooms { display: flex; gap: .5rem; margin-bottom: .75rem; }
  .rooms button[aria-pressed=true] { border-color: var(--accent); color: var(--accent); font-weight: 600; }
  #status { min-height: 1.5rem; margin: 0 0 .5rem; color: var(--muted); }
  #status[data-state=refused], #status[data-state=error] { color: #b42318; font-weight: 600; }
  #messages { list-style: none; margin: 0 0 .75rem; padding: 0; height: 22rem; overflow-y: auto; border: 1px solid var(--line); border-radius: 8px; background: #fbfbfc; }
  #messages li { padding: .4rem .75rem; border-bottom: 1px solid #f0f1f3; overflow-wrap: anywhere; }
  #messages li.mine .author { color: var(--accent); }
  #messages time { color: var(--muted); font-size: .8rem; font-variant-numeric: tabular-nums; margin-right: .5rem; }
  #messages .author { font-weight: 600; margin-right: .4rem; }
  #composer, .sign-in { display: flex; gap: .5rem; } #composer input, .sign-in input { flex: 1; }
  .error-text { color: #b42318; }
`;
