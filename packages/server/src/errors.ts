/**
 * The error registry of @cinder/server: every error a user can cause, thrown or logged, has a
 * stable code here and a message that says what to do. Codes are never reused or renamed; a
 * retired code stays listed so that old logs keep their meaning.
 *
 * Thrown errors are `CinderServerError`s (API misuse); logged events carry `{ code }` in the
 * log record so they can be searched and counted.
 */
export class CinderServerError extends Error {
  readonly code: ServerErrorCode;

  constructor(code: ServerErrorCode, message: string) {
    super(message);
    this.name = "CinderServerError";
    this.code = code;
  }
}

const HOW_TO_GENERATE_SECRET =
  "Generate one with `node -e \"console.log(require('node:crypto').randomBytes(48).toString('base64url'))\"` " +
  "(or `openssl rand -base64 48`) and pass it in, for example from the SECRET_KEY_BASE environment variable.";

/** Message templates, keyed by code. Each returns the full sentence, fix included. */
const templates = {
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
  CINDER_PUBSUB_HANDLER_FAILED: (topic: string) =>
    `A PubSub subscriber of topic "${topic}" threw; the other subscribers still received the message.`,

  // Token API misuse (sign/verify/encrypt/decrypt). A bad token is a `{ ok: false, reason }` result, never a throw.
  CINDER_TOKEN_SECRET_MISSING: () =>
    `A token secret is required: pass a string of at least 32 bytes, or a non-empty list of them for rotation. ${HOW_TO_GENERATE_SECRET}`,
  CINDER_TOKEN_SECRET_TOO_SHORT: (byteLength: number) =>
    `The token secret is ${byteLength} bytes long; at least 32 are required so that tokens cannot be forged by guessing it. ${HOW_TO_GENERATE_SECRET}`,
  CINDER_TOKEN_SALT_NOT_STRING: () =>
    `The token salt must be a string naming what the token is for, e.g. "user socket". Use the same salt to sign and to verify.`,
  CINDER_TOKEN_DATA_NOT_JSON: () =>
    `Token data must be JSON-serialisable (strings, numbers, booleans, null, arrays and plain objects). Convert it first, e.g. a bigint to a string.`,
  CINDER_TOKEN_BAD_OPTION: (option: string, expectation: string) => `The token option \`${option}\` ${expectation}.`,

  // PubSub misuse.
  CINDER_PUBSUB_CLOSED: () => `This PubSub was closed; create a new one (or do not close it while the app is running).`,
  CINDER_PUBSUB_UNENCODABLE_MESSAGE: (path: string, what: string) =>
    `PubSub messages travel between nodes, so they must be JSON values with Uint8Array for bytes, but ${path} is ${what}. Convert it first (a Date to an ISO string, a Map to a plain object, a class instance to its fields).`,
  CINDER_PUBSUB_INVALID_REDIS_CLIENT: (value: unknown) =>
    `RedisPubSub needs an ioredis client (or one with the same status, publish, subscribe, unsubscribe, duplicate, on, off, quit and disconnect), e.g. new RedisPubSub(new Redis(process.env.REDIS_URL)); got ${describeValue(value)}.`,
  CINDER_PUBSUB_INVALID_PREFIX: (value: unknown) =>
    `The RedisPubSub prefix must be a string naming this app's channels, e.g. "myapp:" (default "cinder:"); got ${describeValue(value)}.`,

  // Logged by RedisPubSub, never thrown.
  CINDER_PUBSUB_REDIS_UNAVAILABLE: (connection: string, reason: string) =>
    `Lost the Redis ${connection} connection (${reason}). Until it is back, this node delivers its own broadcasts to its own subscribers only: other nodes miss them and it misses theirs. The Redis client reconnects by itself; logged once per outage.`,
  CINDER_PUBSUB_REDIS_RESTORED: (topics: number, dropped: number) =>
    `Redis is reachable again: resubscribed ${topics} topic(s); ${dropped} broadcast(s) made during the outage reached this node only.`,
  CINDER_PUBSUB_REDIS_MALFORMED_MESSAGE: (channel: string, reason: string) =>
    `Dropped a message on Redis channel ${JSON.stringify(channel)} that is not a Cinder PubSub message (${reason}). Something else publishes on this app's channels: give the app a prefix of its own (new RedisPubSub(client, { prefix: "myapp:" })). Logged once per topic.`,
} as const;

export type ServerErrorCode = keyof typeof templates;

type TemplateArguments<Code extends ServerErrorCode> = Parameters<(typeof templates)[Code]>;

/** The message of `code`, filled in. */
export function errorMessage<Code extends ServerErrorCode>(code: Code, ...args: TemplateArguments<Code>): string {
  const template = templates[code] as (...values: unknown[]) => string;
  return template(...args);
}

/** A `CinderServerError` for `code`, ready to throw. */
export function serverError<Code extends ServerErrorCode>(code: Code, ...args: TemplateArguments<Code>): CinderServerError {
  return new CinderServerError(code, errorMessage(code, ...args));
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return `an object with keys [${Object.keys(value).slice(0, 5).join(", ")}]`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}
