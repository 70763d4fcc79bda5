/**
 * Timing of JS command transitions, and the "blocking" rule: while a blocking transition runs
 * (the default), the runtime holds back DOM updates — server patches, join renders, the next
 * command of a navigation — so a patch cannot cut an animation short. The runtime asks through
 * {@link afterJsTransitions}; JS commands register through {@link runTransition} and
 * {@link holdUntil}.
 *
 * Invariant: queued updates run in the order they were queued, and only when nothing blocks.
 */

/** Blocking transitions and promises still running. */
const blockers = new Set<object>();
const queuedUpdates: Array<() => void> = [];

/**
 * Runs `update` now if no blocking JS transition is running, otherwise as soon as the last one
 * ends. The runtime wraps every DOM update that could disturb a running transition in this.
 *
 * @example
 * ```ts
 * afterJsTransitions(() => viewPatch.perform());
 * ```
 */
export function afterJsTransitions(update: () => void): void {
  if (blockers.size === 0) update();
  else queuedUpdates.push(update);
}

/** True while at least one blocking transition (or blocking `dispatch`) is running. */
export function hasBlockingJsTransitions(): boolean {
  return blockers.size > 0;
}

/** Blocks queued updates until `promise` settles (a blocking `dispatch` waiting for `done()`). */
export function holdUntil(promise: Promise<unknown>): void {
  const token = {};
  blockers.add(token);
  const release = (): void => {
    blockers.delete(token);
    flushQueuedUpdates();
  };
  promise.then(release, release);
}

/**
 * The steps of one CSS transition. A CSS transition only animates when the browser has styled
 * the element in its start state before the end state arrives, so the steps are a frame apart:
 * `begin` now (start classes), `run` on the next frame (transition classes), `settle` on the frame
 * after (end classes), `finish` once `time` has passed (clean up).
 */
export interface TransitionSteps {
  begin(): void;
  run(): void;
  settle(): void;
  finish(): void;
}

/**
 * Runs `steps`. If `time` is shorter than two frames, the pending frame steps run before
 * `finish`, so the element always ends in the same state whatever the timing.
 */
export function runTransition(time: number, blocking: boolean, steps: TransitionSteps): void {
  const pending = [steps.run, steps.settle];
  const runNextStep = (): void => {
    pending.shift()?.();
  };
  steps.begin();
  nextFrame(() => {
    runNextStep();
    nextFrame(runNextStep);
  });

  const token = {};
  if (blocking) blockers.add(token);
  setTimeout(() => {
    while (pending.length > 0) runNextStep();
    try {
      steps.finish();
    } finally {
      if (blocking) {
        blockers.delete(token);
        flushQueuedUpdates();
      }
    }
  }, time);
}

/** Calls `callback` before the next repaint (or soon, where there is no rendering loop). */
export function nextFrame(callback: () => void): void {
  if (typeof globalThis.requestAnimationFrame === "function") globalThis.requestAnimationFrame(() => callback());
  else setTimeout(callback, 0);
}

function flushQueuedUpdates(): void {
  while (blockers.size === 0) {
    const update = queuedUpdates.shift();
    if (update === undefined) return;
    try {
      update();
    } catch (error) {
      // One failing update must not strand the ones queued behind it.
      reportUncaught(error);
    }
  }
}

function reportUncaught(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === "function") report(error);
  else
    setTimeout(() => {
      throw error;
    }, 0);
}
