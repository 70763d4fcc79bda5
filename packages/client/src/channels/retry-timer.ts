/**
 * A timer for retries with a schedule: the n-th consecutive scheduling waits `delayForTry(n)`.
 * `reset()` starts the schedule over; scheduling again cancels the pending attempt.
 *
 * Used for socket reconnects and channel rejoins, whose schedules are replaceable functions.
 *
 * @example
 * ```ts
 * const reconnect = new RetryTimer(() => socket.connect(), (tries) => [1000, 5000][tries - 1] ?? 10_000);
 * reconnect.schedule(); // fires after 1000 ms
 * // … once it has fired and failed again:
 * reconnect.schedule(); // fires after 5000 ms
 * reconnect.reset();    // the next schedule waits 1000 ms again
 * ```
 */
export class RetryTimer {
  readonly #callback: () => void;
  readonly #delayForTry: (tries: number) => number;
  #pending: ReturnType<typeof setTimeout> | undefined;
  #tries = 0;

  constructor(callback: () => void, delayForTry: (tries: number) => number) {
    this.#callback = callback;
    this.#delayForTry = delayForTry;
  }

  /** How many attempts have fired since the last reset. */
  get tries(): number {
    return this.#tries;
  }

  /** Cancels any pending attempt and forgets the attempts made so far. */
  reset(): void {
    this.#tries = 0;
    this.cancelPending();
  }

  /** Cancels the pending attempt but keeps counting: the next schedule continues the backoff. */
  cancelPending(): void {
    clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  /** Schedules the next attempt, replacing a pending one. */
  schedule(): void {
    this.cancelPending();
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#tries += 1;
      this.#callback();
    }, this.#delayForTry(this.#tries + 1));
  }
}
