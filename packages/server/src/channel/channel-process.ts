import { ErrorReason, type JsonObject, type Payload, type ServerMessage } from "@cinder/protocol";
import { serverError } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import { Mailbox } from "../process/mailbox.js";
import { bindLifetime, ProcessLifetime } from "../process/process-lifetime.js";
import { logCallbackFailure, runUserCallback, type CallbackSite } from "../process/user-callback.js";
import type { PubSub, PubSubMessage, Subscription } from "../pubsub/pubsub.js";
import { Broadcast, createBroadcastEnvelope, isBroadcastEnvelope, prepareBroadcastFrame } from "./broadcast.js";
import type { AnyChannelDefinition } from "./channel-router.js";
import { ChannelOutbox } from "./channel-outbox.js";
import { ChannelResources } from "./channel-resources.js";
import { ProcessChannelSocket, type ChannelSocketBackend } from "./channel-socket.js";
import type { TerminateReason } from "./channel-definition.js";
import { isReply, isStop } from "./result-guards.js";
import { error as errorReply, type Reply } from "./results.js";

/** What a channel process needs from the socket connection it lives on. */
export interface ChannelHost {
  readonly pubsub: PubSub;
  readonly logger: Logger;
  readonly socketId: string | undefined;
  /** Hand one encoded frame to the transport (dropped once the connection is closing). */
  sendFrame(data: string | Uint8Array, binary: boolean): void;
  /** The channel ended by itself (leave, stop, crash, refused join); forget it. */
  channelEnded(channel: ChannelProcess): void;
}

export interface ChannelProcessOptions {
  topic: string;
  joinRef: string;
  definition: AnyChannelDefinition;
  host: ChannelHost;
  /** The socket's connect-time assigns; the channel starts with a copy. */
  assigns: Record<string, unknown>;
}

type ChannelMessage =
  | { type: "join"; ref: string; payload: JsonObject; previousIncarnationEnded: Promise<void> | undefined }
  | { type: "in"; event: string; payload: Payload; ref: string | null }
  | { type: "leave"; ref: string }
  | { type: "info"; message: unknown }
  | { type: "out"; event: string; payload: Payload };

/** `joining` until the join reply is sent; `ended` is final. */
type Lifecycle = "joining" | "joined" | "ended";

/** How long a rejoin waits for the old incarnation's `terminate` (Phoenix waits 5 s too). */
const PREVIOUS_INCARNATION_GRACE_MS = 5_000;

const noop = (): void => {};

/**
 * One incarnation of a channel on one socket: Phoenix's channel process. Every client event,
 * info message and intercepted broadcast goes through its mailbox, so callbacks run one at a
 * time in arrival order. Plain broadcasts skip the mailbox (the fastlane) and go straight to
 * the transport as a frame encoded once per node.
 *
 * Invariants:
 * - nothing is sent for this incarnation after it ended, except the one final frame (the
 *   refused-join reply, `phx_close` or `phx_error`);
 * - frames produced while joining are held and sent right after the join reply (the outbox);
 * - timers and subscriptions are released the moment the channel ends;
 * - `terminate` runs at most once, only after a successful join, and never overlaps another
 *   callback of the same channel.
 */
export class ChannelProcess {
  readonly topic: string;
  readonly joinRef: string;
  readonly #definition: AnyChannelDefinition;
  readonly #host: ChannelHost;
  readonly #socket: ProcessChannelSocket<Record<string, unknown>>;
  readonly #mailbox: Mailbox<ChannelMessage>;
  readonly #intercepted: ReadonlySet<string>;
  #lifecycle: Lifecycle = "joining";
  #joinSucceeded = false;
  readonly #outbox: ChannelOutbox;
  #topicSubscription: Subscription | undefined;
  readonly #resources: ChannelResources;
  /** Ends with this incarnation, whatever the reason; what others hold for the channel (Presence) listens to it. */
  readonly #lifetime = new ProcessLifetime();
  /** The client push being handled, for `deferReply`. */
  #currentPush: { ref: string | null } | undefined;
  #onJoinSettled: () => void = noop;

  constructor(options: ChannelProcessOptions) {
    this.topic = options.topic;
    this.joinRef = options.joinRef;
    this.#definition = options.definition;
    this.#host = options.host;
    this.#intercepted = new Set(options.definition.intercept ?? []);
    this.#outbox = new ChannelOutbox(options.topic, (data, binary) => options.host.sendFrame(data, binary));
    this.#resources = new ChannelResources(options.host.pubsub, options.host.logger, `channel "${options.topic}"`);
    this.#socket = new ProcessChannelSocket(options.topic, options.joinRef, options.host.socketId, options.assigns, this.#createBackend());
    bindLifetime(this.#socket, this.#lifetime);
    this.#mailbox = new Mailbox<ChannelMessage>(
      (message) => this.#handle(message),
      (error) => {
        // Only a defect in Cinder itself gets here: user code failures are values by now.
        this.#host.logger.error({ topic: this.topic, err: error }, `internal error in channel "${this.topic}"`);
        this.#crash();
      },
    );
  }

  get lifecycle(): Lifecycle {
    return this.#lifecycle;
  }

  /** A getter, not a field comparison: the lifecycle changes across awaits, narrowing must not stick. */
  get #hasEnded(): boolean {
    return this.#lifecycle === "ended";
  }

  /**
   * Run `join`; its reply is sent when it settles, then `onJoinSettled` runs (the socket uses it
   * to send the old incarnation's `phx_close` after the new join reply). The join waits for
   * `previousIncarnationEnded` (a duplicate join's predecessor terminating) first.
   */
  join(ref: string, payload: JsonObject, onJoinSettled: () => void, previousIncarnationEnded?: Promise<void>): void {
    this.#onJoinSettled = onJoinSettled;
    this.#mailbox.post({ type: "join", ref, payload, previousIncarnationEnded });
  }

  handleIn(event: string, payload: Payload, ref: string | null): void {
    this.#mailbox.post({ type: "in", event, payload, ref });
  }

  leave(ref: string): void {
    this.#mailbox.post({ type: "leave", ref });
  }

  /**
   * End this incarnation from outside (duplicate join, transport closed): nothing more is sent,
   * queued messages are dropped, and `terminate(reason)` runs after the callback in flight.
   * Resolves once `terminate` has finished.
   */
  shutdown(reason: TerminateReason): Promise<void> {
    if (this.#hasEnded) return Promise.resolve();
    this.#lifecycle = "ended";
    this.#release();
    this.#settleJoin();
    return new Promise((resolve) => {
      this.#mailbox.stop(async () => {
        if (this.#joinSucceeded) await this.#terminate(reason);
        resolve();
      });
    });
  }

  async #handle(message: ChannelMessage): Promise<void> {
    if (this.#hasEnded) return;
    switch (message.type) {
      case "join":
        return this.#handleJoin(message.ref, message.payload, message.previousIncarnationEnded);
      case "in":
        return this.#handleIn(message.event, message.payload, message.ref);
      case "leave":
        return this.#handleLeave(message.ref);
      case "info":
        return this.#handleInfo(message.message);
      case "out":
        return this.#handleOut(message.event, message.payload);
    }
  }

  async #handleJoin(ref: string, payload: JsonObject, previousIncarnationEnded: Promise<void> | undefined): Promise<void> {
    if (previousIncarnationEnded !== undefined) {
      await settledWithin(previousIncarnationEnded, PREVIOUS_INCARNATION_GRACE_MS);
      if (this.#hasEnded) return;
    }
    const outcome = await this.#call("join", () => this.#definition.join(this.topic, payload, this.#socket));
    if (!outcome.ok) return this.#refuseJoin(ref, errorReply({ reason: ErrorReason.joinCrashed }));
    const result = outcome.value;
    if (!isReply(result)) {
      logCallbackFailure(this.#host.logger, this.#site("join"), serverError("CINDER_CHANNEL_INVALID_JOIN_RESULT", this.topic, result));
      return this.#refuseJoin(ref, errorReply({ reason: ErrorReason.joinCrashed }));
    }
    if (this.#hasEnded) {
      this.#joinSucceeded = result.status === "ok";
      return;
    }
    if (result.status !== "ok") return this.#refuseJoin(ref, result);

    let subscription: Subscription;
    try {
      subscription = await this.#host.pubsub.subscribe(this.topic, (message) => this.#onTopicMessage(message));
    } catch (error) {
      this.#host.logger.error({ topic: this.topic, err: error }, `could not subscribe channel "${this.topic}" to PubSub`);
      this.#refuseJoin(ref, errorReply({ reason: ErrorReason.joinCrashed }));
      void this.#terminate("crashed"); // join itself succeeded; let it undo what it did
      return;
    }
    this.#joinSucceeded = true;
    if (this.#hasEnded) {
      void subscription.unsubscribe();
      return;
    }
    this.#topicSubscription = subscription;
    this.#lifecycle = "joined";
    try {
      this.#outbox.sendNow({ kind: "reply", joinRef: this.joinRef, ref, topic: this.topic, status: result.status, response: result.response });
    } catch (error) {
      logCallbackFailure(this.#host.logger, this.#site("join"), error);
      this.#crash();
      return;
    }
    this.#outbox.open();
    this.#settleJoin();
  }

  /** A refused or crashed join: reply, forget the channel, answer what queued behind the join. */
  #refuseJoin(ref: string, reply: Reply): void {
    if (this.#hasEnded) return;
    this.#lifecycle = "ended";
    this.#host.channelEnded(this);
    this.#release();
    this.#outbox.sendNow({ kind: "reply", joinRef: this.joinRef, ref, topic: this.topic, status: reply.status, response: reply.response });
    // The socket would have answered these itself had it known the join would fail.
    for (const message of this.#mailbox.close()) {
      if (message.type === "in" && message.ref !== null) {
        this.#outbox.sendNow({ kind: "reply", joinRef: null, ref: message.ref, topic: this.topic, status: "error", response: { reason: ErrorReason.unmatchedTopic } });
      } else if (message.type === "leave") {
        this.#outbox.sendNow({ kind: "reply", joinRef: this.joinRef, ref: message.ref, topic: this.topic, status: "ok", response: {} });
      }
    }
    this.#settleJoin();
  }

  async #handleIn(event: string, payload: Payload, ref: string | null): Promise<void> {
    if (this.#definition.handleIn === undefined) {
      logCallbackFailure(this.#host.logger, this.#site("handleIn"), serverError("CINDER_CHANNEL_NO_HANDLE_IN", this.topic, event));
      return this.#crash();
    }
    this.#currentPush = { ref };
    const outcome = await this.#call("handleIn", () => this.#definition.handleIn?.(event, payload, this.#socket));
    this.#currentPush = undefined;
    if (this.#hasEnded) return;
    if (!outcome.ok) return this.#crash();
    this.#applyResult("handleIn", outcome.value, ref);
  }

  #handleLeave(ref: string): void {
    this.#outbox.emit({ kind: "reply", joinRef: this.joinRef, ref, topic: this.topic, status: "ok", response: {} });
    this.#finish({ kind: "close", joinRef: this.joinRef, topic: this.topic }, "left");
  }

  async #handleInfo(message: unknown): Promise<void> {
    if (this.#definition.handleInfo === undefined) {
      this.#host.logger.warn({ code: "CINDER_CHANNEL_UNHANDLED_INFO", topic: this.topic }, serverError("CINDER_CHANNEL_UNHANDLED_INFO", this.topic).message);
      return;
    }
    const outcome = await this.#call("handleInfo", () => this.#definition.handleInfo?.(message, this.#socket));
    if (this.#hasEnded) return;
    if (!outcome.ok) return this.#crash();
    this.#applyResult("handleInfo", outcome.value, null);
  }

  async #handleOut(event: string, payload: Payload): Promise<void> {
    if (this.#definition.handleOut === undefined) {
      this.#pushOrCrash("handleOut", event, payload);
      return;
    }
    const outcome = await this.#call("handleOut", () => this.#definition.handleOut?.(event, payload, this.#socket));
    if (this.#hasEnded) return;
    if (!outcome.ok) return this.#crash();
    this.#applyResult("handleOut", outcome.value, null);
  }

  /** Turn a callback's result into frames; a result of the wrong shape crashes the channel. */
  #applyResult(callback: "handleIn" | "handleInfo" | "handleOut", value: unknown, ref: string | null): void {
    try {
      if (value === undefined) return;
      if (isStop(value)) {
        if (value.reply !== undefined && ref !== null) this.#emitReply(ref, value.reply);
        this.#finish({ kind: "close", joinRef: this.joinRef, topic: this.topic }, value.reason);
        return;
      }
      if (callback === "handleIn" && isReply(value)) {
        if (ref !== null) this.#emitReply(ref, value);
        return;
      }
      throw serverError("CINDER_CHANNEL_INVALID_RESULT", this.topic, callback, value);
    } catch (error) {
      logCallbackFailure(this.#host.logger, this.#site(callback), error);
      this.#crash();
    }
  }

  #pushOrCrash(callback: string, event: string, payload: Payload): void {
    try {
      this.#outbox.emit({ kind: "push", joinRef: this.joinRef, topic: this.topic, event, payload });
    } catch (error) {
      logCallbackFailure(this.#host.logger, this.#site(callback), error);
      this.#crash();
    }
  }

  #emitReply(ref: string, reply: Reply): void {
    this.#outbox.emit({ kind: "reply", joinRef: this.joinRef, ref, topic: this.topic, status: reply.status, response: reply.response });
  }

  #crash(): void {
    this.#finish({ kind: "error", joinRef: this.joinRef, topic: this.topic, payload: { reason: ErrorReason.channelCrash } }, "crashed");
  }

  /** End from inside: one final frame, release everything, then `terminate`. */
  #finish(finalMessage: ServerMessage, reason: TerminateReason): void {
    if (this.#hasEnded) return;
    this.#lifecycle = "ended";
    this.#host.channelEnded(this);
    this.#release();
    this.#mailbox.close();
    this.#outbox.sendNow(finalMessage);
    if (this.#joinSucceeded) void this.#terminate(reason);
  }

  async #terminate(reason: TerminateReason): Promise<void> {
    if (this.#definition.terminate === undefined) return;
    await this.#call("terminate", () => this.#definition.terminate?.(reason, this.#socket));
  }

  #onTopicMessage(message: PubSubMessage): void {
    if (this.#hasEnded) return;
    if (!isBroadcastEnvelope(message)) {
      this.#mailbox.post({ type: "info", message });
      return;
    }
    if (this.#intercepted.has(message.event)) {
      this.#mailbox.post({ type: "out", event: message.event, payload: message.payload });
      return;
    }
    const frame = prepareBroadcastFrame(this.topic, message);
    this.#outbox.deliver(frame.data, frame.binary);
  }

  #settleJoin(): void {
    const settle = this.#onJoinSettled;
    this.#onJoinSettled = noop;
    settle();
  }

  #release(): void {
    this.#outbox.close();
    this.#resources.release(this.#topicSubscription);
    this.#topicSubscription = undefined;
    this.#lifetime.end();
  }

  #site(callback: string): CallbackSite {
    return { owner: `channel "${this.topic}"`, callback, fields: { topic: this.topic, joinRef: this.joinRef, socketId: this.#host.socketId } };
  }

  #call<T>(callback: string, run: () => T | Promise<T>) {
    return runUserCallback(this.#host.logger, this.#site(callback), run);
  }

  #createBackend(): ChannelSocketBackend {
    return {
      push: (event, payload) => this.#outbox.emit({ kind: "push", joinRef: this.joinRef, topic: this.topic, event, payload }),
      broadcast: (event, payload, excludeSelf) => {
        const envelope = createBroadcastEnvelope(event, payload);
        const self = this.#topicSubscription;
        if (excludeSelf && self !== undefined) return this.#host.pubsub.broadcastFrom(self, this.topic, envelope);
        return this.#host.pubsub.broadcast(this.topic, envelope);
      },
      subscribe: (topic) => this.#resources.subscribe(topic, (message, from) => this.#onSubscribedMessage(message, from)),
      unsubscribe: (topic) => this.#resources.unsubscribe(topic),
      sendAfter: (ms, message) => this.#resources.startTimer(ms, () => this.#mailbox.post({ type: "info", message })),
      deferReply: () => this.#deferReply(),
    };
  }

  #onSubscribedMessage(message: PubSubMessage, topic: string): void {
    if (this.#hasEnded) return;
    const info = isBroadcastEnvelope(message) ? new Broadcast(topic, message.event, message.payload) : message;
    this.#mailbox.post({ type: "info", message: info });
  }

  #deferReply(): (reply: Reply) => void {
    const push = this.#currentPush;
    if (push === undefined) throw serverError("CINDER_CHANNEL_DEFER_REPLY_OUTSIDE_HANDLE_IN", this.topic);
    let replied = false;
    // Called from timers and promise callbacks, where a throw would take the process down:
    // misuse is logged, never thrown.
    return (reply) => {
      const site = this.#site("deferred reply");
      if (replied) {
        logCallbackFailure(this.#host.logger, site, serverError("CINDER_CHANNEL_DEFER_REPLY_TWICE", this.topic));
        return;
      }
      replied = true;
      if (push.ref === null || this.#hasEnded) return;
      try {
        if (!isReply(reply)) throw serverError("CINDER_CHANNEL_INVALID_RESULT", this.topic, "deferred reply", reply);
        this.#emitReply(push.ref, reply);
      } catch (error) {
        logCallbackFailure(this.#host.logger, site, error);
      }
    };
  }
}

/** Wait for `promise`, but no longer than `ms`. */
async function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
