import type { BindingName } from "../dom/phx-attributes.js";
import { VIEW_SELECTOR } from "../dom/phx-attributes.js";
import type { RateLimiter } from "./rate-limit.js";

/** The binding families that send events. */
export type BindingKind = "click" | "keydown" | "keyup" | "focus" | "blur" | "change" | "submit";

/** One binding fired: what the runtime needs to run its command (a plain event name or JS commands). */
export interface BindingActivation {
  /** A binding family, or the kind of a command run outside one (`mounted`, `js`, …). */
  kind: BindingKind | (string & {});
  /** The element carrying the binding attribute. */
  element: Element;
  /** The attribute's value: an event name, or a JSON list of JS commands. */
  command: string;
  domEvent: Event;
  /** Event metadata merged first into the value (`{key}` for key events, `metadata` option). */
  data: Record<string, unknown>;
  /** For `change`: the control that changed and the element whose `phx-change` applies. */
  change?: { input: Element; dispatcher: Element };
  /** For `submit`: the button that submitted. */
  submitter?: HTMLElement | null;
}

/**
 * What binding observers report to. Observers only watch the DOM and decide that a binding
 * fired; the runtime (LiveSocket) decides what that means for which view.
 */
export interface BindingDelegate {
  readonly binding: BindingName;
  readonly rateLimiter: RateLimiter;
  activate(activation: BindingActivation): void;
  /** Extra value fields from the LiveSocket `metadata` option for this DOM event. */
  metadata(eventName: string, domEvent: Event, element: Element): Record<string, unknown>;
  /** A delayed (debounced) event may still be sent for this element. */
  isAlive(element: Element): boolean;
  /** True while the runtime moves focus itself: focus events then are not the user's. */
  isSilenced(): boolean;
  /** Drop `phx-change` while an IME composition is in progress (option `blockPhxChangeWhileComposing`). */
  readonly blockChangeWhileComposing: boolean;
  /** A plain form submit or page navigation leaves the page: LiveViews should let go. */
  pageWillUnload(): void;
}

/** An observer of one binding family. */
export interface BindingObserver {
  start(): void;
  stop(): void;
}

/**
 * The nearest element (from `start` up) carrying `attribute` and not disabled. The search stops
 * at a LiveView container (not checked itself, unless it is `start`) or at `border`.
 */
export function closestBinding(start: Element, attribute: string, border?: Element): Element | null {
  let element: Element | null = start;
  do {
    if (element.hasAttribute(attribute) && !(element as { disabled?: boolean }).disabled) return element;
    element = element.parentElement;
  } while (element !== null && element !== border && !element.matches(VIEW_SELECTOR));
  return null;
}

/** The element a DOM event happened on (text nodes resolve to their parent). */
export function eventElement(domEvent: Event): Element | null {
  const target = domEvent.target;
  if (target instanceof Element) return target;
  if (target instanceof Node) return target.parentElement;
  return null;
}

/** Window listeners an observer adds in `start()` and removes in `stop()`. */
export class ListenerSet {
  readonly #removers: Array<() => void> = [];

  on<K extends keyof WindowEventMap>(type: K, listener: (event: WindowEventMap[K]) => void, capture = false): void {
    window.addEventListener(type, listener, capture);
    this.#removers.push(() => window.removeEventListener(type, listener, capture));
  }

  removeAll(): void {
    for (const remove of this.#removers.splice(0)) remove();
  }
}
