import type { JsonValue, RenderedNode } from "@cinder/protocol";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { StreamRegistry, registerStreamOwner } from "../streams/stream-registry.js";
import type { LiveComponentRef } from "../template/live-component-ref.js";
import { RenderTracker } from "../template/render-tracker.js";
import { renderToString } from "../template/render-to-string.js";
import { Template } from "../template/template.js";
import { callViewCallbackSync } from "../view/view-callbacks.js";
import type { ViewState } from "../view/view-state.js";
import type { AnyLiveComponent, ComponentId, LiveComponent } from "./live-component.js";
import type { LiveComponentSocket } from "./live-component-socket.js";

/** What a component needs from the registry of its view. */
export interface ComponentHost {
  /** The view's name for logs. */
  readonly viewLabel: string;
  readonly connected: boolean;
  /** The parent view: navigation, flash, pushed events and `sendParent` act on it. */
  readonly view: ViewState;
  /** A live component met while `owner` renders: its cid (connected render). */
  resolveChild(ref: LiveComponentRef, owner: ComponentEntry): number;
  /** A live component met while `owner` renders: a placeholder for its HTML (HTTP render). */
  childHtml(ref: LiveComponentRef, owner: ComponentEntry): string;
  sendUpdate(component: unknown, id: unknown, props: unknown): void;
  /** `entry` has something to render (assigns or stream operations). */
  entryDirty(entry: ComponentEntry): void;
}

/** Assign keys managed by Cinder. */
const RESERVED_ASSIGNS = new Set(["myself", "streams"]);

/**
 * One live component of a view, by cid: its assigns, its change tracker (what the client holds
 * for this cid), its streams, and its place in the client lifecycle (spec §3.13). Calls into the
 * component's code go through `callViewCallbackSync`, tagged `<callback> of component <Name>
 * (id …)`, so a throw crashes the view with a log naming the view, the component and the callback.
 */
export class ComponentEntry {
  readonly cid: number;
  readonly component: AnyLiveComponent;
  readonly id: ComponentId;
  /** `component TodoItem (id 3)`, for logs. */
  readonly label: string;
  readonly socket: LiveComponentSocket<Record<string, unknown>, unknown>;
  readonly streams: StreamRegistry;
  assigns: Readonly<Record<string, unknown>>;
  /** The props the parent passed last (`sendUpdate` merges over them). */
  parentProps: object | undefined;
  mounted = false;
  /** The client holds this component's tree; when false the next render must be full. */
  clientHolds = false;
  /** The client announced it will destroy this cid (`cids_will_destroy`). */
  markedForDestroy = false;
  /** Rendered in the render pass in progress. */
  renderedInPass = false;
  /** Assigns changed or stream operations were queued since the last render. */
  dirty = true;
  readonly #host: ComponentHost;
  #tracker: RenderTracker | undefined;

  constructor(host: ComponentHost, cid: number, component: AnyLiveComponent, id: ComponentId) {
    this.#host = host;
    this.cid = cid;
    this.component = component;
    this.id = id;
    this.label = `component ${component.name} (id ${typeof id === "string" ? JSON.stringify(id) : String(id)})`;
    this.assigns = { id, myself: cid };
    this.socket = new ComponentSocket(this, host);
    this.streams = new StreamRegistry({
      refPrefix: `${cid}-`,
      publish: (streams) => this.#set("streams", streams),
      markDirty: () => this.markDirty(),
    });
    registerStreamOwner(this.socket, this.streams);
  }

  // ---- callbacks ----------------------------------------------------------------------------

  mount(): void {
    this.mounted = true;
    const mount = this.component.definition.mount;
    if (mount === undefined) return;
    this.#call("mount", () => mount.call(this.component.definition, this.socket));
  }

  /** The parent's (or `sendUpdate`'s) props: `update`, or by default assign them all. */
  update(props: object): void {
    const update = this.component.definition.update;
    if (update === undefined) {
      this.#call("update", () => this.assign(props));
      return;
    }
    this.#call("update", () => update.call(this.component.definition, props as never, this.socket));
  }

  /** The diff for the `"c"` map; `full` forgets what the client holds first. */
  renderDiff(full: boolean): RenderedNode {
    this.#tracker ??= new RenderTracker({ kind: "component", resolveComponent: (ref) => this.#host.resolveChild(ref, this) });
    const tracker = this.#tracker;
    if (full) tracker.reset();
    const diff = callViewCallbackSync(this.#host.viewLabel, `render of ${this.label}`, () => tracker.render(this.#template()));
    this.#rendered();
    return diff;
  }

  /** The HTTP render's HTML, nested components as placeholders. */
  renderHtml(): string {
    const html = callViewCallbackSync(this.#host.viewLabel, `render of ${this.label}`, () => {
      const template = this.#template();
      // The same developer errors as the connected render's component tracker.
      if (!(template instanceof Template)) throw serverError("CINDER_TEMPLATE_INVALID_ROOT", describeValue(template));
      if (!template.compiled.singleRoot) throw serverError("CINDER_TEMPLATE_COMPONENT_NOT_SINGLE_ROOT", JSON.stringify(template.compiled.statics).slice(0, 120));
      return renderToString(template, { resolveComponentHtml: (ref) => this.#host.childHtml(ref, this) });
    });
    this.#rendered();
    return html;
  }

  // ---- assigns ------------------------------------------------------------------------------

  assign(values: unknown): void {
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw serverError("CINDER_COMPONENT_INVALID_ASSIGNS", describeValue(values));
    }
    for (const [key, value] of Object.entries(values)) {
      if (RESERVED_ASSIGNS.has(key) && !Object.is(this.assigns[key], value)) throw serverError("CINDER_COMPONENT_RESERVED_ASSIGN", key);
      this.#set(key, value);
    }
  }

  markDirty(): void {
    this.dirty = true;
    this.#host.entryDirty(this);
  }

  #set(key: string, value: unknown): void {
    if (Object.hasOwn(this.assigns, key) && Object.is(this.assigns[key], value)) return;
    const next = { ...this.assigns };
    Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    this.assigns = next;
    this.markDirty();
  }

  #template(): Template {
    const render = this.component.definition.render;
    return render.call(this.component.definition, this.assigns as never);
  }

  #rendered(): void {
    this.dirty = false;
    this.renderedInPass = true;
    this.clientHolds = true;
  }

  /** `mount` and `update` run inside the parent's render: a promise would be lost, so it is refused. */
  #call(callback: string, run: () => unknown): void {
    const name = `${callback} of ${this.label}`;
    callViewCallbackSync(this.#host.viewLabel, name, () => {
      const result = run();
      if (isThenable(result)) {
        result.then(undefined, () => {}); // already reported as misuse; keep its rejection from going unhandled
        throw serverError("CINDER_COMPONENT_ASYNC_CALLBACK", name);
      }
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** The object handed to a component's callbacks: the public surface only. */
class ComponentSocket implements LiveComponentSocket<Record<string, unknown>, unknown> {
  readonly #entry: ComponentEntry;
  readonly #host: ComponentHost;

  constructor(entry: ComponentEntry, host: ComponentHost) {
    this.#entry = entry;
    this.#host = host;
  }

  get cid(): number {
    return this.#entry.cid;
  }

  get connected(): boolean {
    return this.#host.connected;
  }

  get assigns(): Readonly<Record<string, unknown>> & { readonly id: ComponentId; readonly myself: number } {
    return this.#entry.assigns as Readonly<Record<string, unknown>> & { readonly id: ComponentId; readonly myself: number };
  }

  assign(values: Partial<Record<string, unknown>>): void {
    this.#entry.assign(values);
  }

  update(key: string, update: (current: unknown) => unknown): void {
    this.#entry.assign({ [key]: update(this.#entry.assigns[key]) });
  }

  sendParent(message: unknown): void {
    this.#host.view.backend?.sendAfter(0, message);
  }

  sendUpdate(component: LiveComponent<object, any, any, any>, id: ComponentId, props: object): void {
    this.#host.sendUpdate(component, id, props);
  }

  pushPatch(to: string, options: { replace?: boolean } = {}): void {
    this.#host.view.navigate({ kind: "patch", to, replace: options.replace === true });
  }

  pushNavigate(to: string, options: { replace?: boolean } = {}): void {
    this.#host.view.navigate({ kind: "navigate", to, replace: options.replace === true });
  }

  redirect(to: string, options: { external?: boolean } = {}): void {
    this.#host.view.navigate({ kind: "redirect", to, external: options.external === true });
  }

  putFlash(kind: string, message: string): void {
    this.#host.view.putFlash(kind, message);
  }

  clearFlash(kind?: string): void {
    this.#host.view.clearFlash(kind);
  }

  pushEvent(name: string, payload: JsonValue = {}): void {
    this.#host.view.pushEvent(name, payload);
  }

  stream(name: string, items: Iterable<unknown>, options?: object): void {
    this.#entry.streams.stream(name, items, options);
  }

  streamInsert(name: string, item: unknown, options?: object): void {
    this.#entry.streams.insert(name, item, options);
  }

  streamDelete(name: string, item: unknown): void {
    this.#entry.streams.delete(name, item);
  }

  streamDeleteByDomId(name: string, domId: string): void {
    this.#entry.streams.deleteByDomId(name, domId);
  }
}
