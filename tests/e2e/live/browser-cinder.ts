import { LiveSocket } from "@cinder/client";
import { csrfToken, hooks } from "./browser-hooks.js";

const liveSocket = new LiveSocket("/live", { params: { _csrf_token: csrfToken() }, hooks, reconnectAfterMs: () => 200 });
liveSocket.connect();
(window as unknown as { liveSocket: unknown }).liveSocket = liveSocket;
