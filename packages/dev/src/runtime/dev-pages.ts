import type { EndpointRoutes } from "@cinder/server";
import { escapeHtml } from "@cinder/server";
import type { ReportedError } from "./dev-server-link.js";
import type { HttpRoute } from "./http-routes.js";


const STYLE = `
  :root { color-scheme: light dark; --bg: #fbfaf9; --fg: #1c1917; --muted: #78716c; --line: #e7e5e4; --accent: #ea580c; --code: #f5f5f4; --bad: #dc2626; }
  @media (prefers-color-scheme: dark) { :root { --bg: #1c1917; --fg: #f5f5f4; --muted: #a8a29e; --line: #44403c; --code: #292524; --bad: #f87171; } }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
  main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
  .tag { display: inline-block; font-size: .75rem; letter-spacing: .05em; text-transform: uppercase; color: var(--accent); font-weight: 600; }
  h1 { font-size: 1.5rem; margin: .25rem 0 1rem; overflow-wrap: anywhere; }
  h2 { font-size: 1rem; margin: 2rem 0 .5rem; }
  p { color: var(--muted); overflow-wrap: anywhere; }
  pre { background: var(--code); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; overflow-x: auto; font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
  pre.frame b { color: var(--bad); font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  .table { overflow-x: auto; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 500; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
  .hint { font-size: .85rem; }
`;

function document(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The development 500 page: what failed, where in the app's code (file, line, the source around
 * it) and the whole stack with its causes. Never used in production, where it would hand the
 * internals to anyone.
 */
export function devErrorPage(error: ReportedError, request: { method: string; url: string }): string {
  const where = error.file === undefined ? "" : `<p><code>${escapeHtml(error.file)}:${error.line ?? "?"}:${error.column ?? "?"}</code></p>`;
  const frame = error.frame === undefined ? "" : `<pre class="frame">${highlightFailingLine(error.frame)}</pre>`;
  return document(
    `${error.name}: ${error.message}`,
    `<span class="tag">${escapeHtml(error.context ?? `${request.method} ${request.url}`)} failed</span>
    <h1>${escapeHtml(error.name)}: ${escapeHtml(error.message)}</h1>${where}${frame}
    <h2>Stack</h2><pre>${escapeHtml(error.stack)}</pre>
    <p class="hint">Shown because the app runs in development. In production (<code>cinder start</code>) visitors get the app's own error page and the details go to the log.</p>`,
  );
}

function highlightFailingLine(frame: string): string {
  return frame
    .split("\n")
    .map((line) => (line.startsWith(">") ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)))
    .join("\n");
}

/** The development 404 page: the URL that matched nothing, and every route the app has — like Phoenix's. */
export function devNotFoundPage(request: { method: string; url: string }, routes: { http: readonly HttpRoute[]; cinder: EndpointRoutes | undefined }): string {
  const rows = (cells: ReadonlyArray<readonly string[]>): string =>
    cells.map((row) => `<tr>${row.map((cell) => `<td><code>${escapeHtml(cell)}</code></td>`).join("")}</tr>`).join("");
  const live = routes.cinder?.liveRoutes ?? [];
  const sockets = routes.cinder?.sockets ?? [];
  const liveSection =
    live.length === 0 ? "" : `<h2>Live routes</h2><div class="table"><table><tr><th>path</th><th>view</th><th>live session</th></tr>${rows(live.map((route) => [route.path, route.view, route.liveSession]))}</table></div>`;
  const livePaths = new Set(live.map((route) => route.path));
  const http = routes.http.filter((route) => !livePaths.has(route.url));
  const httpSection = http.length === 0 ? "" : `<h2>HTTP routes</h2><div class="table"><table><tr><th>method</th><th>path</th></tr>${rows(http.map((route) => [route.method, route.url]))}</table></div>`;
  const socketSection =
    sockets.length === 0 ? "" : `<h2>Sockets</h2><div class="table"><table><tr><th>path</th><th>channels</th></tr>${rows(sockets.map((socket) => [`${socket.path}/websocket`, socket.channels.join(", ")]))}</table></div>`;
  return document(
    "Page not found",
    `<span class="tag">404 · no route</span><h1>No route for ${escapeHtml(request.method)} ${escapeHtml(request.url)}</h1>
    <p>These are the routes this app has. Add a page with <code>npx cinder gen live Name</code>, or a route in <code>src/app.ts</code>.</p>
    ${liveSection}${httpSection}${socketSection}
    <p class="hint">Shown because the app runs in development. In production visitors get the app's own 404 page.</p>`,
  );
}
