import { ChannelEvent, PHOENIX_TOPIC } from "./constants.js";
import { decodeFailure, decoded, type DecodeResult } from "./decode-result.js";
import { isJsonObject, type JsonObject } from "./json.js";
import type { ClientMessage, ServerMessage } from "./messages.js";
import {
  decodeBinaryClientPush,
  decodeBinaryServerFrame,
  encodeBinaryClientPush,
  encodeBinaryServerFrame,
} from "./binary-frame.js";
import { decodeTextFrame, encodeTextFrame, type TextFrame } from "./text-frame.js";

/**
 * The V2 serializer, message level. A WebSocket message is a `string` (text frame) or
 * `Uint8Array` (binary frame); a message becomes binary exactly when its payload is bytes.
 *
 * The server uses `encodeServerMessage` / `decodeClientMessage`, the client the other two.
 */
export type WireData = string | Uint8Array;

export function encodeServerMessage(message: ServerMessage): WireData {
  switch (message.kind) {
    case "reply":
      if (message.response instanceof Uint8Array) {
        return encodeBinaryServerFrame({ ...message, kind: "reply", payload: message.response });
      }
      return encodeTextFrame({
        joinRef: message.joinRef,
        ref: message.ref,
        topic: message.topic,
        event: ChannelEvent.reply,
        payload: { status: message.status, response: message.response },
      });
    case "push":
      if (message.payload instanceof Uint8Array) return encodeBinaryServerFrame({ ...message, payload: message.payload });
      return encodeTextFrame({ ...message, ref: null, payload: message.payload });
    case "broadcast":
      if (message.payload instanceof Uint8Array) return encodeBinaryServerFrame({ ...message, payload: message.payload });
      return encodeTextFrame({ joinRef: null, ref: null, topic: message.topic, event: message.event, payload: message.payload });
    case "close":
      return encodeTextFrame({ joinRef: message.joinRef, ref: message.joinRef, topic: message.topic, event: ChannelEvent.close, payload: {} });
    case "error":
      return encodeTextFrame({
        joinRef: message.joinRef,
        ref: message.joinRef,
        topic: message.topic,
        event: ChannelEvent.error,
        payload: message.payload,
      });
  }
}

export function decodeClientMessage(data: WireData): DecodeResult<ClientMessage> {
  if (typeof data !== "string") {
    const push = decodeBinaryClientPush(data);
    if (!push.ok) return push;
    return decoded({ kind: "push", ...push.value });
  }
  const frame = decodeTextFrame(data);
  if (!frame.ok) return frame;
  return classifyClientFrame(frame.value);
}

function classifyClientFrame(frame: TextFrame): DecodeResult<ClientMessage> {
  const { joinRef, ref, topic, event, payload } = frame;
  switch (event) {
    case ChannelEvent.join: {
      // The official client sends join_ref === ref; a join without either cannot be answered.
      const joinReference = joinRef ?? ref;
      if (ref === null || joinReference === null) return decodeFailure("wrong_field_type", "phx_join needs a ref");
      return decoded({ kind: "join", joinRef: joinReference, ref, topic, payload });
    }
    case ChannelEvent.leave:
      if (ref === null) return decodeFailure("wrong_field_type", "phx_leave needs a ref");
      return decoded({ kind: "leave", joinRef, ref, topic });
    case ChannelEvent.reply:
    case ChannelEvent.close:
    case ChannelEvent.error:
      return decodeFailure("unexpected_reserved_event", `"${event}" is sent by servers, not clients`);
    case ChannelEvent.heartbeat:
      if (topic === PHOENIX_TOPIC) {
        if (ref === null) return decodeFailure("wrong_field_type", "heartbeat needs a ref");
        return decoded({ kind: "heartbeat", ref });
      }
      break;
  }
  return decoded({ kind: "push", joinRef, ref, topic, event, payload });
}

export function encodeClientMessage(message: ClientMessage): WireData {
  switch (message.kind) {
    case "join":
      return encodeTextFrame({ joinRef: message.joinRef, ref: message.ref, topic: message.topic, event: ChannelEvent.join, payload: message.payload });
    case "leave":
      return encodeTextFrame({ joinRef: message.joinRef, ref: message.ref, topic: message.topic, event: ChannelEvent.leave, payload: {} });
    case "heartbeat":
      return encodeTextFrame({ joinRef: null, ref: message.ref, topic: PHOENIX_TOPIC, event: ChannelEvent.heartbeat, payload: {} });
    case "push":
      if (message.payload instanceof Uint8Array) return encodeBinaryClientPush({ ...message, payload: message.payload });
      return encodeTextFrame({ ...message, payload: message.payload });
  }
}

export function decodeServerMessage(data: WireData): DecodeResult<ServerMessage> {
  if (typeof data !== "string") {
    const frame = decodeBinaryServerFrame(data);
    if (!frame.ok) return frame;
    const value = frame.value;
    if (value.kind === "reply") {
      const { payload, ...rest } = value;
      return decoded({ ...rest, response: payload });
    }
    return decoded(value);
  }
  const frame = decodeTextFrame(data);
  if (!frame.ok) return frame;
  return classifyServerFrame(frame.value);
}

function classifyServerFrame(frame: TextFrame): DecodeResult<ServerMessage> {
  const { joinRef, ref, topic, event, payload } = frame;
  switch (event) {
    case ChannelEvent.reply: {
      const { status, response } = payload;
      if (ref === null) return decodeFailure("wrong_field_type", "phx_reply needs a ref");
      if (typeof status !== "string") return decodeFailure("wrong_field_type", "phx_reply payload needs a string status");
      const responseObject: JsonObject = isJsonObject(response) ? response : {};
      return decoded({ kind: "reply", joinRef, ref, topic, status, response: responseObject });
    }
    case ChannelEvent.close:
      return decoded({ kind: "close", joinRef, topic });
    case ChannelEvent.error:
      return decoded({ kind: "error", joinRef, topic, payload });
  }
  if (joinRef === null) return decoded({ kind: "broadcast", topic, event, payload });
  return decoded({ kind: "push", joinRef, topic, event, payload });
}
