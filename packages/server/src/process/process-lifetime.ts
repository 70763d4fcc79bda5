/**
 * The lifetime of one process — a channel incarnation, and the LiveView living in it — as seen
 * through the handle application code holds (its socket). Sibling modules of the package that
 * hold something on a process's behalf (Presence tracks a user for as long as their channel
 * lives, as Phoenix monitors a pid) register here to learn when it ends, whatever the reason:
 * leave, close of the transport, crash, `stop`, refused join, duplicate join.
 *
 * Not exported from the package index: applications never need it.
 *
 * @example
 * ```ts
 * const lifetime = lifetimeOf(channelSocket);
 * const forget = lifetime?.onEnd(() => untrackEverythingOf(channelSocket));
 * ```
 */
export class ProcessLifetime {
  #ended = false;
  readonly #listeners = new Set<() => void>();

  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Run `listener` once when the process ends (at once if it already has). Returns a function
   * that removes the listener. Listeners are Cinder's own code and must not throw; one that does
   * is reported asynchronously and the others still run.
   */
  onEnd(listener: () => void): () => void {
    if (this.#ended) {
      runListener(listener);
      return noop;
    }
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Called by the process itself when it ends; later calls do nothing. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) runListener(listener);
  }
}

/** Handles (sockets) → the lifetime of the process behind them. Weak: a handle does not keep it alive. */
const lifetimes = new WeakMap<object, ProcessLifetime>();

/** Make `handle` stand for a process with `lifetime` (the process calls this when it creates its socket). */
export function bindLifetime(handle: object, lifetime: ProcessLifetime): void {
  lifetimes.set(handle, lifetime);
}

/** The lifetime of the process behind `handle`, or `undefined` for an object no process bound. */
export function lifetimeOf(handle: object): ProcessLifetime | undefined {
  return lifetimes.get(handle);
}

function runListener(listener: () => void): void {
  try {
    listener();
  } catch (error) {
    // A defect in Cinder itself: surface it without leaving the ending process half released.
    queueMicrotask(() => {
      throw error;
    });
  }
}

function noop(): void {}
