import { encodeServerMessage, isJsonObject, isReservedEvent, type Payload } from "@cinder/protocol";
import { serverError } from "../errors/error-registry.js";
import type { PubSubMessage } from "../pubsub/pubsub.js";

/**
 * How a channel broadcast travels through PubSub: a plain, serialisable envelope (so that a
 * Redis adapter can carry it between nodes), recognisable by its `$cinder` tag. Every other
 * PubSub message on a channel topic is an application message for `handleInfo`.
 */
export interface BroadcastEnvelope {
  readonly $cinder: "broadcast";
  readonly event: string;
  readonly payload: Payload;
}

/**
 * A broadcast as `handleInfo` sees it when it arrives on a topic the channel `subscribe`d to
 * (Phoenix's `%Phoenix.Socket.Broadcast{}`).
 *
 * @example
 * ```ts
 * handleInfo(message, socket) {
 *   if (message instanceof Broadcast && message.event === "new_msg") socket.push("new_msg", message.payload);
 * }
 * ```
 */
export class Broadcast {
  readonly topic: string;
  readonly event: string;
  readonly payload: Payload;

  constructor(topic: string, event: string, payload: Payload) {
    this.topic = topic;
    this.event = event;
    this.payload = payload;
  }
}

/** Check an outgoing event and payload; throws a coded error on misuse. */
export function assertSendable(event: string, payload: Payload): void {
  if (typeof event !== "string" || isReservedEvent(event)) throw serverError("CINDER_CHANNEL_RESERVED_EVENT", String(event));
  if (!(payload instanceof Uint8Array) && !isJsonObject(payload)) throw serverError("CINDER_CHANNEL_INVALID_PAYLOAD", event);
}

export function assertTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== "string" || topic === "") throw serverError("CINDER_CHANNEL_INVALID_TOPIC", topic);
}

export function createBroadcastEnvelope(event: string, payload: Payload): BroadcastEnvelope & PubSubMessage {
  assertSendable(event, payload);
  return { $cinder: "broadcast", event, payload } as BroadcastEnvelope & PubSubMessage;
}

export function isBroadcastEnvelope(message: unknown): message is BroadcastEnvelope {
  if (typeof message !== "object" || message === null) return false;
  const candidate = message as Partial<BroadcastEnvelope>;
  return (
    candidate.$cinder === "broadcast" &&
    typeof candidate.event === "string" &&
    (candidate.payload instanceof Uint8Array || isJsonObject(candidate.payload))
  );
}

/**
 * A frame encoded once and sent as is to many sockets. `data` is bytes even for text frames, so
 * the transport does not re-encode the string for every subscriber.
 */
export interface PreparedFrame {
  readonly topic: string;
  readonly data: Uint8Array;
  readonly binary: boolean;
}

const textEncoder = new TextEncoder();
const preparedFrames = new WeakMap<BroadcastEnvelope, PreparedFrame>();

/**
 * The fastlane (spec §1.10): the `[null, null, topic, event, payload]` frame of a broadcast,
 * encoded on first use and cached on the envelope object, which PubSub hands to every local
 * subscriber — so a broadcast to N sockets costs one encoding per node.
 */
export function prepareBroadcastFrame(topic: string, envelope: BroadcastEnvelope): PreparedFrame {
  const cached = preparedFrames.get(envelope);
  if (cached !== undefined && cached.topic === topic) return cached;
  const wire = encodeServerMessage({ kind: "broadcast", topic, event: envelope.event, payload: envelope.payload });
  const frame: PreparedFrame =
    typeof wire === "string" ? { topic, data: textEncoder.encode(wire), binary: false } : { topic, data: wire, binary: true };
  preparedFrames.set(envelope, frame);
  return frame;
}
