/*
 * The live pages' script with the official clients swapped in (`createDemoApp({ liveClient:
 * "official" })`), written like the app.js of a generated Phoenix 1.8 app — without
 * `longPollFallbackMs`, since Cinder serves no long-poll transport (spec §4.b.2).
 *
 * `phoenix` and `phoenix_live_view` are not dependencies of the demo: esbuild resolves them from
 * tests/node_modules (see src/web/browser-bundles.ts); official-clients.d.ts types what is used.
 */
import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { csrfToken, hooks } from "./live-hooks.js";
import { keepSiteNavCurrent } from "./site-nav.js";

const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token: csrfToken() }, hooks });
keepSiteNavCurrent();
liveSocket.connect();

(window as Window & { liveSocket?: unknown }).liveSocket = liveSocket;
