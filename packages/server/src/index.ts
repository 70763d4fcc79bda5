/**
 * @cinder/server — the fastify plugin that serves Cinder sockets, channels and LiveViews.
 *
 * This export list is the package's whole public API; everything else under `src/` is internal
 * (the LiveView runtime's change tracker and stream renders included).
 */
export { defineChannel } from "./channel/channel-definition.js";
export type { ChannelDefinition, ChannelSocket, TerminateReason } from "./channel/channel-definition.js";
export { ok, error, reply, stop } from "./channel/results.js";
export type { Reply, Stop, JoinResult, HandleInResult, HandleInfoResult, MaybePromise } from "./channel/results.js";
export { defineSocket } from "./socket/socket-definition.js";
export type { SocketDefinition, ConnectingSocket, ConnectInfo, ConnectParams } from "./socket/socket-definition.js";
export type { PubSub, PubSubMessage, PubSubHandler, Subscription } from "./pubsub/pubsub.js";
export type { Payload, JsonObject, JsonValue } from "@cinder/protocol";
export { LocalPubSub } from "./pubsub/local-pubsub.js";
export type { LocalPubSubOptions } from "./pubsub/local-pubsub.js";
export { RedisPubSub } from "./pubsub/redis-pubsub.js";
export type { RedisPubSubOptions } from "./pubsub/redis-pubsub.js";
export type { RedisClientLike } from "./pubsub/redis-client.js";
export { cinder } from "./plugin.js";
export type { CinderOptions } from "./plugin.js";
export type { Endpoint, EndpointRoutes } from "./endpoint/endpoint.js";
export type { SocketDescription, LiveRouteDescription } from "./endpoint/endpoint-runtime.js";
export type { SocketLimits } from "./socket/socket-limits.js";
export type { CheckOrigin } from "./socket/check-origin.js";
export { Broadcast } from "./channel/broadcast.js";
export { CinderServerError } from "./errors/error-registry.js";
export type { ServerErrorCode } from "./errors/error-registry.js";
export type { Logger } from "./logger.js";
export { sign, verify } from "./token/signed-token.js";
export { encrypt, decrypt } from "./token/encrypted-token.js";
export type { TokenSecret, TokenResult, TokenFailureReason, TokenTime, TokenIssueOptions, TokenCheckOptions } from "./token/token-types.js";
export { js, JsBuilder } from "@cinder/protocol";
export { html, Template, isTemplate } from "./live/template/template.js";
export { safe, SafeHtml, isSafeHtml } from "./live/template/safe-html.js";
export { escapeHtml } from "./live/template/escape.js";
export { keyed, KeyedList } from "./live/template/keyed.js";
export { component, ComponentCall } from "./live/template/function-component.js";
export type { LiveComponentRef } from "./live/template/live-component-ref.js";
export type { StreamRender, StreamInsertRender } from "./live/template/stream-render.js";
export { renderToString } from "./live/template/render-to-string.js";
export type { RenderToStringOptions } from "./live/template/render-to-string.js";
export { cinderLive } from "./live/live-plugin.js";
export type { CinderLiveOptions } from "./live/live-plugin.js";
export { defineLiveView, LiveView } from "./live/view/live-view.js";
export type {
  LiveViewDefinition,
  AnyLiveView,
  LiveEventHandlers,
  LiveEventResult,
  LiveParams,
  ParamValue,
  LiveSession,
  LiveSessionData,
  Flash,
  LiveBuiltinAssigns,
  RenderAssigns,
  LiveViewTerminateReason,
} from "./live/view/live-view.js";
export type { LiveViewSocket } from "./live/view/live-view-socket.js";
export { liveRender } from "./live/view/live-render.js";
export { liveLink } from "./live/navigation/live-link.js";
export type { LiveLinkTarget, LiveLinkAttributes } from "./live/navigation/live-link.js";
export type { LiveRenderOptions } from "./live/view/live-render.js";
export type { OnMountHook, LiveSessionOptions } from "./live/routes/live-routes.js";
export type { LivePage, LiveLayout, LiveTitleOptions } from "./live/http/page-layout.js";
export { decodeFormValue } from "./live/events/event-payload.js";
export type { LiveEventType } from "./live/events/event-payload.js";
export { LiveViewCallbackError } from "./live/view/view-callbacks.js";
export { defineLiveComponent, liveComponent, LiveComponent } from "./live/components/live-component.js";
export type {
  LiveComponentDefinition,
  LiveComponentEventHandlers,
  LiveComponentRenderAssigns,
  LiveComponentBuiltinAssigns,
  AnyLiveComponent,
  ComponentId,
} from "./live/components/live-component.js";
export type { LiveComponentSocket } from "./live/components/live-component-socket.js";
export type {
  LiveStream,
  LiveStreams,
  LiveStreamOperations,
  StreamOptions,
  StreamInsertOptions,
  StreamItemsOf,
  StreamNameOf,
  StreamItemOf,
} from "./live/streams/live-stream.js";
export { Presence } from "./presence/presence.js";
export type { PresenceSocket, PresenceMetaUpdate } from "./presence/presence.js";
export type { PresenceOptions, PresenceLimits } from "./presence/presence-options.js";
export type { PresenceRedisClient } from "./presence/presence-redis-client.js";
export type { PresenceEntry, PresenceList, PresenceDiff, PresenceRefs, TrackedMeta } from "./presence/presence-types.js";
