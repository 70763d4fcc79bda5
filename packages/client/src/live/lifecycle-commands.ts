import { elementState } from "../dom/element-state.js";
import type { View } from "./view.js";

/**
 * The JS commands elements run at points of their view's life (spec §3.15): `phx-mounted` once
 * per element when it first appears, `phx-connected` / `phx-disconnected` when the view's
 * connection state changes. Only elements the view owns run them, never those of nested views.
 */

/** Runs `phx-mounted` of every element under `root` that has not run it yet. */
export function runMountedCommandsWithin(view: View, root: Element): void {
  for (const element of Array.from(root.querySelectorAll(`[${view.binding("mounted")}]`))) runMountedCommand(view, element);
}

/** Runs `element`'s `phx-mounted`, once in the element's life. */
export function runMountedCommand(view: View, element: Element): void {
  const command = element.getAttribute(view.binding("mounted"));
  if (command === null || !view.ownsElement(element)) return;
  const state = elementState(element);
  if (state.mounted === true) return;
  state.mounted = true;
  view.runtime.execCommands(element, command, "mounted");
}

/** Runs every `phx-connected` or `phx-disconnected` of the view's own elements. */
export function runConnectionCommands(view: View, binding: "connected" | "disconnected"): void {
  const attribute = view.binding(binding);
  for (const element of Array.from(view.el.querySelectorAll(`[${attribute}]`))) {
    if (view.ownsElement(element)) view.runtime.execCommands(element, element.getAttribute(attribute) ?? "", binding);
  }
}
