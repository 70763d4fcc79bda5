import type { JsonObject, RenderedRoot } from "@cinder/protocol";
import type { LiveComponentRef } from "../template/live-component-ref.js";
import { templateError } from "../template/template-errors.js";
import type { DecodedEvent } from "../events/event-payload.js";
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
 * A render happens when assigns changed or when `hasPendingRender()` of either says so.
 */
export interface ViewComponents {
  /** `RenderTracker`'s `resolveComponent`: register or update the component, return its cid. */
  resolveComponent(ref: LiveComponentRef): number;
  /** `renderToString`'s `resolveComponentHtml` for the HTTP render. */
  resolveComponentHtml(ref: LiveComponentRef): string;
  /** Add the `"c"` map of this render to the view's diff. */
  completeDiff(diff: RenderedRoot, fullRender: boolean): void;
  renderCommitted(): void;
  /** A component changed its own assigns (its event handler ran) and needs a render. */
  hasPendingRender(): boolean;
  /**
   * An `event` push with a `cid` (spec §3.8.4). `undefined` means no live component has that
   * cid (any more): the runtime replies `{}`, as Phoenix does for a destroyed component.
   */
  handleEvent(cid: number, event: DecodedEvent): Promise<{ reply?: JsonObject } | undefined>;
  /** `cids_will_destroy`: mark them; they must still render if they reappear (spec §3.13). */
  cidsWillDestroy(cids: readonly number[]): void;
  /** `cids_destroyed`: forget them; returns the cids actually deleted. */
  cidsDestroyed(cids: readonly number[]): number[];
}

export interface ViewStreams {
  /** Extra assigns for `render` (for example `streams`), rebuilt for every render. */
  renderAssigns(): object | undefined;
  /** Stream operations were queued since the last render. */
  hasPendingRender(): boolean;
  /** The render carrying the queued operations was sent (or the HTTP render finished). */
  renderCommitted(): void;
  /** The client lost its DOM (rejoin): forget what it held. Unused until streams exist. */
  reset(): void;
}

export interface ViewExtensions {
  readonly components: ViewComponents;
  readonly streams: ViewStreams;
}

/**
 * What an extension may need from its view. Call application code (component callbacks) through
 * `callView(viewLabel, "<callback> of <component>", …)` from view-callbacks.ts, so a throw crashes
 * this view with a log record naming both.
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
}

/** Views without live components: any component in a template is a developer error. */
class NoComponents implements ViewComponents {
  resolveComponent(): number {
    throw templateError("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
  }
  resolveComponentHtml(): string {
    throw templateError("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
  }
  completeDiff(): void {}
  renderCommitted(): void {}
  hasPendingRender(): boolean {
    return false;
  }
  async handleEvent(): Promise<undefined> {
    return undefined;
  }
  cidsWillDestroy(): void {}
  cidsDestroyed(): number[] {
    return [];
  }
}

class NoStreams implements ViewStreams {
  renderAssigns(): undefined {
    return undefined;
  }
  hasPendingRender(): boolean {
    return false;
  }
  renderCommitted(): void {}
  reset(): void {}
}

/** The components and streams of one view. Replace the defaults here when the features land. */
export function createViewExtensions(_context: ViewExtensionContext): ViewExtensions {
  return { components: new NoComponents(), streams: new NoStreams() };
}
