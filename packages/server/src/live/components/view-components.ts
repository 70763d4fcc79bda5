import { randomBytes } from "node:crypto";
import { isJsonObject, type JsonObject, type RenderedNode, type RenderedRoot } from "@cinder/protocol";
import type { DecodedEvent } from "../events/event-payload.js";
import { errorMessage, serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { shallowEqualProps } from "../template/function-component.js";
import { LiveComponentRef } from "../template/live-component-ref.js";
import { isEmptyDiff } from "../template/render-tracker.js";
import { callViewCallback } from "../view/view-callbacks.js";
import type { ComponentEventOutcome, ViewComponents, ViewExtensionContext } from "../view/view-extensions.js";
import { ComponentEntry, type ComponentHost } from "./component-entry.js";
import { checkComponentId, componentEventHandler, LiveComponent, type AnyLiveComponent, type ComponentId } from "./live-component.js";

/** A component met in a render, with the props it was given there. */
interface Resolution {
  readonly entry: ComponentEntry;
  readonly props: object;
}

/** A `sendUpdate` waiting for the next render pass. */
interface PendingUpdate {
  readonly component: AnyLiveComponent;
  readonly id: ComponentId;
  readonly props: object;
}

/** Who rendered a component: the view (0) or the cid of a parent component. */
type Owner = number;
const VIEW_OWNER: Owner = 0;

/** Component renders and `sendUpdate`s in one pass beyond which components are updating each other in a loop. */
const MAX_STEPS_PER_PASS = 100_000;
/** Unknown component events are logged once per name, for this many names per view. */
const MAX_LOGGED_UNKNOWN_EVENTS = 32;

/**
 * The live components of one view (Phoenix.LiveComponent semantics, spec §3.4.4, §3.13).
 *
 * A render pass: the view's render meets components (`resolveComponent`: the cid, allocated in
 * order of appearance); then `completeDiff` mounts and updates them in that order, renders those
 * whose assigns changed, and so on down nested components (breadth first, like Phoenix, so the
 * HTTP render allocates the same cids as the join); `sendUpdate`s queued meanwhile run after the
 * parents' props. Each cid is rendered with its own `RenderTracker` into the `"c"` map.
 *
 * Invariants:
 * - cids are 1, 2, 3… and never reused within the view;
 * - a component the client does not hold (new, forgotten by a full view render, or revived after
 *   `cids_will_destroy`) is sent whole, with `"r": 1`; others send only what changed;
 * - a component stays alive until the client reports it destroyed (`cids_destroyed`), whether or
 *   not its parent still renders it.
 */
export class LiveViewComponents implements ViewComponents, ComponentHost {
  readonly viewLabel: string;
  readonly connected: boolean;
  readonly #context: ViewExtensionContext;
  #nextCid = 1;
  readonly #byCid = new Map<number, ComponentEntry>();
  readonly #byComponent = new Map<AnyLiveComponent, Map<ComponentId, ComponentEntry>>();
  /** Components whose own state changed since they were last rendered. */
  readonly #dirty = new Set<ComponentEntry>();
  #resolutions: Resolution[] = [];
  #updates: PendingUpdate[] = [];
  /** Components met in the pass in progress, by who rendered them (duplicate ids are an error). */
  readonly #owners = new Map<ComponentEntry, Owner>();
  /** HTTP render: each component's HTML, with placeholders for nested ones. */
  readonly #htmlByCid = new Map<number, string>();
  #placeholderNonce: string | undefined;
  #loggedUnknownCid = false;
  readonly #loggedUnknownEvents = new Set<string>();

  constructor(context: ViewExtensionContext) {
    this.#context = context;
    this.viewLabel = context.viewLabel;
    this.connected = context.connected;
  }

  get view(): ViewExtensionContext["view"] {
    return this.#context.view;
  }

  // ---- meeting components in a render ------------------------------------------------------

  resolveComponent(ref: LiveComponentRef): number {
    return this.#resolve(ref, VIEW_OWNER).cid;
  }

  resolveComponentHtml(ref: LiveComponentRef): string {
    return this.#placeholder(this.#resolve(ref, VIEW_OWNER).cid);
  }

  resolveChild(ref: LiveComponentRef, owner: ComponentEntry): number {
    return this.#resolve(ref, owner.cid).cid;
  }

  childHtml(ref: LiveComponentRef, owner: ComponentEntry): string {
    return this.#placeholder(this.#resolve(ref, owner.cid).cid);
  }

  #resolve(ref: LiveComponentRef, owner: Owner): ComponentEntry {
    const component = ref.definition;
    if (!(component instanceof LiveComponent)) throw serverError("CINDER_COMPONENT_NOT_A_COMPONENT", "A LiveComponentRef's definition");
    checkComponentId(component, ref.id);
    const props: unknown = ref.props;
    if (typeof props !== "object" || props === null || Array.isArray(props)) {
      throw serverError("CINDER_COMPONENT_INVALID_PROPS", component.name, describeValue(props));
    }
    let byId = this.#byComponent.get(component);
    if (byId === undefined) {
      byId = new Map();
      this.#byComponent.set(component, byId);
    }
    let entry = byId.get(ref.id);
    if (entry === undefined) {
      entry = new ComponentEntry(this, this.#nextCid++, component, ref.id);
      byId.set(ref.id, entry);
      this.#byCid.set(entry.cid, entry);
    } else if (this.#owners.has(entry)) {
      throw serverError("CINDER_COMPONENT_DUPLICATE_ID", component.name, JSON.stringify(ref.id), this.viewLabel);
    }
    this.#owners.set(entry, owner);
    // Phoenix passes the id among the assigns update receives; so do we, whatever the props say.
    this.#resolutions.push({ entry, props: Object.hasOwn(props, "id") ? props : { ...props, id: ref.id } });
    return entry;
  }

  // ---- the render pass ----------------------------------------------------------------------

  hasPendingRender(): boolean {
    if (this.#updates.length > 0) return true;
    for (const entry of this.#dirty) if (entry.clientHolds) return true;
    return false;
  }

  completeDiff(diff: RenderedRoot, fullRender: boolean): void {
    // After a full view render the client's "c" map holds only what this diff brings.
    if (fullRender) for (const entry of this.#byCid.values()) entry.clientHolds = false;
    const components: Record<string, RenderedNode> = {};
    this.#runPass((entry, again) => {
      const rendered = entry.renderDiff(again || !entry.clientHolds);
      // A second render in one pass is full, so it replaces the first one wholesale.
      if (again || !isEmptyDiff(rendered)) components[String(entry.cid)] = rendered;
    });
    if (!isEmptyDiff(components)) diff.c = components;
  }

  completeHtml(html: string): string {
    this.#runPass((entry) => {
      this.#htmlByCid.set(entry.cid, entry.renderHtml());
    });
    if (this.#placeholderNonce === undefined) return html;
    const placeholder = new RegExp(`<!--cinder-live-component:${this.#placeholderNonce}:(\\d+)-->`, "g");
    const expand = (text: string): string => text.replace(placeholder, (_match, cid: string) => expand(this.#htmlByCid.get(Number(cid)) ?? ""));
    return expand(html);
  }

  renderCommitted(): void {
    for (const entry of this.#byCid.values()) {
      if (!entry.renderedInPass) continue;
      entry.renderedInPass = false;
      entry.streams.renderCommitted();
    }
    this.#owners.clear();
    this.#htmlByCid.clear();
    this.#resolutions = [];
  }

  /**
   * Mounts, updates and renders until nothing is left: the components met by the view's render
   * (in order), the `sendUpdate`s, the components whose own state changed, and the components
   * their renders meet in turn. `render(entry, again)` renders one; `again` when it was already
   * rendered in this pass (a later update changed it), which then needs a full render.
   */
  #runPass(render: (entry: ComponentEntry, again: boolean) => void): void {
    // Cursors rather than shift(): a render may meet thousands of components.
    const queue: ComponentEntry[] = [];
    const queued = new Set<ComponentEntry>();
    const enqueue = (entry: ComponentEntry): void => {
      if (queued.has(entry)) return;
      queued.add(entry);
      queue.push(entry);
    };
    for (const entry of this.#dirty) if (entry.clientHolds) enqueue(entry);
    let nextResolution = 0;
    let nextUpdate = 0;
    let nextRender = 0;
    let steps = 0;
    for (;;) {
      const resolution = this.#resolutions[nextResolution];
      if (resolution !== undefined) {
        nextResolution++;
        this.#applyResolution(resolution, enqueue);
        continue;
      }
      const update = this.#updates[nextUpdate];
      if (update !== undefined) {
        nextUpdate++;
        if (++steps > MAX_STEPS_PER_PASS) throw serverError("CINDER_COMPONENT_UPDATE_LOOP", this.viewLabel, steps - 1);
        this.#applyUpdate(update, enqueue);
        continue;
      }
      const entry = queue[nextRender];
      if (entry === undefined) break;
      nextRender++;
      queued.delete(entry);
      if (!this.#byCid.has(entry.cid)) continue;
      if (++steps > MAX_STEPS_PER_PASS) throw serverError("CINDER_COMPONENT_UPDATE_LOOP", this.viewLabel, steps - 1);
      const again = entry.renderedInPass;
      // Its children will be met again by this render; they may be met once per render.
      if (again) for (const [child, owner] of this.#owners) if (owner === entry.cid) this.#owners.delete(child);
      render(entry, again);
      this.#dirty.delete(entry);
    }
    this.#resolutions = [];
    this.#updates = [];
  }

  #applyResolution({ entry, props }: Resolution, enqueue: (entry: ComponentEntry) => void): void {
    if (!entry.mounted) entry.mount();
    if (entry.parentProps === undefined || !shallowEqualProps(entry.parentProps, props)) {
      entry.parentProps = props;
      entry.update(props);
    }
    if (entry.markedForDestroy) {
      // Rendered again before the client destroyed it: it is alive, and the client needs it whole.
      entry.markedForDestroy = false;
      entry.clientHolds = false;
    }
    if (!entry.clientHolds || entry.dirty) enqueue(entry);
  }

  #applyUpdate({ component, id, props }: PendingUpdate, enqueue: (entry: ComponentEntry) => void): void {
    const entry = this.#byComponent.get(component)?.get(id);
    if (entry === undefined || !entry.mounted) {
      const idText = JSON.stringify(id);
      this.#context.logger?.debug(
        { code: "CINDER_COMPONENT_UPDATE_TARGET_MISSING", view: this.viewLabel, component: component.name, id },
        errorMessage("CINDER_COMPONENT_UPDATE_TARGET_MISSING", component.name, idText, this.viewLabel),
      );
      return;
    }
    entry.update({ ...entry.parentProps, ...props, id });
    // A component the client does not hold is sent whole when its parent renders it again.
    if (entry.dirty && (entry.clientHolds || entry.renderedInPass)) enqueue(entry);
  }

  #placeholder(cid: number): string {
    this.#placeholderNonce ??= randomBytes(9).toString("hex");
    return `<!--cinder-live-component:${this.#placeholderNonce}:${cid}-->`;
  }

  // ---- requests from components and the view -----------------------------------------------

  sendUpdate(component: unknown, id: unknown, props: unknown): void {
    if (!(component instanceof LiveComponent)) throw serverError("CINDER_COMPONENT_NOT_A_COMPONENT", "The first argument of sendUpdate");
    checkComponentId(component, id);
    if (typeof props !== "object" || props === null || Array.isArray(props)) {
      throw serverError("CINDER_COMPONENT_INVALID_PROPS", component.name, describeValue(props));
    }
    this.#updates.push({ component, id, props });
  }

  /** Every component renders again in the next pass (their code was swapped in development). */
  markAllDirty(): void {
    for (const entry of this.#byCid.values()) entry.markDirty();
  }

  entryDirty(entry: ComponentEntry): void {
    this.#dirty.add(entry);
  }

  // ---- client messages ----------------------------------------------------------------------

  async handleEvent(cid: number, event: DecodedEvent): Promise<ComponentEventOutcome> {
    const entry = this.#byCid.get(cid);
    if (entry === undefined) {
      if (!this.#loggedUnknownCid) {
        this.#loggedUnknownCid = true;
        this.#context.logger?.warn(
          { code: "CINDER_COMPONENT_UNKNOWN_CID", view: this.viewLabel, cid, event: event.event },
          errorMessage("CINDER_COMPONENT_UNKNOWN_CID", this.viewLabel, cid),
        );
      }
      return { kind: "no-component" };
    }
    const handler = componentEventHandler(entry.component, event.event);
    if (handler === undefined) {
      this.#logUnknownEvent(entry, event.event);
      return { kind: "refused", response: { reason: "unknown event", event: event.event } };
    }
    const handlers = entry.component.definition.handleEvent;
    const callback = `handleEvent ${JSON.stringify(event.event)} of ${entry.label}`;
    const result: unknown = await callViewCallback(this.viewLabel, callback, () => handler.call(handlers, event.value, entry.socket));
    if (result === undefined || result === null) return { kind: "handled" };
    if (isJsonObject(result) && Object.keys(result).length === 1 && isJsonObject(result.reply)) return { kind: "handled", reply: result.reply as JsonObject };
    throw serverError("CINDER_LIVE_INVALID_EVENT_REPLY", `${entry.label} of ${this.viewLabel}`, event.event);
  }

  cidsWillDestroy(cids: readonly number[]): void {
    for (const cid of cids) {
      const entry = this.#byCid.get(cid);
      if (entry !== undefined) entry.markedForDestroy = true;
    }
  }

  cidsDestroyed(cids: readonly number[]): number[] {
    const deleted: number[] = [];
    for (const cid of cids) {
      const entry = this.#byCid.get(cid);
      // Not marked: rendered again since cids_will_destroy (or never announced): it stays.
      if (entry === undefined || !entry.markedForDestroy) continue;
      this.#byCid.delete(cid);
      this.#byComponent.get(entry.component)?.delete(entry.id);
      this.#dirty.delete(entry);
      deleted.push(cid);
    }
    return deleted;
  }

  /** Live components of this view (for tests and diagnostics). */
  get size(): number {
    return this.#byCid.size;
  }

  #logUnknownEvent(entry: ComponentEntry, event: string): void {
    const key = `${entry.component.name}\0${event}`;
    if (this.#loggedUnknownEvents.has(key) || this.#loggedUnknownEvents.size >= MAX_LOGGED_UNKNOWN_EVENTS) return;
    this.#loggedUnknownEvents.add(key);
    this.#context.logger?.warn(
      { code: "CINDER_COMPONENT_UNKNOWN_EVENT", view: this.viewLabel, component: entry.component.name, cid: entry.cid, event },
      errorMessage("CINDER_COMPONENT_UNKNOWN_EVENT", entry.label, this.viewLabel, event),
    );
  }
}
