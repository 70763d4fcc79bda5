/**
 * Client bookkeeping attached to DOM elements (hook ids, used-input flags, rate-limit timers,
 * lock clones…). It lives in a WeakMap rather than on expando properties so that elements the
 * page drops are collected with their state and nothing leaks into the element's own API.
 */
export interface ElementState {
  /** The View bound to a LiveView container element. */
  view?: unknown;
  /** Id of the hook instance attached to the element. */
  hookId?: number;
  /** `phx-mounted` already ran for this element. */
  mounted?: boolean;
  /** The user focused or changed this input: it stops being an `_unused_` field. */
  hasFocused?: boolean;
  /** The form was submitted: every field counts as used. */
  hasSubmitted?: boolean;
  /** A patched copy of a locked element, applied when its pending event is acknowledged. */
  lockedClone?: Element;
  /** Event refs whose undo was postponed because a newer event still holds the element. */
  pendingRefs?: number[];
  /** The button that submitted the form, for `phx-trigger-action`. */
  submitter?: HTMLElement | null;
  /** Rate limiting (phx-debounce / phx-throttle) per element. */
  rateLimit?: unknown;
  /** Iteration of the last input/change event, to drop the `change` that follows an `input`. */
  lastInputIteration?: { at: number; type: string };
}

const states = new WeakMap<Element, ElementState>();

/** The state of `element`, created empty on first use. */
export function elementState(element: Element): ElementState {
  let state = states.get(element);
  if (state === undefined) {
    state = {};
    states.set(element, state);
  }
  return state;
}

/** The state of `element` if it has any, without creating it. */
export function peekElementState(element: Element): ElementState | undefined {
  return states.get(element);
}

/**
 * Makes `target` share `source`'s state object. Used while patching: the element that stays in
 * the DOM and the element morphdom compares it with must see the same bookkeeping.
 */
export function shareElementState(source: Element, target: Element): void {
  const state = states.get(source);
  if (state !== undefined) states.set(target, state);
}
