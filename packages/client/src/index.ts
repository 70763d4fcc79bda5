/**
 * @cinder/client — Cinder's browser client. This file is its whole public API.
 *
 * - Channels: `Socket`, `Channel` and `Push`, behaving like the official `phoenix` 1.8 client,
 *   in pages and in Node.
 * - LiveView: `LiveSocket` makes the server-rendered LiveViews of a page live; hooks are
 *   `Hook` objects or `ViewHook` classes.
 * - JS commands: what `phx-*` attributes run when they hold a command list instead of an event
 *   name; `runJsCommands` and `createJsCommands` run them outside a LiveSocket.
 *
 * The export order below is the order modules land in a bundle, which moves an app bundle's
 * gzipped size by a few hundred bytes: measure with `tests/bench/bundle-size.mjs` before
 * reordering.
 *
 * @example
 * ```ts
 * import { LiveSocket, Socket } from "@cinder/client";
 *
 * const csrfToken = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
 * new LiveSocket("/live", { params: { _csrf_token: csrfToken } }).connect();
 *
 * const socket = new Socket("/socket", { params: { token } });
 * socket.connect();
 * const channel = socket.channel("room:lobby");
 * channel.join().receive("ok", () => channel.push("new_msg", { body: "hi" }));
 * ```
 */

// Channels
export { Socket } from "./channels/socket.js";
export type { SocketOptions } from "./channels/socket-options.js";
export type { IncomingDecodeError } from "./channels/wire.js";
export type { SocketErrorCallback } from "./channels/state-callbacks.js";
export { Channel } from "./channels/channel.js";
export type {
  ChannelParams,
  ChannelCallback,
  ChannelCloseCallback,
  ChannelErrorCallback,
  ChannelMessageHook,
} from "./channels/channel.js";
export { Push } from "./channels/push.js";
export type { ReceiveStatus, ReceiveCallback } from "./channels/push.js";
export type { SocketParams } from "./channels/endpoint-url.js";
export type { Logger, LogKind } from "./channels/logger.js";
export type {
  WebSocketLike,
  WebSocketConstructor,
  TransportCloseEvent,
  TransportMessageEvent,
} from "./channels/transport.js";
export type { OutgoingPayload, IncomingPayload, ReplyResponse, ReplyPayload, SocketMessage } from "./channels/types.js";

// Errors: what misuse of the API throws
export { CinderClientError, ClientErrorCode } from "./errors.js";

// JS commands (`phx-click='[["push",…],["hide",…]]'`); build them with `js()` from @cinder/protocol
export { runJsCommands } from "./js/run-js-commands.js";
export type { RunJsCommandsOptions } from "./js/run-js-commands.js";
export { createJsCommands } from "./js/js-imperative.js";
export type { JsCommandsApi } from "./js/js-imperative.js";
export type { JsCommandHost, PushCommand } from "./js/js-command-host.js";
// … and what a runtime of your own needs around them (the LiveSocket uses the same functions)
export { reapplyJsState } from "./js/js-sticky-state.js";
export { afterJsTransitions, hasBlockingJsTransitions } from "./js/js-transitions.js";
export { dropFocusStackEntriesWithin } from "./js/js-focus.js";

// LiveView: `new LiveSocket("/live", { params, hooks }).connect()`
export { LiveSocket } from "./live/live-socket.js";
export type { LiveSocketOptions, EventMetadata } from "./live/live-socket-options.js";
export { ViewHook } from "./hooks/view-hook.js";
export type { Hook, HookDefinition, HookEventTarget, HookEventReply, HookReplyCallback, HandleEventRef } from "./hooks/view-hook.js";
export type { NavigationDetail } from "./live/navigation.js";
export type { PageLoadingInfo } from "./live/runtime.js";

// Diagnostics: one window event for the LiveView runtime and JS commands
export { DIAGNOSTIC_EVENT } from "./diagnostic-event.js";
export { DiagnosticCode as LiveDiagnosticCode } from "./live/diagnostics.js";
export type { LiveViewDiagnostic, DiagnosticAttribution, DiagnosticLevel } from "./live/diagnostics.js";
export { JsDiagnosticCode, JS_DIAGNOSTIC_EVENT } from "./js/js-diagnostics.js";
export type { JsDiagnosticDetail } from "./js/js-diagnostics.js";

// Presence: who is on a channel's topic, from `presence_state` and `presence_diff`
export { Presence } from "./presence/presence.js";
export type { PresenceOptions, PresenceChannel } from "./presence/presence.js";
export type {
  PresenceState,
  PresenceEntry,
  PresenceMeta,
  PresenceMetaRefs,
  PresenceDiff,
  PresenceJoinCallback,
  PresenceLeaveCallback,
} from "./presence/presence-state.js";
