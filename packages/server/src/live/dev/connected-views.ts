import type { AnyLiveView } from "../view/live-view.js";

/** A connected view the development tools can ask to render again (with the code it has now). */
export interface HotSwapTarget {
  /** Re-render through the view's mailbox, after whatever it is doing; a no-op once it ended. */
  renderAgain(): void;
}

/**
 * Which connected views run which LiveView definition — kept only once `enableHotSwap()` was
 * called (by `cinder dev`), so production pays one boolean check per join and nothing else.
 */
let tracking = false;
const connectedByView = new Map<AnyLiveView, Set<HotSwapTarget>>();

export function startTrackingConnectedViews(): void {
  tracking = true;
}

/** Called by each view process once mounted; returns the call that forgets it (on terminate). */
export function trackConnectedView(view: AnyLiveView, target: HotSwapTarget): () => void {
  if (!tracking) return noop;
  let targets = connectedByView.get(view);
  if (targets === undefined) connectedByView.set(view, (targets = new Set()));
  targets.add(target);
  return () => {
    targets.delete(target);
    if (targets.size === 0 && connectedByView.get(view) === targets) connectedByView.delete(view);
  };
}

export function connectedViewsOf(view: AnyLiveView): readonly HotSwapTarget[] {
  return [...(connectedByView.get(view) ?? [])];
}

export function allConnectedViews(): readonly HotSwapTarget[] {
  return [...connectedByView.values()].flatMap((targets) => [...targets]);
}

function noop(): void {}
