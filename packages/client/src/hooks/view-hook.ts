import type { JsCommandsApi } from "../js/js-imperative.js";

/** Where a hook pushes an event: a CSS selector, a component id (`@myself`), or an element. */
export type HookEventTarget = string | number | HTMLElement;

/** The reply of a hook event: the `r` map of the server's reply diff (`null` when there is none). */
export interface HookEventReply {
  reply: unknown;
  /** The client-side ref of the event. */
  ref: number;
}

export type HookReplyCallback = (reply: unknown, ref: number) => void;

/** A registration made with `handleEvent`, for `removeHandleEvent`. */
export interface HandleEventRef {
  readonly event: string;
  readonly listener: (event: Event) => void;
}

/** What a hook needs from the View it lives in. */
export interface HookHost {
  readonly viewId: string;
  /** The LiveSocket, exposed to hooks as `this.liveSocket`. */
  readonly liveSocket: unknown;
  /** JS commands from JavaScript, as `this.js()` (pushes go to the hook's view). */
  jsCommands(): JsCommandsApi;
  /** Pushes a `hook` event once per resolved target (a selector may match several elements). */
  pushHookEvent(source: HTMLElement, target: HookEventTarget | null, event: string, payload: unknown): Array<Promise<HookEventReply>>;
}

const hostOf = new WeakMap<ViewHook, HookHost>();
const listenersOf = new WeakMap<ViewHook, Set<HandleEventRef>>();

/**
 * A client hook instance (spec §3.14): the object `this` refers to inside hook callbacks. Extend
 * it for a class-based hook, or pass an object literal of callbacks to the LiveSocket `hooks`
 * option — both get the same API.
 *
 * @example
 * ```ts
 * class Chart extends ViewHook<HTMLCanvasElement> {
 *   mounted() {
 *     this.handleEvent("points", (points) => draw(this.el, points));
 *     this.pushEvent("chart-ready", { width: this.el.width }).then((reply) => console.log(reply));
 *   }
 * }
 * new LiveSocket("/live", { hooks: { Chart } }).connect();
 * ```
 */
export class ViewHook<E extends HTMLElement = HTMLElement> {
  readonly el: E;

  constructor(host: HookHost, el: E) {
    this.el = el;
    hostOf.set(this, host);
    listenersOf.set(this, new Set());
  }

  /** The LiveSocket this hook's view belongs to. */
  get liveSocket(): unknown {
    return this.#host().liveSocket;
  }

  mounted(): void {}
  beforeUpdate(_toEl: E): void {}
  updated(): void {}
  destroyed(): void {}
  disconnected(): void {}
  reconnected(): void {}

  /**
   * JS commands from the hook's code, acting like the same commands in an attribute.
   *
   * @example
   * ```ts
   * this.js().hide(this.el, { transition: ["fade-out", "opacity-100", "opacity-0"] });
   * ```
   */
  js(): JsCommandsApi {
    return this.#host().jsCommands();
  }

  /**
   * Pushes a `hook` event to the view (or the component the element is in). Without `onReply`
   * returns a promise of the reply; it rejects when the view is not connected or the push fails.
   */
  pushEvent(event: string, payload?: unknown): Promise<unknown>;
  pushEvent(event: string, payload: unknown, onReply: HookReplyCallback): void;
  pushEvent(event: string, payload: unknown = {}, onReply?: HookReplyCallback): Promise<unknown> | void {
    const [promise] = this.#host().pushHookEvent(this.el, null, event, payload);
    const settled = promise ?? Promise.reject(new Error("the hook's view pushed nothing"));
    if (onReply === undefined) return settled.then(({ reply }) => reply);
    // A failed push is already reported as a diagnostic; the callback only sees replies.
    settled.then(({ reply, ref }) => onReply(reply, ref), () => undefined);
  }

  /** Like `pushEvent`, to the view/component of each element `target` resolves to. */
  pushEventTo(target: HookEventTarget, event: string, payload?: unknown): Promise<Array<PromiseSettledResult<HookEventReply>>>;
  pushEventTo(target: HookEventTarget, event: string, payload: unknown, onReply: HookReplyCallback): void;
  pushEventTo(
    target: HookEventTarget,
    event: string,
    payload: unknown = {},
    onReply?: HookReplyCallback,
  ): Promise<Array<PromiseSettledResult<HookEventReply>>> | void {
    const promises = this.#host().pushHookEvent(this.el, target, event, payload);
    if (onReply === undefined) return Promise.allSettled(promises);
    for (const promise of promises) promise.then(({ reply, ref }) => onReply(reply, ref), () => undefined);
  }

  /** Calls `callback` with the payload of every server `push_event` named `event` (a `phx:<event>` window event). */
  handleEvent(event: string, callback: (payload: unknown) => void): HandleEventRef {
    const listener = (domEvent: Event): void => callback((domEvent as CustomEvent).detail);
    const ref: HandleEventRef = { event, listener };
    window.addEventListener(`phx:${event}`, listener);
    listenersOf.get(this)?.add(ref);
    return ref;
  }

  removeHandleEvent(ref: HandleEventRef): void {
    window.removeEventListener(`phx:${ref.event}`, ref.listener);
    listenersOf.get(this)?.delete(ref);
  }

  #host(): HookHost {
    const host = hostOf.get(this);
    if (host === undefined) throw new Error("ViewHook used before its constructor ran");
    return host;
  }
}

/** Removes every `handleEvent` listener of a destroyed hook. */
export function releaseHookListeners(hook: ViewHook): void {
  for (const ref of Array.from(listenersOf.get(hook) ?? [])) hook.removeHandleEvent(ref);
}

/**
 * An object-literal hook. Inside its callbacks `this` is the hook instance (with `el`,
 * `pushEvent`, …) plus the object's own fields.
 *
 * @example
 * ```ts
 * const Focus: Hook<{ focusedAt?: number }, HTMLInputElement> = {
 *   mounted() { this.el.focus(); this.focusedAt = Date.now(); },
 * };
 * ```
 */
export interface Hook<State extends object = object, E extends HTMLElement = HTMLElement> {
  mounted?(this: State & ViewHook<E>): void;
  beforeUpdate?(this: State & ViewHook<E>, toEl: E): void;
  updated?(this: State & ViewHook<E>): void;
  destroyed?(this: State & ViewHook<E>): void;
  disconnected?(this: State & ViewHook<E>): void;
  reconnected?(this: State & ViewHook<E>): void;
  [field: string]: unknown;
}

/** A hook class: `ViewHook` or a subclass of it. */
export type HookClass = new (host: HookHost, el: never) => ViewHook;

/** What the LiveSocket `hooks` option maps names to. */
export type HookDefinition = HookClass | Hook;

const PROTECTED_FIELDS = new Set(["el", "liveSocket", "js", "pushEvent", "pushEventTo", "handleEvent", "removeHandleEvent", "constructor"]);

/** Builds the hook instance for `el` from a class or an object literal. */
export function instantiateHook(definition: HookDefinition, host: HookHost, el: HTMLElement): ViewHook {
  // The element type a hook class declares is the application's promise about its markup.
  if (typeof definition === "function") return new definition(host, el as never);
  const hook = new ViewHook(host, el) as ViewHook & Record<string, unknown>;
  for (const [field, value] of Object.entries(definition)) {
    if (PROTECTED_FIELDS.has(field)) {
      console.warn(`hook object for #${el.id} defines "${field}", which would shadow the hook API; it is ignored`);
      continue;
    }
    hook[field] = value;
  }
  return hook;
}

/** True for a value usable as a hook definition. */
export function isHookDefinition(value: unknown): value is HookDefinition {
  if (typeof value === "function") return value === ViewHook || value.prototype instanceof ViewHook;
  return typeof value === "object" && value !== null;
}
