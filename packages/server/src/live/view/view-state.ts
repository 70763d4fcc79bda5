import type { JsonObject, JsonValue, PushedEvent } from "@cinder/protocol";
import type { Logger } from "../../logger.js";
import type { ComponentId, LiveComponent } from "../components/live-component.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import type { LiveStream } from "../streams/live-stream.js";
import { assertExternalUrl, assertLocalPath, type Navigation } from "../navigation/navigation.js";
import type { Flash } from "./live-view.js";
import type { LiveViewSocket } from "./live-view-socket.js";
import { createViewExtensions, type ViewExtensions } from "./view-extensions.js";

/** What a view's socket asks of its process once connected (the HTTP render has none). */
export interface ViewProcessBackend {
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  sendAfter(ms: number, message: unknown): () => void;
  sendInterval(ms: number, message: unknown): () => void;
}

export interface ViewStateOptions {
  id: string;
  /** The view's name for logs. */
  viewLabel: string;
  connected: boolean;
  connectParams: JsonObject | undefined;
  flash: Flash;
  backend: ViewProcessBackend | undefined;
  /** Where live components log what a client can cause (unknown cid or event). */
  logger?: Logger | undefined;
}

const noop = (): void => {};

/**
 * Everything a view's callbacks change, kept off the socket object users see: assigns, flash,
 * title, pushed events and the pending navigation. The runtime reads and clears the effects
 * after each callback.
 *
 * Invariant: `assigns` is replaced, never mutated, so a reference a callback kept stays as it was;
 * `dirty` is set only when some key's value changed (`Object.is`).
 */
export class ViewState {
  readonly id: string;
  readonly connected: boolean;
  readonly connectParams: JsonObject | undefined;
  readonly socket: LiveViewSocket<Record<string, unknown>>;
  /** Live components and streams of this view (hook points, see view-extensions.ts). */
  readonly extensions: ViewExtensions;
  assigns: Readonly<Record<string, unknown>>;
  #dirty = true;
  #flashPutInCallback: Record<string, string> = {};
  #title: string | undefined;
  #titleToSend: string | undefined;
  #events: PushedEvent[] = [];
  #navigation: Navigation | undefined;
  #backend: ViewProcessBackend | undefined;

  constructor(options: ViewStateOptions) {
    this.id = options.id;
    this.connected = options.connected;
    this.connectParams = options.connectParams;
    this.#backend = options.backend;
    this.assigns = { flash: { ...options.flash } };
    this.socket = new ViewSocket(this);
    this.extensions = createViewExtensions({
      viewLabel: options.viewLabel,
      connected: options.connected,
      view: this,
      markDirty: () => this.markDirty(),
      logger: options.logger,
    });
  }

  /** True when a render is due: assigns changed, or a component or stream has something to send. */
  get dirty(): boolean {
    return this.#dirty || this.extensions.components.hasPendingRender() || this.extensions.streams.hasPendingRender();
  }

  /** True when the view's own template must be rendered (not only its live components). */
  get viewNeedsRender(): boolean {
    return this.#dirty || this.extensions.streams.hasPendingRender();
  }

  get flash(): Flash {
    return this.assigns.flash as Flash;
  }

  get title(): string | undefined {
    return this.#title;
  }

  get hasNavigation(): boolean {
    return this.#navigation !== undefined;
  }

  assign(values: unknown): void {
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw serverError("CINDER_LIVE_INVALID_ASSIGNS", describeValue(values));
    }
    let next: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(values)) {
      if (key === "flash") throw serverError("CINDER_LIVE_RESERVED_ASSIGN", key);
      if (key === "streams") throw serverError("CINDER_STREAM_RESERVED_ASSIGN");
      if (Object.hasOwn(this.assigns, key) && Object.is(this.assigns[key], value)) continue;
      next ??= { ...this.assigns };
      Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    }
    if (next === undefined) return;
    this.assigns = next;
    this.#dirty = true;
  }

  /** The `streams` assign, set by the view's streams when one is created (`assign` refuses the key). */
  setStreamsAssign(streams: Readonly<Record<string, LiveStream<unknown>>>): void {
    this.assigns = { ...this.assigns, streams };
    this.#dirty = true;
  }

  putFlash(kind: unknown, message: unknown): void {
    if (typeof kind !== "string" || typeof message !== "string") throw serverError("CINDER_LIVE_INVALID_FLASH");
    this.#flashPutInCallback[kind] = message;
    if (this.flash[kind] === message && Object.hasOwn(this.flash, kind)) return;
    this.#setFlash({ ...this.flash, [kind]: message });
  }

  clearFlash(kind?: string): void {
    if (kind === undefined) {
      this.#flashPutInCallback = {};
      if (Object.keys(this.flash).length > 0) this.#setFlash({});
      return;
    }
    delete this.#flashPutInCallback[kind];
    if (!Object.hasOwn(this.flash, kind)) return;
    const next = { ...this.flash };
    delete next[kind];
    this.#setFlash(next);
  }

  pageTitle(title: unknown): void {
    const text = String(title);
    if (text === this.#title) return;
    this.#title = text;
    this.#titleToSend = text;
  }

  pushEvent(name: unknown, payload: JsonValue): void {
    if (typeof name !== "string" || name === "") throw serverError("CINDER_LIVE_INVALID_EVENT_NAME", name);
    this.#events.push([name, payload]);
  }

  navigate(navigation: Navigation): void {
    if (navigation.kind === "redirect" && navigation.external) assertExternalUrl(navigation.to);
    else assertLocalPath(navigation.kind === "patch" ? "pushPatch" : navigation.kind === "navigate" ? "pushNavigate" : "redirect", navigation.to);
    this.#navigation = navigation;
  }

  get backend(): ViewProcessBackend | undefined {
    return this.#backend;
  }

  // ---- runtime side -------------------------------------------------------------------------

  /** Called before each callback: flash "put in this callback" is what travels with navigation. */
  beginCallback(): void {
    this.#flashPutInCallback = {};
  }

  /** The flash messages put during the current callback (carried by redirects, as in Phoenix). */
  get flashPutInCallback(): Flash {
    return this.#flashPutInCallback;
  }

  takeNavigation(): Navigation | undefined {
    const navigation = this.#navigation;
    this.#navigation = undefined;
    return navigation;
  }

  takeEvents(): PushedEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** The title to send as `"t"`, once per change. */
  takeTitleChange(): string | undefined {
    const title = this.#titleToSend;
    this.#titleToSend = undefined;
    return title;
  }

  /** A render of the current assigns was committed. */
  markRendered(temporaryAssigns: object | undefined): void {
    this.#dirty = false;
    if (temporaryAssigns !== undefined) this.assigns = { ...this.assigns, ...temporaryAssigns, flash: this.flash };
  }

  /** Force the next render (after a component or stream change, which assigns do not see). */
  markDirty(): void {
    this.#dirty = true;
  }

  /** The view ended: later timer or subscription calls are no-ops. */
  detachBackend(): void {
    this.#backend = undefined;
  }

  #setFlash(flash: Flash): void {
    this.assigns = { ...this.assigns, flash };
    this.#dirty = true;
  }
}

/**
 * The object handed to callbacks: the public `LiveViewSocket` surface and nothing else, so the
 * runtime's bookkeeping cannot be reached (or broken) from application code.
 */
class ViewSocket implements LiveViewSocket<Record<string, unknown>> {
  readonly #state: ViewState;

  constructor(state: ViewState) {
    this.#state = state;
  }

  get id(): string {
    return this.#state.id;
  }

  get connected(): boolean {
    return this.#state.connected;
  }

  get assigns(): Readonly<Record<string, unknown>> & { readonly flash: Flash } {
    return this.#state.assigns as Readonly<Record<string, unknown>> & { readonly flash: Flash };
  }

  get connectParams(): JsonObject | undefined {
    return this.#state.connectParams;
  }

  assign(values: Partial<Record<string, unknown>>): void {
    this.#state.assign(values);
  }

  update(key: string, update: (current: unknown) => unknown): void {
    this.#state.assign({ [key]: update(this.#state.assigns[key]) });
  }

  pushPatch(to: string, options: { replace?: boolean } = {}): void {
    this.#state.navigate({ kind: "patch", to, replace: options.replace === true });
  }

  pushNavigate(to: string, options: { replace?: boolean } = {}): void {
    this.#state.navigate({ kind: "navigate", to, replace: options.replace === true });
  }

  redirect(to: string, options: { external?: boolean } = {}): void {
    this.#state.navigate({ kind: "redirect", to, external: options.external === true });
  }

  putFlash(kind: string, message: string): void {
    this.#state.putFlash(kind, message);
  }

  clearFlash(kind?: string): void {
    this.#state.clearFlash(kind);
  }

  pushEvent(name: string, payload: JsonValue = {}): void {
    this.#state.pushEvent(name, payload);
  }

  pageTitle(title: string): void {
    this.#state.pageTitle(title);
  }

  sendUpdate(component: LiveComponent<object, any, any, any>, id: ComponentId, props: object): void {
    this.#state.extensions.components.sendUpdate(component, id, props);
  }

  stream(name: string, items: Iterable<unknown>, options?: object): void {
    this.#state.extensions.streams.stream(name, items, options);
  }

  streamInsert(name: string, item: unknown, options?: object): void {
    this.#state.extensions.streams.insert(name, item, options);
  }

  streamDelete(name: string, item: unknown): void {
    this.#state.extensions.streams.delete(name, item);
  }

  streamDeleteByDomId(name: string, domId: string): void {
    this.#state.extensions.streams.deleteByDomId(name, domId);
  }

  subscribe(topic: string): Promise<void> {
    return this.#state.backend?.subscribe(topic) ?? Promise.resolve();
  }

  unsubscribe(topic: string): Promise<void> {
    return this.#state.backend?.unsubscribe(topic) ?? Promise.resolve();
  }

  sendAfter(ms: number, message: unknown): () => void {
    assertDelay(ms, 0);
    return this.#state.backend?.sendAfter(ms, message) ?? noop;
  }

  sendInterval(ms: number, message: unknown): () => void {
    assertDelay(ms, 1); // an interval of 0 would keep the mailbox busy forever
    return this.#state.backend?.sendInterval(ms, message) ?? noop;
  }
}

function assertDelay(ms: unknown, minimum: number): asserts ms is number {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < minimum) throw serverError("CINDER_LIVE_INVALID_TIMER", ms, minimum);
}
