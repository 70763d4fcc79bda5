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
export { sign, verify } from "./token/signed-token.js";
export { encrypt, decrypt } from "./token/encrypted-token.js";
export { TokenError } from "./token/token-errors.js";
export type { TokenErrorCode } from "./token/token-errors.js";
export type { TokenSecret, TokenResult, TokenFailureReason, TokenTime, TokenIssueOptions, TokenCheckOptions } from "./token/token-types.js";
