import {
  ChannelEvent,
  PHOENIX_TOPIC,
  decodeServerMessage,
  encodeClientMessage,
  isJsonObject,
  type ClientMessage,
  type DecodeError,
  type DecodeResult,
  type Payload,
  type WireData,
} from "@cinder/protocol";
import type { IncomingPayload, OutgoingMessage, OutgoingPayload, SocketMessage } from "./types.js";

/**
 * The socket's adapter to the shared codec of @cinder/protocol: outgoing messages become
 * `ClientMessage`s, incoming WebSocket data becomes the official client's message shape.
 */

export function encodeOutgoingMessage(message: OutgoingMessage): WireData {
  return encodeClientMessage(toClientMessage(message));
}

function toClientMessage({ topic, event, payload, ref, joinRef }: OutgoingMessage): ClientMessage {
  const bytesOrJson = toProtocolPayload(payload);
  if (event === ChannelEvent.join && isJsonObject(bytesOrJson)) {
    return { kind: "join", joinRef: joinRef ?? ref, ref, topic, payload: bytesOrJson };
  }
  if (event === ChannelEvent.leave) return { kind: "leave", joinRef, ref, topic };
  if (event === ChannelEvent.heartbeat && topic === PHOENIX_TOPIC) return { kind: "heartbeat", ref };
  return { kind: "push", joinRef, ref, topic, event, payload: bytesOrJson };
}

function toProtocolPayload(payload: OutgoingPayload): Payload {
  if (payload instanceof Uint8Array) return payload;
  if (isArrayBuffer(payload)) return new Uint8Array(payload);
  return payload;
}

/** The codec's failures, plus data that is not a WebSocket text or binary message at all (a Blob). */
export type IncomingDecodeError = DecodeError | { code: "unsupported_data"; message: string };

export type IncomingDecodeResult = DecodeResult<SocketMessage> | { ok: false; error: IncomingDecodeError };

/**
 * WebSocket data → message. Text frames arrive as strings; binary frames as `ArrayBuffer`
 * (browsers with `binaryType = "arraybuffer"`, `ws` likewise) or as a Node `Buffer`, which is a
 * `Uint8Array`. Anything else is not a frame of this protocol.
 */
export function decodeIncomingData(data: unknown): IncomingDecodeResult {
  let wire: WireData;
  if (typeof data === "string" || data instanceof Uint8Array) wire = data;
  else if (isArrayBuffer(data)) wire = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) wire = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else {
    return { ok: false, error: { code: "unsupported_data", message: "WebSocket message is neither text nor an ArrayBuffer (is binaryType \"arraybuffer\"?)" } };
  }

  const decoded = decodeServerMessage(wire);
  if (!decoded.ok) return decoded;
  const message = decoded.value;
  switch (message.kind) {
    case "reply":
      return ok({
        join_ref: message.joinRef,
        ref: message.ref,
        topic: message.topic,
        event: ChannelEvent.reply,
        payload: { status: message.status, response: toIncoming(message.response) },
      });
    case "push":
      return ok({ join_ref: message.joinRef, ref: null, topic: message.topic, event: message.event, payload: toIncoming(message.payload) });
    case "broadcast":
      return ok({ join_ref: null, ref: null, topic: message.topic, event: message.event, payload: toIncoming(message.payload) });
    case "close":
      // Phoenix sends [J, J, topic, "phx_close", {}]: the ref repeats the join_ref.
      return ok({ join_ref: message.joinRef, ref: message.joinRef, topic: message.topic, event: ChannelEvent.close, payload: {} });
    case "error":
      return ok({ join_ref: message.joinRef, ref: message.joinRef, topic: message.topic, event: ChannelEvent.error, payload: message.payload });
  }
}

function ok(message: SocketMessage): IncomingDecodeResult {
  return { ok: true, value: message };
}

/** Bytes are handed out as a standalone `ArrayBuffer`, as the official client does. */
function toIncoming(payload: Payload): IncomingPayload {
  if (payload instanceof Uint8Array) return payload.slice().buffer;
  return payload;
}

/** `instanceof` fails across realms (iframes, test environments), the tag does not. */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === "[object ArrayBuffer]";
}
