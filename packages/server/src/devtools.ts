/**
 * @cinder/server/devtools — the one documented hook point for development tools (`cinder dev`'s
 * render hot swap). Not for applications: nothing here is needed to run an app, and production
 * never calls it. What it does is deliberately small: swap the code behind a LiveView or live
 * component and render its connected instances again, keeping their assigns.
 *
 * @example
 * ```ts
 * import { enableHotSwap, swapLiveView } from "@cinder/server/devtools";
 * enableHotSwap(); // before views connect
 * // later, with the same view from a fresh import of its changed module:
 * const rerendered = swapLiveView(HomeLive, FreshHomeLive);
 * ```
 */
import { allConnectedViews, connectedViewsOf, startTrackingConnectedViews } from "./live/dev/connected-views.js";
import { LiveComponent, type AnyLiveComponent, type LiveComponentDefinition } from "./live/components/live-component.js";
import { LiveView, type AnyLiveView, type LiveViewDefinition } from "./live/view/live-view.js";

/** Start keeping track of connected views per LiveView, so that swaps can reach them. */
export function enableHotSwap(): void {
  startTrackingConnectedViews();
}

/**
 * Runs `next`'s code for `current` from now on — every callback, for connected views and for
 * views that mount later — and renders every connected view of `current` again with its assigns
 * as they are (no remount). Returns how many connected views it re-rendered.
 */
export function swapLiveView(current: AnyLiveView, next: AnyLiveView): number {
  if (!(current instanceof LiveView) || !(next instanceof LiveView)) throw new TypeError("swapLiveView(current, next) takes two LiveViews made by defineLiveView");
  // `definition` is readonly for applications; this is the one place allowed to replace it.
  (current as { definition: LiveViewDefinition<any, any, any> }).definition = next.definition;
  const targets = connectedViewsOf(current);
  for (const target of targets) target.renderAgain();
  return targets.length;
}

/**
 * Runs `next`'s code for the live component `current` and renders every connected view again
 * (with all its components), since any of them may hold an instance. Returns how many views.
 */
export function swapLiveComponent(current: AnyLiveComponent, next: AnyLiveComponent): number {
  if (!(current instanceof LiveComponent) || !(next instanceof LiveComponent)) throw new TypeError("swapLiveComponent(current, next) takes two components made by defineLiveComponent");
  (current as { definition: LiveComponentDefinition<any, any, any, any> }).definition = next.definition;
  const targets = allConnectedViews();
  for (const target of targets) target.renderAgain();
  return targets.length;
}
