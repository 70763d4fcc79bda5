/**
 * @cinder/server — the fastify plugin that serves Cinder sockets, channels and LiveViews.
 */
export { defineChannel } from "./channel/channel-definition.js";
export type { ChannelDefinition, ChannelSocket, TerminateReason } from "./channel/channel-definition.js";
export { ok, error, reply, stop } from "./channel/results.js";
export type { Reply, Stop, JoinResult, HandleInResult, HandleInfoResult, MaybePromise } from "./channel/results.js";
export { defineSocket } from "./socket/socket-definition.js";
export type { SocketDefinition, ConnectingSocket, ConnectInfo, ConnectParams } from "./socket/socket-definition.js";
export type { PubSub, PubSubMessage, PubSubHandler, Subscription } from "./pubsub/pubsub.js";
export { LocalPubSub } from "./pubsub/local-pubsub.js";
export type { LocalPubSubOptions } from "./pubsub/local-pubsub.js";
export { cinder } from "./plugin.js";
export type { CinderOptions } from "./plugin.js";
export type { Endpoint } from "./endpoint/endpoint.js";
export type { SocketLimits } from "./socket/socket-limits.js";
export type { CheckOrigin } from "./socket/check-origin.js";
export { Broadcast } from "./channel/broadcast.js";
export { CinderServerError } from "./errors.js";
export type { ServerErrorCode } from "./errors.js";
export type { Logger } from "./logger.js";
export { sign, verify } from "./token/signed-token.js";
export { encrypt, decrypt } from "./token/encrypted-token.js";
export { TokenError } from "./token/token-errors.js";
export type { TokenErrorCode } from "./token/token-errors.js";
export type { TokenSecret, TokenResult, TokenFailureReason, TokenTime, TokenIssueOptions, TokenCheckOptions } from "./token/token-types.js";
