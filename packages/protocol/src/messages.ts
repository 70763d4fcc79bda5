import type { JsonObject, Payload } from "./json.js";
import type { ReplyStatus } from "./constants.js";

/**
 * Messages as discriminated unions on `kind`. The codec turns frames into these and back; no
 * other module needs to know where a field sits in the five-element array.
 *
 * Naming is by sender: a `ClientMessage` travels client → server, a `ServerMessage` server → client.
 */

/** `[R, R, topic, "phx_join", params]` */
export interface JoinMessage {
  kind: "join";
  /** The ref of this join; it becomes the join_ref of the channel incarnation. */
  joinRef: string;
  ref: string;
  topic: string;
  payload: JsonObject;
}

/** `[J, R, topic, "phx_leave", {}]` */
export interface LeaveMessage {
  kind: "leave";
  joinRef: string | null;
  ref: string;
  topic: string;
}

/** `[null, R, "phoenix", "heartbeat", {}]` */
export interface HeartbeatMessage {
  kind: "heartbeat";
  ref: string;
}

/** Any application event from the client: `[J, R, topic, event, payload]`, text or binary. */
export interface ClientPushMessage {
  kind: "push";
  joinRef: string | null;
  /** The official client always sends one; a null ref means the sender wants no reply. */
  ref: string | null;
  topic: string;
  event: string;
  payload: Payload;
}

export type ClientMessage = JoinMessage | LeaveMessage | HeartbeatMessage | ClientPushMessage;

/** `[J, R, topic, "phx_reply", {status, response}]`; binary replies carry raw bytes as response. */
export interface ReplyMessage {
  kind: "reply";
  joinRef: string | null;
  ref: string;
  topic: string;
  status: ReplyStatus;
  response: Payload;
}

/** A push to one channel incarnation: `[J, null, topic, event, payload]`. */
export interface ServerPushMessage {
  kind: "push";
  joinRef: string;
  topic: string;
  event: string;
  payload: Payload;
}

/** A broadcast to every subscriber of a topic: `[null, null, topic, event, payload]`. */
export interface BroadcastMessage {
  kind: "broadcast";
  topic: string;
  event: string;
  payload: Payload;
}

/** The server ended the channel on purpose: `[J, J, topic, "phx_close", {}]`. No rejoin follows. */
export interface CloseMessage {
  kind: "close";
  /** Phoenix always names the incarnation; `null` would close whatever incarnation is current. */
  joinRef: string | null;
  topic: string;
}

/** The channel crashed: `[J, J, topic, "phx_error", {reason}]`. The client rejoins. */
export interface ChannelErrorMessage {
  kind: "error";
  joinRef: string | null;
  topic: string;
  payload: JsonObject;
}

export type ServerMessage =
  | ReplyMessage
  | ServerPushMessage
  | BroadcastMessage
  | CloseMessage
  | ChannelErrorMessage;

/** A raw frame: the five positions of the V2 array, before they are given a meaning. */
export interface Frame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Payload;
}
