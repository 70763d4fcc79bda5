import { html, js, type Flash, type Template } from "@cinder/server";
import { icon } from "./icon.js";

/** One flash message with a close button (the built-in `lv:clear-flash` event removes it on the server). */
export function flash(kind: "info" | "error", message: string | undefined): Template | "" {
  if (message === undefined || message === "") return "";
  return html`<div id=${`flash-${kind}`} class=${["flash", `flash-${kind}`]} role=${kind === "error" ? "alert" : "status"}>
    ${icon(kind === "error" ? "exclamation-circle" : "information-circle")}
    <p>${message}</p>
    <button type="button" class="flash-close" phx-click="lv:clear-flash" phx-value-key=${kind} aria-label="Close">${icon("x-mark")}</button>
  </div>`;
}

/** A connection flash: hidden until the client's connection classes say the page lost its server. */
function connectionFlash(id: string, title: string, errorClass: string): Template {
  return html`<div id=${id} class="flash flash-error" role="alert" hidden
    phx-disconnected=${js().show({ to: `.${errorClass} #${id}` }).toString()}
    phx-connected=${js().hide({ to: `#${id}` }).toString()}>
    ${icon("arrow-path", "icon-spin")}
    <p><strong>${title}</strong> Attempting to reconnect…</p>
  </div>`;
}

/**
 * The flash area of every page: the view's info and error flashes, and — as in Phoenix — two
 * that appear by themselves when the connection drops (`phx-client-error`: the browser lost the
 * network; `phx-server-error`: the server is restarting or crashed) and go once it is back.
 */
export function flashGroup(flashes: Flash): Template {
  return html`<div class="flash-group" aria-live="polite">
    ${flash("info", flashes["info"])}
    ${flash("error", flashes["error"])}
    ${connectionFlash("client-error", "We can't find the internet.", "phx-client-error")}
    ${connectionFlash("server-error", "Something went wrong!", "phx-server-error")}
  </div>`;
}
