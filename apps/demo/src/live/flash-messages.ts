import { html, type Flash, type Template } from "@cinder/server";

/**
 * The flash of a live page (`socket.putFlash`), as a function component every view renders.
 * The close button sends the built-in `lv:clear-flash` event.
 */
export function flashMessages(flash: Flash): Template {
  return html`${Object.entries(flash).map(
    ([kind, message]) => html`<div id=${`flash-${kind}`} class=${["flash", `flash-${kind}`]} role=${kind === "error" ? "alert" : "status"}>
        <span>${message}</span>
        <button type="button" phx-click="lv:clear-flash" phx-value-key=${kind} aria-label="Dismiss">×</button>
      </div>`,
  )}`;
}
