import { Socket } from "phoenix";
import { LiveSocket } from "phoenix_live_view";
import { csrfToken, hooks } from "./browser-hooks.js";

const liveSocket = new LiveSocket("/live", Socket, { params: { _csrf_token: csrfToken() }, hooks, reconnectAfterMs: () => 200 } as never);
liveSocket.connect();
(window as unknown as { liveSocket: unknown }).liveSocket = liveSocket;
