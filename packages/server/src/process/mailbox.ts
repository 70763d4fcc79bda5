/**
 * A process mailbox, as on the BEAM: messages are handled strictly one at a time, in the order
 * they were posted, even when the handler is async. While a handler awaits, later messages wait
 * in the queue; nothing else of the same owner runs in between.
 *
 * Invariants:
 * - at most one delivery is in flight;
 * - deliveries happen in post order;
 * - after `close()` or `stop()` no further message is delivered; a `stop()` task runs once,
 *   after the in-flight delivery (if any) has finished, and is the last thing the mailbox runs.
 *
 * A message posted to an idle mailbox is delivered synchronously, inside `post`, so the common
 * case costs no extra tick. A delivery that posts to its own mailbox only enqueues.
 *
 * @example
 * ```ts
 * const mailbox = new Mailbox<string>(async (event) => { await handle(event); }, (error) => log(error));
 * mailbox.post("first");
 * mailbox.post("second"); // runs after "first" has fully finished, awaits included
 * mailbox.stop(() => cleanUp()); // drops what is still queued, then cleans up
 * ```
 */
export type MailboxDelivery<Message> = (message: Message) => void | Promise<void>;

/** Called when a delivery (or the stop task) throws or rejects; the mailbox carries on. */
export type MailboxFailureHandler<Message> = (error: unknown, message: Message | undefined) => void;

type MailboxState = "open" | "stopping" | "stopped";

/** Compact the queue array once this many handled messages sit at its front. */
const COMPACT_AFTER = 1024;

export class Mailbox<Message> {
  readonly #deliver: MailboxDelivery<Message>;
  readonly #onFailure: MailboxFailureHandler<Message>;
  #queue: Message[] = [];
  #head = 0;
  #busy = false;
  #state: MailboxState = "open";
  #stopTask: (() => void | Promise<void>) | undefined;

  constructor(deliver: MailboxDelivery<Message>, onFailure: MailboxFailureHandler<Message>) {
    this.#deliver = deliver;
    this.#onFailure = onFailure;
  }

  /** Messages waiting behind the one in flight. */
  get size(): number {
    return this.#queue.length - this.#head;
  }

  /** True until `close()` or `stop()`. */
  get isOpen(): boolean {
    return this.#state === "open";
  }

  /** Queue `message`; returns false (and drops it) when the mailbox no longer accepts messages. */
  post(message: Message): boolean {
    if (this.#state !== "open") return false;
    this.#queue.push(message);
    if (!this.#busy) this.#drain();
    return true;
  }

  /**
   * Stop accepting and delivering messages now; the in-flight delivery (if any) finishes on its
   * own. Returns the messages that were still queued, so the owner can answer them.
   */
  close(): Message[] {
    const dropped = this.#takeQueued();
    this.#state = "stopped";
    return dropped;
  }

  /**
   * Drop queued messages and run `task` once the in-flight delivery has finished (immediately
   * when idle). Used for shutdowns that must not overlap a running handler.
   */
  stop(task: () => void | Promise<void>): void {
    if (this.#state !== "open") return;
    this.#takeQueued();
    this.#state = "stopping";
    this.#stopTask = task;
    if (!this.#busy) this.#runStopTask();
  }

  #drain(): void {
    this.#busy = true;
    while (this.#state === "open" && this.#head < this.#queue.length) {
      const message = this.#takeNext();
      let pending: void | Promise<void>;
      try {
        pending = this.#deliver(message);
      } catch (error) {
        this.#onFailure(error, message);
        continue;
      }
      if (isPromiseLike(pending)) {
        pending.then(
          () => this.#drain(),
          (error: unknown) => {
            this.#onFailure(error, message);
            this.#drain();
          },
        );
        return;
      }
    }
    this.#busy = false;
    if (this.#state === "stopping") this.#runStopTask();
  }

  #runStopTask(): void {
    const task = this.#stopTask;
    this.#stopTask = undefined;
    this.#state = "stopped";
    if (task === undefined) return;
    try {
      const pending = task();
      if (isPromiseLike(pending)) pending.then(undefined, (error: unknown) => this.#onFailure(error, undefined));
    } catch (error) {
      this.#onFailure(error, undefined);
    }
  }

  #takeNext(): Message {
    const message = this.#queue[this.#head] as Message;
    this.#queue[this.#head] = undefined as Message; // let the handled message be collected
    this.#head++;
    if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return message;
  }

  #takeQueued(): Message[] {
    const queued = this.#queue.slice(this.#head);
    this.#queue = [];
    this.#head = 0;
    return queued;
  }
}

function isPromiseLike(value: unknown): value is Promise<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
