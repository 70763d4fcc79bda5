import { ChannelEvent, MAX_BINARY_FIELD_BYTES, type ChannelState, type JsonObject } from "@cinder/protocol";
import { CinderClientError, ClientErrorCode } from "../errors.js";
import { Push, replyEventName, type PushHost } from "./push.js";
import { RetryTimer } from "./retry-timer.js";
import type { Socket } from "./socket.js";
import type { IncomingPayload, OutgoingMessage, OutgoingPayload, ReplyPayload } from "./types.js";
import { callUserFunction, invokeUserCallback, reportToRuntime } from "./user-code.js";
import { isArrayBuffer } from "./wire.js";

/** Join params: an object, or a function evaluated at every (re)join (e.g. to send fresh state). */
export type ChannelParams = JsonObject | (() => JsonObject);

/**
 * A binding's callback: the payload, the message ref (null for server pushes and broadcasts)
 * and the join_ref the message belongs to.
 */
export type ChannelCallback<Payload = IncomingPayload> = (payload: Payload, ref: string | null, joinRef: string | null) => void;

/** `phx_close` arrives with `{}` from the server, or with `"leave"` when the client left. */
export type ChannelCloseCallback = (payload: JsonObject | "leave", ref: string | null, joinRef: string | null) => void;

/**
 * `phx_error` payloads: `{reason: "channel_crash"}` from the server, or
 * `{source: "transport", reason: "connection_closed" | "heartbeat_timeout" | "connection_error"}`
 * when the connection under the channel went away.
 */
export type ChannelErrorCallback = (reason: JsonObject) => void;

/**
 * Sees every message of the channel before its bindings do and returns the payload they get.
 * It must return a payload (modified or not) whenever it was given one.
 */
export type ChannelMessageHook = (event: string, payload: unknown, ref: string | null, joinRef: string | null) => unknown;

/** @internal What a channel needs from its socket beyond the socket's public API. */
export interface SocketLink {
  timeoutMs(): number;
  rejoinAfterMs(tries: number): number;
  send(message: OutgoingMessage, channel: Channel): void;
  removeChannel(channel: Channel, socketCallbackRefs: readonly string[]): void;
  leaveOtherChannelsOnTopic(topic: string, keep: Channel): void;
}

interface Binding {
  event: string;
  ref: number;
  callback: (payload: unknown, ref: string | null, joinRef: string | null) => void;
}

/**
 * One topic on a socket (spec §1.8–§1.13). States: `closed → joining → joined`, `errored` while
 * it waits to rejoin, `leaving`. A channel rejoins on its own after a join error, a join
 * timeout, a server `phx_error` or a lost connection; a server `phx_close` or `leave()` ends it.
 *
 * @example
 * ```ts
 * const channel = socket.channel("room:lobby", { name: "ada" });
 * channel.on<{ body: string }>("new_msg", ({ body }) => render(body));
 * channel.join()
 *   .receive("ok", () => channel.push("new_msg", { body: "hi" }))
 *   .receive<{ reason: string }>("error", ({ reason }) => console.warn(reason));
 * ```
 */
export class Channel {
  readonly topic: string;
  readonly socket: Socket;
  /**
   * Replace to see or rewrite every message before the bindings do (the official client's
   * overridable `onMessage`). Must return the payload.
   */
  onMessage: ChannelMessageHook = (_event, payload) => payload;

  readonly #link: SocketLink;
  readonly #joinPush: Push;
  readonly #rejoinTimer: RetryTimer;
  readonly #socketCallbackRefs: string[] = [];
  #state: ChannelState = "closed";
  #timeoutMs: number;
  #joinedOnce = false;
  #bindings: Binding[] = [];
  #nextBindingRef = 0;
  #pushBuffer: Push[] = [];

  /** @internal Channels are made by `socket.channel(topic, params)`. */
  constructor(topic: string, params: ChannelParams, socket: Socket, link: SocketLink) {
    this.topic = topic;
    this.socket = socket;
    this.#link = link;
    this.#timeoutMs = link.timeoutMs();
    const joinParams = () => (typeof params === "function" ? callUserFunction(`params function of channel "${topic}"`, params) : params);
    this.#joinPush = new Push(this.#pushHost(), ChannelEvent.join, joinParams, this.#timeoutMs);
    this.#rejoinTimer = new RetryTimer(() => {
      if (this.socket.isConnected()) this.#rejoin();
    }, (tries) => link.rejoinAfterMs(tries));

    this.#socketCallbackRefs.push(socket.onError(() => this.#rejoinTimer.reset()));
    this.#socketCallbackRefs.push(
      socket.onOpen(() => {
        this.#rejoinTimer.reset();
        if (this.#state === "errored") this.#rejoin();
      }),
    );
    this.#joinPush.receive("ok", () => {
      this.#state = "joined";
      this.#rejoinTimer.reset();
      const buffered = this.#pushBuffer;
      this.#pushBuffer = [];
      for (const push of buffered) push.send();
    });
    this.#joinPush.receive("error", () => {
      this.#state = "errored";
      if (this.socket.isConnected()) this.#rejoinTimer.schedule();
    });
    this.#joinPush.receive("timeout", () => {
      this.#log(() => [`timeout ${this.topic} (${this.joinRef()})`, this.#joinPush.timeout]);
      // The server may still join late; the leave (carrying the timed-out join_ref) ends that incarnation.
      new Push(this.#pushHost(), ChannelEvent.leave, () => ({}), this.#timeoutMs).send();
      this.#state = "errored";
      this.#joinPush.reset();
      if (this.socket.isConnected()) this.#rejoinTimer.schedule();
    });
    // These two run before any application binding, so callbacks see the new state.
    this.#bind(ChannelEvent.close, () => {
      this.#rejoinTimer.reset();
      this.#log(() => [`close ${this.topic} ${this.joinRef()}`]);
      this.#state = "closed";
      this.#link.removeChannel(this, this.#socketCallbackRefs);
    });
    this.#bind(ChannelEvent.error, (reason) => {
      this.#log(() => [`error ${this.topic}`, reason]);
      if (this.#state === "joining") this.#joinPush.reset();
      this.#state = "errored";
      if (this.socket.isConnected()) this.#rejoinTimer.schedule();
    });
    this.#bind(ChannelEvent.reply, (payload, ref) => {
      if (ref !== null) this.trigger(replyEventName(ref), payload, ref);
    });
  }

  get state(): ChannelState {
    return this.#state;
  }

  /** The join_ref of the current incarnation (the ref of the last join sent), or null. */
  joinRef(): string | null {
    return this.#joinPush.ref;
  }

  /**
   * Joins the topic; the returned push resolves with the join reply. Call once per Channel
   * object — the channel rejoins by itself after errors and reconnects.
   */
  join(timeoutMs: number = this.#timeoutMs): Push {
    if (this.#joinedOnce) {
      throw new CinderClientError(
        ClientErrorCode.joinCalledTwice,
        `join() was called twice on the channel for "${this.topic}". A channel rejoins by itself after errors; to join again after leave(), create a new one with socket.channel("${this.topic}").`,
      );
    }
    this.#timeoutMs = timeoutMs;
    this.#joinedOnce = true;
    this.#rejoin();
    return this.#joinPush;
  }

  /**
   * Sends `event` with `payload` (a JSON object, or bytes as a binary frame). Until the channel
   * is joined the push waits in a buffer; its timeout runs from now.
   */
  push(event: string, payload: OutgoingPayload = {}, timeoutMs: number = this.#timeoutMs): Push {
    if (!this.#joinedOnce) {
      throw new CinderClientError(
        ClientErrorCode.pushBeforeJoin,
        `push("${event}") on "${this.topic}" before join(). Call channel.join() first; pushes made while it is joining are buffered and sent once it has joined.`,
      );
    }
    if (payload instanceof Uint8Array || isArrayBuffer(payload)) this.#assertFitsBinaryFrame(event);
    const push = new Push(this.#pushHost(), event, () => payload, timeoutMs);
    if (this.#canPush()) {
      push.send();
    } else {
      push.startTimeout();
      this.#pushBuffer.push(push);
    }
    return push;
  }

  /**
   * Leaves the topic. The channel closes locally right away (onClose callbacks run with
   * `"leave"`), so the returned push resolves `"ok"` at once; the server's own reply is not
   * waited for.
   */
  leave(timeoutMs: number = this.#timeoutMs): Push {
    this.#rejoinTimer.reset();
    this.#joinPush.cancelTimeout();
    this.#state = "leaving";
    const close = () => {
      this.#log(() => [`leave ${this.topic}`]);
      this.trigger(ChannelEvent.close, "leave");
    };
    const leavePush = new Push(this.#pushHost(), ChannelEvent.leave, () => ({}), timeoutMs);
    leavePush.receive("ok", close).receive("timeout", close);
    leavePush.send();
    // A leaving channel cannot push, so this always resolves locally; kept as a condition to
    // state why: the server's reply could only matter to a channel that can still hear it.
    if (!this.#canPush()) leavePush.trigger("ok", {});
    return leavePush;
  }

  /**
   * Calls `callback` for every message `event` on this channel. Returns a ref for `off`.
   * The payload type is what the server promises; pass it as a type argument.
   */
  on<Payload = IncomingPayload>(event: string, callback: ChannelCallback<Payload>): number {
    return this.#bind(event, (payload, ref, joinRef) =>
      invokeUserCallback(`channel.on("${event}") callback on "${this.topic}"`, callback, payload as Payload, ref, joinRef),
    );
  }

  /** Removes the binding with `ref`, or every binding of `event` when `ref` is left out. */
  off(event: string, ref?: number): void {
    this.#bindings = this.#bindings.filter((binding) => !(binding.event === event && (ref === undefined || ref === binding.ref)));
  }

  /** Called when the channel closes: left by the client, or closed by the server (no rejoin follows). */
  onClose(callback: ChannelCloseCallback): number {
    return this.on<JsonObject | "leave">(ChannelEvent.close, callback);
  }

  /** Called when the channel errors: server crash or lost connection. A rejoin follows. */
  onError(callback: ChannelErrorCallback): number {
    return this.on<JsonObject>(ChannelEvent.error, (reason) => callback(reason));
  }

  /** @internal Whether a message for `topic` with `joinRef` belongs to this channel's current incarnation. */
  isMember(topic: string, event: string, payload: unknown, joinRef: string | null): boolean {
    if (this.topic !== topic) return false;
    if (joinRef !== null && joinRef !== this.joinRef()) {
      this.#log(() => ["dropping outdated message", { topic, event, payload, joinRef }]);
      return false;
    }
    return true;
  }

  /** @internal Delivers a message to the bindings of `event`, through the `onMessage` hook. */
  trigger(event: string, payload: unknown, ref: string | null = null, joinRef: string | null = null): void {
    let handledPayload: unknown;
    try {
      handledPayload = this.onMessage(event, payload, ref, joinRef);
    } catch (cause) {
      reportToRuntime(
        new CinderClientError(ClientErrorCode.userCodeThrew, `onMessage hook of channel "${this.topic}" threw on "${event}"; the message was dropped.`, { cause }),
      );
      return;
    }
    if (payload && !handledPayload) {
      reportToRuntime(
        new CinderClientError(
          ClientErrorCode.onMessageReturnedNothing,
          `onMessage hook of channel "${this.topic}" returned nothing for "${event}"; the message was dropped. Return the payload, modified or unmodified.`,
        ),
      );
      return;
    }
    const currentJoinRef = joinRef ?? this.joinRef();
    for (const binding of this.#bindings.filter((candidate) => candidate.event === event)) {
      binding.callback(handledPayload, ref, currentJoinRef);
    }
  }

  #bind(event: string, callback: Binding["callback"]): number {
    const ref = this.#nextBindingRef++;
    this.#bindings = [...this.#bindings, { event, ref, callback }];
    return ref;
  }

  #canPush(): boolean {
    return this.socket.isConnected() && this.#state === "joined";
  }

  #rejoin(timeoutMs: number = this.#timeoutMs): void {
    if (this.#state === "leaving") return;
    this.#link.leaveOtherChannelsOnTopic(this.topic, this);
    this.#state = "joining";
    this.#joinPush.resend(timeoutMs);
  }

  #pushHost(): PushHost {
    return {
      topic: this.topic,
      joinRef: () => this.joinRef(),
      makeRef: () => this.socket.makeRef(),
      send: (message) => this.#link.send(message, this),
      bind: (event, callback) => this.#bind(event, callback),
      unbindAll: (event) => this.off(event),
      trigger: (event, reply: ReplyPayload) => this.trigger(event, reply),
    };
  }

  #assertFitsBinaryFrame(event: string): void {
    const encoder = new TextEncoder();
    for (const [name, value] of [["topic", this.topic], ["event", event]] as const) {
      const length = encoder.encode(value).length;
      if (length > MAX_BINARY_FIELD_BYTES) {
        throw new CinderClientError(
          ClientErrorCode.binaryFieldTooLong,
          `A binary push carries its ${name} in at most ${MAX_BINARY_FIELD_BYTES} bytes, but "${value.slice(0, 40)}…" has ${length}. Use a shorter ${name}, or send the data as a JSON payload.`,
        );
      }
    }
  }

  #log(build: () => [message: string, data?: unknown]): void {
    if (!this.socket.hasLogger()) return;
    const [message, data] = build();
    this.socket.log("channel", message, data);
  }
}
