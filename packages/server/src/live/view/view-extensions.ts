import type { JsonObject, RenderedRoot } from "@cinder/protocol";
import { LiveViewComponents } from "../components/view-components.js";
import type { DecodedEvent } from "../events/event-payload.js";
import type { Logger } from "../../logger.js";
import { registerStreamOwner, StreamRegistry } from "../streams/stream-registry.js";
import type { LiveComponentRef } from "../template/live-component-ref.js";
import type { ViewState } from "./view-state.js";

/**
 * Hook points for live components and streams: one instance of each per view (per mount).
 * The view runtime calls them at fixed points and knows nothing else about either feature;
 * `createViewExtensions` is the one place that decides which implementations a view gets.
 *
 * Render order of a live render (connected view):
 * 1. `streams.renderAssigns()` is merged into the assigns passed to the view's `render`;
 * 2. the view's tree is diffed by its `RenderTracker`, whose `resolveComponent` is
 *    `components.resolveComponent` (a live component in a template becomes its cid);
 * 3. `components.completeDiff(diff, full)` adds the `"c"` map (`full`: the client dropped every
 *    component, so all components still in use must be sent whole);
 * 4. once the diff is on its way, `streams.renderCommitted()` and `components.renderCommitted()`
 *    clear what was queued for this render.
 * A render happens when assigns changed or when `hasPendingRender()` of either says so; when only
 * components have something to send, the view's own render is skipped (step 3 with `{}`).
 * The HTTP render uses `resolveComponentHtml` in step 2 and `completeHtml` in step 3.
 */
export interface ViewComponents {
  /** `RenderTracker`'s `resolveComponent`: register the component (or find it), return its cid. */
  resolveComponent(ref: LiveComponentRef): number;
  /** `renderToString`'s `resolveComponentHtml` for the HTTP render: a placeholder `completeHtml` fills. */
  resolveComponentHtml(ref: LiveComponentRef): string;
  /** Mount, update and render the components met by this render; add the `"c"` map to the view's diff. */
  completeDiff(diff: RenderedRoot, fullRender: boolean): void;
  /** The HTTP render: mount, update and render the components met, and put their HTML in place. */
  completeHtml(html: string): string;
  renderCommitted(): void;
  /** A component changed its own assigns (its event handler ran, `sendUpdate`) and needs a render. */
  hasPendingRender(): boolean;
  /** Every component renders again in the next pass (development: their code was swapped). */
  markAllDirty(): void;
  /** An `event` push with a `cid` (spec §3.8.4). */
  handleEvent(cid: number, event: DecodedEvent): Promise<ComponentEventOutcome>;
  /** `cids_will_destroy`: mark them; they must still render if they reappear (spec §3.13). */
  cidsWillDestroy(cids: readonly number[]): void;
  /** `cids_destroyed`: forget them; returns the cids actually deleted. */
  cidsDestroyed(cids: readonly number[]): number[];
  /** `socket.sendUpdate(Component, id, props)`: queued for the next render pass. */
  sendUpdate(component: unknown, id: unknown, props: unknown): void;
}

/**
 * How a component event ended: handled (maybe with a hook reply); no live component has that
 * cid (any more: the runtime replies `{}`, as Phoenix does for a destroyed component); or the
 * component has no such event (an error reply; nothing crashes).
 */
export type ComponentEventOutcome =
  | { readonly kind: "handled"; readonly reply?: JsonObject | undefined }
  | { readonly kind: "no-component" }
  | { readonly kind: "refused"; readonly response: JsonObject };

export interface ViewStreams {
  /** Extra assigns for `render`, rebuilt for every render (streams live in the assigns: none). */
  renderAssigns(): object | undefined;
  /** Stream operations were queued since the last render. */
  hasPendingRender(): boolean;
  /** The render carrying the queued operations was sent (or the HTTP render finished). */
  renderCommitted(): void;
  /** The client lost its DOM (rejoin): forget what it held. */
  reset(): void;
  /** `socket.stream(name, items, options)`. Arguments come from application code: checked. */
  stream(name: unknown, items: unknown, options?: unknown): void;
  /** `socket.streamInsert(name, item, options)`. */
  insert(name: unknown, item: unknown, options?: unknown): void;
  /** `socket.streamDelete(name, item)`. */
  delete(name: unknown, item: unknown): void;
  /** `socket.streamDeleteByDomId(name, domId)`. */
  deleteByDomId(name: unknown, domId: unknown): void;
}

export interface ViewExtensions {
  readonly components: ViewComponents;
  readonly streams: ViewStreams;
}

/**
 * What an extension may need from its view. Call application code (component callbacks) through
 * `callViewCallback(viewLabel, "<callback> of <component>", …)` from view-callbacks.ts, so a throw
 * crashes this view with a log record naming both.
 */
export interface ViewExtensionContext {
  /** The view's name for logs. */
  readonly viewLabel: string;
  readonly connected: boolean;
  /**
   * The view's state: components act on it for what Phoenix lets a component do to its view
   * (`pushEvent`, `putFlash`, navigation). Still being constructed while the factory runs: keep
   * the reference, read it later.
   */
  readonly view: ViewState;
  /** Ask for a render of the view (e.g. after a stream insert from a handler). */
  readonly markDirty: () => void;
  /** Where component problems a client can cause are logged (none: not logged). */
  readonly logger?: Logger | undefined;
}

/** The components and streams of one view. */
export function createViewExtensions(context: ViewExtensionContext): ViewExtensions {
  const streams = new StreamRegistry({
    refPrefix: "",
    publish: (published) => context.view.setStreamsAssign(published),
    markDirty: context.markDirty,
  });
  registerStreamOwner(context.view.socket, streams);
  return { components: new LiveViewComponents(context), streams };
}
