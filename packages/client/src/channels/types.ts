import type { JsonObject, ReplyStatus } from "@cinder/protocol";

/**
 * What an application can push: a JSON object travels as a text frame, bytes (`ArrayBuffer` or
 * any `Uint8Array` view) as a binary frame (spec §1.5).
 */
export type OutgoingPayload = JsonObject | ArrayBuffer | Uint8Array;

/**
 * What arrives from the server: a JSON object from a text frame, an `ArrayBuffer` from a binary
 * frame — the same shapes the official client hands out.
 */
export type IncomingPayload = JsonObject | ArrayBuffer;

/** A reply's `response`: a JSON object, or an `ArrayBuffer` for a binary reply. */
export type ReplyResponse = JsonObject | ArrayBuffer;

/** The payload of a `phx_reply` message as channel bindings and `onMessage` see it. */
export interface ReplyPayload {
  status: ReplyStatus;
  response: ReplyResponse;
}

/**
 * One decoded server message in the official client's shape (snake_case fields included), as
 * `socket.onMessage` callbacks receive it, so code written for `phoenix` ports unchanged.
 */
export interface SocketMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: IncomingPayload | ReplyPayload;
}

/** A message the socket is asked to send; `joinRef` is null for socket-level messages. */
export interface OutgoingMessage {
  topic: string;
  event: string;
  payload: OutgoingPayload;
  ref: string;
  joinRef: string | null;
}
