/*
 * The live pages' script (the default): Cinder's own LiveSocket. Bundled by the demo server at
 * start (src/web/browser-bundles.ts) and served at /assets/live.js.
 */
import { LiveSocket } from "@cinder/client";
import { csrfToken, hooks } from "./live-hooks.js";
import { keepSiteNavCurrent } from "./site-nav.js";

const liveSocket = new LiveSocket("/live", { params: { _csrf_token: csrfToken() }, hooks });
keepSiteNavCurrent();
liveSocket.connect();

// For the browser console, as in a generated Phoenix app: `liveSocket.disconnect()` and so on.
(window as Window & { liveSocket?: LiveSocket }).liveSocket = liveSocket;
