/**
 * What `cinder dev` adds to every page: a channel to the dev server that swaps stylesheets,
 * reloads the page after client code changed, and shows the error overlay. The app's own
 * LiveSocket is not touched — after a server restart it reconnects and rejoins by itself.
 */
import { Socket } from "@cinder/client";
import { hideOverlay, showOverlay, type OverlayError } from "./error-overlay.js";

const TOPIC = "cinder:live_reload";

const socket = new Socket("/__cinder/dev/socket", { reconnectAfterMs: (tries) => Math.min(100 * tries, 1_000) });
socket.connect();
const channel = socket.channel(TOPIC);

channel.on<{ files: string[] }>("css", ({ files }) => swapStylesheets(files));
channel.on("reload", () => window.location.reload());
channel.on<{ error: OverlayError }>("error", ({ error }) => showOverlay(error));
channel.on("clear", () => {
  // A page that was served while the app was down is not the app's page: load it again.
  if (document.documentElement.hasAttribute("data-cinder-dev-down")) window.location.reload();
  else hideOverlay();
});
channel.join().receive<{ error?: OverlayError }>("ok", (reply) => {
  if (reply.error !== undefined) showOverlay(reply.error);
  else if (document.documentElement.hasAttribute("data-cinder-dev-down")) window.location.reload();
});

/**
 * Loads the new stylesheet next to the old one and removes the old one once the new one has
 * loaded, so the page never shows unstyled for a frame.
 */
function swapStylesheets(files: readonly string[]): void {
  const links = document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"][href^="/assets/"]');
  for (const link of links) {
    const path = new URL(link.href).pathname.slice("/assets/".length);
    if (!files.includes(path)) continue;
    const next = link.cloneNode() as HTMLLinkElement;
    next.href = `/assets/${path}?t=${Date.now()}`;
    next.addEventListener("load", () => link.remove(), { once: true });
    next.addEventListener("error", () => next.remove(), { once: true });
    link.after(next);
  }
}
