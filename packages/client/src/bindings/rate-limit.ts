import type { BindingName } from "../dom/phx-attributes.js";
import { formOf } from "../dom/form-elements.js";

/** Defaults for `phx-debounce=""` and `phx-throttle=""`, in milliseconds. */
export interface RateLimitDefaults {
  debounce: number;
  throttle: number;
}

interface ElementRateState {
  /** Bumped by every event; a timer only fires its callback if no newer event came. */
  cycle: number;
  pending: (() => void) | null;
  throttleTimer: ReturnType<typeof setTimeout> | null;
  previousKey: string | undefined;
  blurBound: boolean;
}

export interface RateLimitReporter {
  (code: string, message: string, metadata: Record<string, unknown>): void;
}

/**
 * `phx-debounce` and `phx-throttle` (spec §3.8.5), client side only:
 * - debounce `<ms>`: run the latest event once the element was quiet for ms; a blur runs it now;
 * - debounce `blur`: run the latest event when the element loses focus;
 * - throttle `<ms>`: run the first event, drop the rest for ms (a new key on keydown passes);
 * - a form submit cancels pending debounced changes of its inputs (the submit carries the values);
 * - `isAlive` is checked before a delayed run, so a removed element or destroyed view sends nothing.
 */
export class RateLimiter {
  readonly #states = new WeakMap<Element, ElementRateState>();
  readonly #boundForms = new WeakSet<HTMLFormElement>();
  readonly #binding: BindingName;
  readonly #defaults: () => RateLimitDefaults;
  readonly #report: RateLimitReporter;

  constructor(binding: BindingName, defaults: () => RateLimitDefaults, report: RateLimitReporter) {
    this.#binding = binding;
    this.#defaults = defaults;
    this.#report = report;
  }

  run(element: Element, domEvent: Event, isAlive: () => boolean, callback: () => void): void {
    if (domEvent.type === "blur" || domEvent.type === "focusout") {
      callback();
      return;
    }
    let debounce = element.getAttribute(this.#binding("debounce"));
    let throttle = element.getAttribute(this.#binding("throttle"));
    if (debounce === "") debounce = String(this.#defaults().debounce);
    if (throttle === "") throttle = String(this.#defaults().throttle);
    const setting = debounce ?? throttle;
    if (setting === null) {
      callback();
      return;
    }
    const state = this.#state(element);
    if (setting === "blur") {
      this.#arm(state, () => isAlive() && callback());
      this.#bindBlur(element, state);
      return;
    }
    const milliseconds = Number.parseInt(setting, 10);
    if (Number.isNaN(milliseconds)) {
      this.#report("dom.invalid-debounce", `invalid phx-debounce/phx-throttle value: ${setting}`, { value: setting });
      return;
    }
    this.#bindBlur(element, state);
    this.#bindFormSubmit(element);
    if (throttle !== null && debounce === null) {
      this.#throttle(state, domEvent, milliseconds, callback);
    } else {
      const cycle = this.#arm(state, () => isAlive() && callback());
      setTimeout(() => this.#fire(state, cycle), milliseconds);
    }
  }

  #throttle(state: ElementRateState, domEvent: Event, milliseconds: number, callback: () => void): void {
    let newKey = false;
    if (domEvent.type === "keydown") {
      const key = (domEvent as KeyboardEvent).key;
      newKey = state.previousKey !== key;
      state.previousKey = key;
    }
    if (!newKey && state.throttleTimer !== null) return;
    callback();
    if (state.throttleTimer !== null) clearTimeout(state.throttleTimer);
    state.throttleTimer = setTimeout(() => {
      state.throttleTimer = null;
    }, milliseconds);
  }

  #state(element: Element): ElementRateState {
    let state = this.#states.get(element);
    if (state === undefined) {
      state = { cycle: 0, pending: null, throttleTimer: null, previousKey: undefined, blurBound: false };
      this.#states.set(element, state);
    }
    return state;
  }

  #arm(state: ElementRateState, pending: () => void): number {
    state.cycle += 1;
    state.pending = pending;
    return state.cycle;
  }

  /** Runs the pending callback if `cycle` is still the latest (or always, without a cycle). */
  #fire(state: ElementRateState, cycle?: number): void {
    if (cycle !== undefined && cycle !== state.cycle) return;
    const pending = state.pending;
    state.pending = null;
    state.cycle += 1;
    pending?.();
  }

  #cancel(element: Element): void {
    const state = this.#states.get(element);
    if (state === undefined) return;
    state.cycle += 1;
    state.pending = null;
    if (state.throttleTimer !== null) clearTimeout(state.throttleTimer);
    state.throttleTimer = null;
  }

  #bindBlur(element: Element, state: ElementRateState): void {
    if (state.blurBound) return;
    state.blurBound = true;
    element.addEventListener("blur", () => {
      if (state.throttleTimer !== null) clearTimeout(state.throttleTimer);
      state.throttleTimer = null;
      this.#fire(state);
    });
  }

  #bindFormSubmit(element: Element): void {
    const form = formOf(element);
    if (form === null || this.#boundForms.has(form)) return;
    this.#boundForms.add(form);
    form.addEventListener("submit", () => {
      for (const control of Array.from(form.elements)) this.#cancel(control);
    });
  }
}
