// The browser side of the app: connects the LiveSocket that makes server-rendered pages live.
// `cinder dev` rebuilds this file on save and reloads open pages; `cinder build` minifies it.
import { LiveSocket } from "@cinder/client";

const csrfToken = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";

const liveSocket = new LiveSocket("/live", {
  params: { _csrf_token: csrfToken },
  // Hooks connect DOM elements with code of yours: <div phx-hook="Chart">. See the client README.
  hooks: {},
});

// A thin progress bar at the top of the page during live navigation and form submits.
const topbar = document.getElementById("topbar");
let showTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener("phx:page-loading-start", () => {
  // Fast navigations do not flash the bar.
  showTimer ??= setTimeout(() => topbar?.classList.add("is-loading"), 120);
});
window.addEventListener("phx:page-loading-stop", () => {
  clearTimeout(showTimer);
  showTimer = undefined;
  topbar?.classList.remove("is-loading");
});

liveSocket.connect();

// For the browser console: liveSocket.disconnect() / .connect() to try the reconnect flashes.
declare global {
  interface Window {
    liveSocket: LiveSocket;
  }
}
window.liveSocket = liveSocket;
