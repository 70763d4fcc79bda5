/** An error as the dev server sends it (the server's ReportedError). */
export interface OverlayError {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly frame?: string;
  readonly context?: string;
}

const TAG = "cinder-error-overlay";

const STYLE = `
  :host { position: fixed; inset: 0; z-index: 2147483647; display: block; }
  .backdrop { position: absolute; inset: 0; background: rgba(12, 10, 9, .66); backdrop-filter: blur(2px); }
  .panel { position: relative; box-sizing: border-box; margin: 4vh auto; width: min(60rem, calc(100vw - 1.5rem)); max-height: 92vh; overflow: auto;
    background: #1c1917; color: #f5f5f4; border-top: 4px solid #ef4444; border-radius: .5rem; padding: 1.25rem 1.5rem;
    font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 20px 50px rgba(0,0,0,.5); }
  .context { color: #fb923c; font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
  h1 { font-size: 1.15rem; margin: .3rem 0 .75rem; color: #fca5a5; overflow-wrap: anywhere; white-space: pre-wrap; }
  .file { color: #a8a29e; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
  pre { margin: .75rem 0 0; padding: .75rem 1rem; background: #0c0a09; border-radius: .375rem; overflow-x: auto;
    font: 12.5px/1.55 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre; }
  .frame .hit { color: #fca5a5; }
  details { margin-top: .75rem; color: #d6d3d1; }
  summary { cursor: pointer; }
  .hint { color: #a8a29e; font-size: .8rem; margin-top: 1rem; }
  button { position: absolute; top: .75rem; right: .75rem; background: none; border: 0; color: #a8a29e; font-size: 1.25rem; cursor: pointer; }
`;

/** Shows (or replaces) the overlay: what failed, where, the source around it, the stack. */
export function showOverlay(error: OverlayError): void {
  hideOverlay();
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  const backdrop = element("div", "backdrop");
  const panel = element("div", "panel");
  panel.setAttribute("role", "alertdialog");
  panel.setAttribute("aria-label", `${error.name}: ${error.message}`);
  panel.append(element("div", "context", `${error.name}${error.context === undefined ? "" : ` while ${error.context}`}`), element("h1", undefined, error.message));
  if (error.file !== undefined) panel.append(element("div", "file", `${error.file}${error.line === undefined ? "" : `:${error.line}`}${error.column === undefined ? "" : `:${error.column}`}`));
  if (error.frame !== undefined) {
    const frame = element("pre", "frame");
    for (const line of error.frame.split("\n")) frame.append(element("span", line.startsWith(">") ? "hit" : undefined, `${line}\n`));
    panel.append(frame);
  }
  const details = element("details");
  details.append(element("summary", undefined, "Stack"), element("pre", "stack", error.stack));
  if (error.frame === undefined) details.open = true;
  const close = element("button", undefined, "×");
  close.setAttribute("aria-label", "Close (the overlay comes back with the next error)");
  close.addEventListener("click", hideOverlay);
  panel.append(details, element("div", "hint", "Fix the code and save: this goes away by itself."), close);
  root.append(style, backdrop, panel);
  document.documentElement.append(host);
}

export function hideOverlay(): void {
  for (const overlay of document.querySelectorAll(TAG)) overlay.remove();
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
