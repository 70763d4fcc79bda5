import { describeValue } from "./describe-value.js";

/**
 * Messages of the channel server: plugin options, sockets, channels and the callbacks they run.
 * Part of the package's one error registry (`error-registry.ts`); each returns the full
 * sentence, fix included.
 */
export const channelMessages = {
  // Plugin options (thrown by app.register).
  CINDER_PLUGIN_INVALID_SOCKETS: (value: unknown) =>
    `sockets must be an object mapping mount paths to socket definitions, e.g. { "/socket": UserSocket }; got ${describeValue(value)}.`,
  CINDER_PLUGIN_INVALID_SOCKET_PATH: (path: string) =>
    `Socket path ${JSON.stringify(path)} is not valid: it must start with "/", must not end with "/" or "/websocket", and must not contain "?" or "#" (for example "/socket"; clients then connect to "/socket/websocket").`,
  CINDER_PLUGIN_DUPLICATE_SOCKET_PATH: (path: string) =>
    `A socket is already mounted at ${JSON.stringify(path)}. Mount each path once, or pick another path for the second socket.`,
  CINDER_PLUGIN_INVALID_SOCKET_DEFINITION: (path: string) =>
    `The socket definition for ${JSON.stringify(path)} needs a "channels" object mapping topic patterns to channels, e.g. defineSocket({ channels: { "room:*": RoomChannel } }).`,
  CINDER_PLUGIN_INVALID_CHANNEL_DEFINITION: (path: string, pattern: string) =>
    `The channel for topic pattern ${JSON.stringify(pattern)} of socket ${JSON.stringify(path)} needs a join(topic, payload, socket) function; build it with defineChannel({ join… }).`,
  CINDER_PLUGIN_INVALID_LIMIT: (name: string, value: unknown) =>
    `limits.${name} must be a positive integer, got ${String(value)}. Leave it out to use the default.`,
  CINDER_PLUGIN_UNKNOWN_LIMIT: (name: string) =>
    `limits.${name} is not a known limit. The limits are maxFrameBytes, maxChannelsPerSocket, maxQueuedBytes and idleTimeoutMs.`,
  CINDER_PLUGIN_INVALID_CHECK_ORIGIN: (value: unknown) =>
    `checkOrigin must be true, false, an array of origins (such as "https://example.com" or "//example.com") or a function (origin, request) => boolean; got ${describeValue(value)}.`,
  CINDER_PLUGIN_INVALID_PUBSUB: () =>
    `pubsub must implement the PubSub interface (subscribe, broadcast, broadcastFrom, close). Leave it out to use the in-process LocalPubSub.`,

  // Channel API misuse (thrown into the calling callback, which then crashes its channel).
  CINDER_CHANNEL_RESERVED_EVENT: (event: string) =>
    `"${event}" is a protocol event and cannot be pushed or broadcast. Use an application event name without the "phx_" prefix.`,
  CINDER_CHANNEL_INVALID_PAYLOAD: (event: string) =>
    `The payload of "${event}" must be a plain JSON object or a Uint8Array; wrap other values, e.g. { value: 42 }.`,
  CINDER_CHANNEL_INVALID_TOPIC: (topic: unknown) =>
    `A topic must be a non-empty string, got ${JSON.stringify(topic)}.`,
  CINDER_CHANNEL_DEFER_REPLY_OUTSIDE_HANDLE_IN: (topic: string) =>
    `deferReply() was called outside handleIn on channel "${topic}". Call it while handling the client push it answers, keep the returned function, and call that later.`,
  CINDER_CHANNEL_DEFER_REPLY_TWICE: (topic: string) =>
    `A deferred reply on channel "${topic}" was sent twice. Each client push gets one reply; call the function returned by deferReply() once.`,
  CINDER_CHANNEL_NO_HANDLE_IN: (topic: string, event: string) =>
    `Channel "${topic}" received "${event}" but its definition has no handleIn. Add handleIn(event, payload, socket) to the channel definition.`,
  CINDER_CHANNEL_INVALID_JOIN_RESULT: (topic: string, value: unknown) =>
    `join of channel "${topic}" must return ok(...) or error({ reason }) (possibly from a promise), got ${describeValue(value)}.`,
  CINDER_CHANNEL_INVALID_RESULT: (topic: string, callback: string, value: unknown) =>
    `${callback} of channel "${topic}" returned ${describeValue(value)}; return nothing, a reply built with ok()/error()/reply(), or stop(). (handleInfo and handleOut may only return nothing or stop()).`,
  CINDER_CHANNEL_BINARY_FIELD_TOO_LONG: (topic: string) =>
    `A binary frame for channel "${topic}" could not be encoded: topic, event, ref and status must each be at most 255 bytes in binary frames. Use shorter names or a JSON payload.`,

  // Logged, never thrown.
  CINDER_USER_CALLBACK_FAILED: (callback: string, owner: string, reason: string) =>
    `${callback} of ${owner} failed: ${reason}`,
  CINDER_CHANNEL_UNHANDLED_INFO: (topic: string) =>
    `Channel "${topic}" received a message but has no handleInfo; the message was dropped. Add handleInfo(message, socket) to the channel definition.`,
  CINDER_SOCKET_MALFORMED_FRAME: (decodeCode: string, reason: string) =>
    `Closed a connection that sent a malformed frame (${decodeCode}): ${reason}`,
  CINDER_SOCKET_FRAME_TOO_BIG: (maxFrameBytes: number) =>
    `Closed a connection that sent a frame larger than limits.maxFrameBytes (${maxFrameBytes} bytes). Raise the limit if such frames are legitimate.`,
  CINDER_SOCKET_SLOW_CONSUMER: (queuedBytes: number, maxQueuedBytes: number) =>
    `Closed a connection that had ${queuedBytes} unsent bytes queued, more than limits.maxQueuedBytes (${maxQueuedBytes}); the client reads too slowly.`,
  CINDER_SOCKET_CONNECT_FAILED: (path: string) =>
    `The connect (or id) callback of socket "${path}" threw; the upgrade was answered with HTTP 500. Return false from connect to refuse a client instead of throwing.`,
  CINDER_SOCKET_UPGRADE_REFUSED: (path: string, status: number, reason: string) =>
    `Refused a WebSocket upgrade on "${path}" with HTTP ${status}: ${reason}`,
} as const;
