/**
 * The whole Phoenix Channels wire vocabulary in one place, so that server and client cannot
 * drift apart. Values are the ones the official `phoenix` 1.8 client sends and expects
 * (shared/spec/phoenix-protocol.md §1).
 */

/** The serializer version both sides speak: V2 JSON arrays plus the binary layouts. */
export const PROTOCOL_VSN = "2.0.0";

/** The path segment a client appends to the socket endpoint for the WebSocket transport. */
export const WEBSOCKET_PATH_SEGMENT = "websocket";

/** Topic reserved for socket-level traffic (heartbeats). */
export const PHOENIX_TOPIC = "phoenix";

/** Events with a protocol meaning; every other event name belongs to the application. */
export const ChannelEvent = {
  join: "phx_join",
  leave: "phx_leave",
  reply: "phx_reply",
  close: "phx_close",
  error: "phx_error",
  heartbeat: "heartbeat",
} as const;
export type ReservedEvent = (typeof ChannelEvent)[keyof typeof ChannelEvent];

const reservedEvents: ReadonlySet<string> = new Set(Object.values(ChannelEvent));
/** True for `phx_join`, `phx_reply`, … — names an application may not push or broadcast. */
export function isReservedEvent(event: string): event is ReservedEvent {
  return reservedEvents.has(event);
}

/** Reply statuses the official clients act on. Any other string is legal on the wire. */
export type ReplyStatus = "ok" | "error" | (string & {});

/** Reasons the server puts in `{reason}` responses; clients match on these strings. */
export const ErrorReason = {
  unmatchedTopic: "unmatched topic",
  tooManyChannels: "too many channels joined",
  joinCrashed: "join crashed",
  channelCrash: "channel_crash",
  malformedPayload: "malformed payload",
} as const;

/** WebSocket close codes with the meaning Cinder gives them. */
export const CloseCode = {
  /** Normal closure. A LiveView client reloads the page after it, so servers avoid it. */
  normal: 1000,
  /** The server asked this socket to go: `disconnect` broadcast to the socket id, idle timeout. */
  goingAway: 1001,
  /** The frame could not be decoded (not JSON, wrong shape, binary garbage). */
  invalidFrame: 1007,
  /** The connection broke a server policy (for example too many queued bytes for a slow reader). */
  policyViolation: 1008,
  /** The frame was larger than the server accepts. */
  messageTooBig: 1009,
  /** The server hit an unexpected condition. */
  internalError: 1011,
  /** The server is restarting; reconnect. */
  serviceRestart: 1012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Socket connection states, as the official client names them. */
export type SocketState = "connecting" | "open" | "closing" | "closed";

/** Channel states of the client state machine. */
export type ChannelState = "closed" | "errored" | "joined" | "joining" | "leaving";

/** Client timing defaults (spec §1.13); reconnect and rejoin schedules are replaceable functions. */
export const Defaults = {
  timeoutMs: 10_000,
  heartbeatIntervalMs: 30_000,
  /** Phoenix closes a WebSocket after this long without any frame from the client. */
  idleTimeoutMs: 60_000,
  reconnectAfterMs(tries: number): number {
    return [10, 50, 100, 150, 200, 250, 500, 1000, 2000][tries - 1] ?? 5000;
  },
  rejoinAfterMs(tries: number): number {
    return [1000, 2000, 5000][tries - 1] ?? 10_000;
  },
} as const;

/** Longest string field (join_ref, ref, topic, event, status) a binary frame can carry, in bytes. */
export const MAX_BINARY_FIELD_BYTES = 255;
