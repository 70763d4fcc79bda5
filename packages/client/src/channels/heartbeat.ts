/** What the heartbeat needs from the socket. */
export interface HeartbeatDelegate {
  isConnected(): boolean;
  /** Sends `[null, ref, "phoenix", "heartbeat", {}]` and returns its ref. */
  sendHeartbeat(): string;
  /** No reply came within one interval: the connection is presumed dead. */
  heartbeatTimedOut(): void;
}

/**
 * The heartbeat schedule of spec §1.7: one heartbeat an interval after the connection opened,
 * the next an interval after each reply, and a timeout when a reply is an interval late. At most
 * one heartbeat is outstanding at a time.
 */
export class Heartbeat {
  readonly #intervalMs: number;
  readonly #delegate: HeartbeatDelegate;
  #nextHeartbeat: ReturnType<typeof setTimeout> | undefined;
  #replyDeadline: ReturnType<typeof setTimeout> | undefined;
  #pendingRef: string | null = null;

  constructor(intervalMs: number, delegate: HeartbeatDelegate) {
    this.#intervalMs = intervalMs;
    this.#delegate = delegate;
  }

  /** Forgets any outstanding heartbeat and sends the next one an interval from now. */
  start(): void {
    this.stop();
    this.#nextHeartbeat = setTimeout(() => this.#beat(), this.#intervalMs);
  }

  /** Cancels both timers. A late reply to the forgotten heartbeat will not restart them. */
  stop(): void {
    clearTimeout(this.#nextHeartbeat);
    clearTimeout(this.#replyDeadline);
    this.#nextHeartbeat = undefined;
    this.#replyDeadline = undefined;
    this.#pendingRef = null;
  }

  /** Call with the ref of every incoming message; the reply to the outstanding heartbeat restarts the cycle. */
  acknowledge(ref: string | null): void {
    if (ref !== null && ref === this.#pendingRef) this.start();
  }

  #beat(): void {
    if (this.#pendingRef !== null && !this.#delegate.isConnected()) return;
    this.#pendingRef = this.#delegate.sendHeartbeat();
    this.#replyDeadline = setTimeout(() => this.#expire(), this.#intervalMs);
  }

  #expire(): void {
    if (this.#pendingRef === null) return;
    this.#pendingRef = null;
    this.#delegate.heartbeatTimedOut();
  }
}
