import { isJsonObject, type JsonObject } from "@cinder/protocol";
import type { Channel } from "../channels/channel.js";
import { DiagnosticCode } from "./diagnostics.js";
import type { View } from "./view.js";

/** Server events of a LiveView topic; anything else is reported as unknown. */
const KNOWN_SERVER_EVENTS = new Set(["diff", "redirect", "live_patch", "live_redirect", "phx_reply", "phx_error", "phx_close"]);

/** What a view does with the messages of its `lv:<id>` channel. */
export interface ViewChannelHandlers {
  joined(response: unknown): void;
  /** The join was refused (`response` is `{}` when the reply was not an object) or timed out (`{reason: "timeout"}`). */
  joinFailed(response: JsonObject): void;
  diff(raw: unknown): void;
  redirect(payload: unknown): void;
  liveRedirect(payload: unknown): void;
  livePatch(payload: unknown): void;
  errored(reason: unknown): void;
  closed(reason: unknown): void;
}

/**
 * Opens and joins the `lv:<id>` channel of `view` (spec §3.3) and routes its messages to
 * `handlers`. The channel becomes `view.channel` before it joins.
 *
 * Invariants:
 * - only the view's current channel reaches the handlers: after a forced rejoin, late messages
 *   of the channel it left are dropped;
 * - every handler runs inside `view.guard`, so a throw becomes a diagnostic and a rejoin, never
 *   an uncaught error;
 * - diffs and join replies wait for blocking JS transitions, so a patch cannot cut one short.
 */
export function openViewChannel(view: View, joinPayload: () => JsonObject, handlers: ViewChannelHandlers): Channel {
  const { runtime } = view;
  const channel = runtime.socket.channel(`lv:${view.id}`, joinPayload);
  view.channel = channel;
  channel.onMessage = (event, payload) => {
    if (!KNOWN_SERVER_EVENTS.has(event) && !event.startsWith("chan_reply_")) {
      view.report(DiagnosticCode.unknownServerEvent, `the server sent an unknown event "${event}" on lv:${view.id}; it was ignored`, "internal", { event });
    }
    return payload;
  };
  const current = (run: () => void) => () => {
    if (view.channel === channel) run();
  };
  channel.on("diff", (raw) => runtime.afterTransitions(() => view.guard("diff", current(() => handlers.diff(raw)))));
  channel.on("redirect", (payload) => view.guard("redirect", current(() => handlers.redirect(payload))));
  channel.on("live_redirect", (payload) => view.guard("live_redirect", current(() => handlers.liveRedirect(payload))));
  channel.on("live_patch", (payload) => view.guard("live_patch", current(() => handlers.livePatch(payload))));
  channel.onError((reason) => view.guard("channel error", current(() => handlers.errored(reason))));
  channel.onClose((reason) => view.guard("channel close", current(() => handlers.closed(reason))));
  channel
    .join()
    .receive("ok", (response) => runtime.afterTransitions(() => view.guard("join reply", current(() => handlers.joined(response)))))
    .receive("error", (response) => view.guard("join error", current(() => handlers.joinFailed(isJsonObject(response) ? response : {}))))
    .receive("timeout", () => view.guard("join timeout", current(() => handlers.joinFailed({ reason: "timeout" }))));
  return channel;
}
