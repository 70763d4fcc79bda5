import {
  CloseCode,
  decodeClientMessage,
  encodeServerMessage,
  ErrorReason,
  PHOENIX_TOPIC,
  type ClientMessage,
  type JoinMessage,
  type JsonObject,
  type LeaveMessage,
  type ClientPushMessage,
  type ServerMessage,
  type WireData,
} from "@cinder/protocol";
import { errorMessage } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import { ChannelProcess, type ChannelHost } from "../channel/channel-process.js";
import type { ChannelRouter } from "../channel/channel-router.js";
import type { PubSub } from "../pubsub/pubsub.js";
import type { Transport, TransportErrorKind, TransportListener } from "../transport/transport.js";
import type { SocketLimits } from "./socket-limits.js";

export interface SocketConnectionOptions {
  transport: Transport;
  router: ChannelRouter;
  /** Mount path, for logs. */
  path: string;
  assigns: Record<string, unknown>;
  socketId: string | undefined;
  pubsub: PubSub;
  logger: Logger;
  limits: SocketLimits;
  /** Runs once, as soon as the transport has closed (before channels finish terminating). */
  onTransportClosed?(): void;
}

type ConnectionState = "open" | "closing" | "closed";

/**
 * One connected client (Phoenix's socket transport process): decodes frames, answers
 * heartbeats, routes joins to channels and owns the channel table. Its own work is
 * synchronous and cheap; anything that runs application code happens in a channel's mailbox,
 * so a slow channel never delays heartbeats or other channels.
 *
 * Closing codes: 1001 idle timeout or `disconnect` broadcast, 1007 malformed frame, 1008 slow
 * consumer, 1009 oversize frame (closed by the transport), 1012 server shutdown. Never 1000:
 * a LiveView client reloads the page on 1000.
 */
export class SocketConnection implements ChannelHost, TransportListener {
  readonly pubsub: PubSub;
  readonly logger: Logger;
  readonly socketId: string | undefined;
  readonly #transport: Transport;
  readonly #router: ChannelRouter;
  readonly #path: string;
  readonly #assigns: Record<string, unknown>;
  readonly #limits: SocketLimits;
  readonly #onTransportClosed: (() => void) | undefined;
  readonly #channels = new Map<string, ChannelProcess>();
  #state: ConnectionState = "open";
  #badInputLogged = false;
  #lastFrameAt = Date.now();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #closed: Promise<void>;
  #resolveClosed: () => void = () => {};

  constructor(options: SocketConnectionOptions) {
    this.#transport = options.transport;
    this.#router = options.router;
    this.#path = options.path;
    this.#assigns = options.assigns;
    this.socketId = options.socketId;
    this.pubsub = options.pubsub;
    this.logger = options.logger;
    this.#limits = options.limits;
    this.#onTransportClosed = options.onTransportClosed;
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    this.#scheduleIdleCheck(this.#limits.idleTimeoutMs);
  }

  /** Channels currently joined or joining. */
  get channelCount(): number {
    return this.#channels.size;
  }

  /**
   * Resolves when the transport has closed and every channel's `terminate` has run. A channel
   * whose callback never settles keeps this pending; callers bound their wait.
   */
  whenClosed(): Promise<void> {
    return this.#closed;
  }

  /** Start closing with `code`; later frames in either direction are dropped. */
  close(code: number, reason: string): void {
    if (this.#state !== "open") return;
    this.#state = "closing";
    this.#transport.close(code, reason);
  }

  /** Drop the connection without a closing handshake (shutdown deadline passed). */
  terminate(): void {
    if (this.#state === "closed") return;
    this.#state = "closing";
    this.#transport.terminate();
  }

  // TransportListener

  onFrame(data: WireData): void {
    if (this.#state !== "open") return;
    this.#lastFrameAt = Date.now();
    const decoded = decodeClientMessage(data);
    if (!decoded.ok) {
      this.#logBadInputOnce("CINDER_SOCKET_MALFORMED_FRAME", decoded.error.code, errorMessage("CINDER_SOCKET_MALFORMED_FRAME", decoded.error.code, decoded.error.message));
      this.close(CloseCode.invalidFrame, `${decoded.error.code}: ${decoded.error.message}`);
      return;
    }
    this.#route(decoded.value);
  }

  onTransportError(kind: TransportErrorKind, message: string): void {
    // The transport has already started closing with the matching code (1009, 1007, 1002).
    if (kind === "frame_too_big") {
      this.#logBadInputOnce("CINDER_SOCKET_FRAME_TOO_BIG", kind, errorMessage("CINDER_SOCKET_FRAME_TOO_BIG", this.#limits.maxFrameBytes));
    } else {
      this.#logBadInputOnce("CINDER_SOCKET_MALFORMED_FRAME", kind, errorMessage("CINDER_SOCKET_MALFORMED_FRAME", kind, message));
    }
    if (this.#state === "open") this.#state = "closing";
  }

  onClosed(): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    clearTimeout(this.#idleTimer);
    const terminations = [...this.#channels.values()].map((channel) => channel.shutdown("closed"));
    this.#channels.clear();
    this.#onTransportClosed?.();
    void Promise.all(terminations).then(() => this.#resolveClosed());
  }

  // ChannelHost

  sendFrame(data: string | Uint8Array, binary: boolean): void {
    if (this.#state !== "open") return;
    this.#transport.send(data, binary);
    const queued = this.#transport.bufferedAmount;
    if (queued > this.#limits.maxQueuedBytes) this.#closeSlowConsumer(queued);
  }

  channelEnded(channel: ChannelProcess): void {
    if (this.#channels.get(channel.topic) === channel) this.#channels.delete(channel.topic);
  }

  #route(message: ClientMessage): void {
    switch (message.kind) {
      case "heartbeat":
        // Answered here, never queued behind channel work: clients time out after 30 s.
        return this.#send({ kind: "reply", joinRef: null, ref: message.ref, topic: PHOENIX_TOPIC, status: "ok", response: {} });
      case "join":
        return this.#join(message);
      case "leave":
        return this.#leave(message);
      case "push":
        return this.#push(message);
    }
  }

  #join(message: JoinMessage): void {
    const { topic } = message;
    const definition = this.#router.find(topic);
    if (definition === undefined) return this.#replyError(null, message.ref, topic, ErrorReason.unmatchedTopic);

    let afterJoinReply: () => void = () => {};
    let previousIncarnationEnded: Promise<void> | undefined;
    const previous = this.#channels.get(topic);
    if (previous !== undefined) {
      // Duplicate join (spec §1.8.3): end the old incarnation now; its phx_close goes out
      // after the new join reply, where the client drops it as stale.
      this.#channels.delete(topic);
      previousIncarnationEnded = previous.shutdown("duplicate_join");
      afterJoinReply = () => this.#send({ kind: "close", joinRef: previous.joinRef, topic });
    } else if (this.#channels.size >= this.#limits.maxChannelsPerSocket) {
      return this.#replyError(message.joinRef, message.ref, topic, ErrorReason.tooManyChannels);
    }

    const channel = new ChannelProcess({ topic, joinRef: message.joinRef, definition, host: this, assigns: this.#assigns });
    this.#channels.set(topic, channel);
    channel.join(message.ref, message.payload, afterJoinReply, previousIncarnationEnded);
  }

  #leave(message: LeaveMessage): void {
    const channel = this.#channels.get(message.topic);
    if (channel === undefined) {
      return this.#send({ kind: "reply", joinRef: message.joinRef, ref: message.ref, topic: message.topic, status: "ok", response: {} });
    }
    if (message.joinRef !== null && message.joinRef !== channel.joinRef) return; // stale: a race with a server close
    channel.leave(message.ref);
  }

  #push(message: ClientPushMessage): void {
    const channel = this.#channels.get(message.topic);
    if (channel === undefined) {
      if (message.ref !== null) this.#replyError(null, message.ref, message.topic, ErrorReason.unmatchedTopic);
      return;
    }
    if (message.joinRef !== null && message.joinRef !== channel.joinRef) return; // stale incarnation (spec §1.12)
    channel.handleIn(message.event, message.payload, message.ref);
  }

  #replyError(joinRef: string | null, ref: string, topic: string, reason: string): void {
    const response: JsonObject = { reason };
    this.#send({ kind: "reply", joinRef, ref, topic, status: "error", response });
  }

  #send(message: ServerMessage): void {
    let data: WireData;
    try {
      data = encodeServerMessage(message);
    } catch {
      return; // only binary frames can fail to encode, and the socket itself sends none
    }
    this.sendFrame(data, typeof data !== "string");
  }

  #closeSlowConsumer(queuedBytes: number): void {
    this.#logBadInputOnce("CINDER_SOCKET_SLOW_CONSUMER", "slow_consumer", errorMessage("CINDER_SOCKET_SLOW_CONSUMER", queuedBytes, this.#limits.maxQueuedBytes));
    this.close(CloseCode.policyViolation, "slow consumer");
  }

  /** A hostile or broken client gets one log line, not one per frame. */
  #logBadInputOnce(code: string, reason: string, message: string): void {
    if (this.#badInputLogged) return;
    this.#badInputLogged = true;
    this.logger.warn({ code, reason, path: this.#path, socketId: this.socketId }, message);
  }

  /** One timer per connection, re-armed lazily: frames only stamp `#lastFrameAt`. */
  #scheduleIdleCheck(delayMs: number): void {
    this.#idleTimer = setTimeout(() => {
      const idleFor = Date.now() - this.#lastFrameAt;
      if (idleFor >= this.#limits.idleTimeoutMs) this.close(CloseCode.goingAway, "idle timeout");
      else this.#scheduleIdleCheck(this.#limits.idleTimeoutMs - idleFor);
    }, delayMs);
    this.#idleTimer.unref();
  }
}
