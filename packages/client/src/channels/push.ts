import type { ReplyStatus } from "@cinder/protocol";
import type { OutgoingMessage, OutgoingPayload, ReplyPayload, ReplyResponse } from "./types.js";
import { invokeUserCallback } from "./user-code.js";

/** What a push needs from its channel. */
export interface PushHost {
  readonly topic: string;
  /** The join_ref of the channel's current incarnation. */
  joinRef(): string | null;
  makeRef(): string;
  send(message: OutgoingMessage): void;
  /** Registers an internal binding; returns its ref. */
  bind(event: string, callback: (payload: unknown) => void): number;
  /** Removes every binding of `event`. */
  unbindAll(event: string): void;
  trigger(event: string, payload: ReplyPayload): void;
}

/** The statuses `receive` matches: the server's (`"ok"`, `"error"`, or any string) and the local `"timeout"`. */
export type ReceiveStatus = ReplyStatus | "timeout";

/** A `receive` callback; `"timeout"` passes `{}`. */
export type ReceiveCallback<Response = ReplyResponse> = (response: Response) => void;

/** The binding name under which the reply to `ref` is delivered inside its channel. */
export function replyEventName(ref: string): string {
  return `chan_reply_${ref}`;
}

/**
 * One message sent on a channel and the reply it waits for (spec §1.9). The reply is matched by
 * ref; when none arrives within the timeout the push resolves `"timeout"` locally. The timeout
 * clock starts when the push is made, even while it waits in the channel's buffer.
 *
 * @example
 * ```ts
 * channel.push("new_msg", { body: "hello" })
 *   .receive("ok", (response) => console.log("saved", response))
 *   .receive("error", (response) => console.warn("refused", response))
 *   .receive("timeout", () => console.warn("no answer"));
 * ```
 */
export class Push {
  readonly event: string;
  readonly #host: PushHost;
  readonly #payload: () => OutgoingPayload;
  readonly #hooks: Array<{ status: ReceiveStatus; callback: (response: ReplyResponse) => void }> = [];
  #timeoutMs: number;
  #timeoutTimer: ReturnType<typeof setTimeout> | undefined;
  #received: ReplyPayload | null = null;
  #ref: string | null = null;
  #replyEvent: string | null = null;
  #sent = false;

  /** @internal Pushes are made by `channel.push`, `channel.join` and `channel.leave`. */
  constructor(host: PushHost, event: string, payload: () => OutgoingPayload, timeoutMs: number) {
    this.#host = host;
    this.event = event;
    this.#payload = payload;
    this.#timeoutMs = timeoutMs;
  }

  /** The ref of the current attempt, or null before it was sent (or after a reset). */
  get ref(): string | null {
    return this.#ref;
  }

  get timeout(): number {
    return this.#timeoutMs;
  }

  /** Whether the current attempt went out to the socket (it may still sit in the socket's send buffer). */
  get sent(): boolean {
    return this.#sent;
  }

  /**
   * Calls `callback` with the response when the reply has `status`. A reply that already
   * arrived calls it right away. Returns the push, so calls chain.
   *
   * The response type is what the server promises; pass it as a type argument:
   * `push.receive<{ id: number }>("ok", ({ id }) => …)`.
   */
  receive<Response = ReplyResponse>(status: ReceiveStatus, callback: ReceiveCallback<Response>): this {
    const hook = (response: ReplyResponse) =>
      invokeUserCallback(`receive("${status}") callback of push "${this.event}" on "${this.#host.topic}"`, callback, response as Response);
    if (this.#received?.status === status) hook(this.#received.response);
    this.#hooks.push({ status, callback: hook });
    return this;
  }

  /** @internal Sends again with a fresh ref, as a rejoin does with the join push. */
  resend(timeoutMs: number): void {
    this.#timeoutMs = timeoutMs;
    this.reset();
    this.send();
  }

  /** @internal */
  send(): void {
    if (this.#received?.status === "timeout") return;
    this.startTimeout();
    this.#sent = true;
    this.#host.send({
      topic: this.#host.topic,
      event: this.event,
      payload: this.#payload(),
      ref: this.#ref as string,
      joinRef: this.#host.joinRef(),
    });
  }

  /** @internal Forgets the current attempt and its reply. */
  reset(): void {
    this.#cancelReplyBinding();
    this.#ref = null;
    this.#replyEvent = null;
    this.#received = null;
    this.#sent = false;
  }

  /** @internal */
  cancelTimeout(): void {
    clearTimeout(this.#timeoutTimer);
    this.#timeoutTimer = undefined;
  }

  /** @internal Takes a fresh ref, listens for its reply and starts the timeout clock. */
  startTimeout(): void {
    this.cancelTimeout();
    this.#cancelReplyBinding();
    const ref = this.#host.makeRef();
    const replyEvent = replyEventName(ref);
    this.#ref = ref;
    this.#replyEvent = replyEvent;
    this.#host.bind(replyEvent, (payload) => {
      this.#cancelReplyBinding();
      this.cancelTimeout();
      const reply = payload as ReplyPayload;
      this.#received = reply;
      for (const hook of this.#hooks.filter((candidate) => candidate.status === reply.status)) hook.callback(reply.response);
    });
    this.#timeoutTimer = setTimeout(() => this.trigger("timeout", {}), this.#timeoutMs);
  }

  /** @internal Resolves the push locally, as if the server had replied with `status`. */
  trigger(status: ReceiveStatus, response: ReplyResponse): void {
    if (this.#replyEvent !== null) this.#host.trigger(this.#replyEvent, { status, response });
  }

  #cancelReplyBinding(): void {
    if (this.#replyEvent !== null) this.#host.unbindAll(this.#replyEvent);
  }
}
