import { PhxAttribute, componentSelector } from "../dom/phx-attributes.js";
import type { HookEventReply, HookEventTarget } from "../hooks/view-hook.js";
import { DiagnosticCode } from "./diagnostics.js";
import type { View } from "./view.js";

/**
 * `phx-target` (spec §3.8.4): which view, and which live component in it, an event goes to.
 */

/** Where an event goes inside a view: a component id, or an element whose component is found. */
export type TargetContext = number | Element;

/** A cid from a `phx-target` value or component attribute: a non-negative integer, else null. */
export function asCid(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === "string" && /^(0|[1-9]\d*)$/.test(value)) return Number(value);
  return null;
}

/** The cid an event of `element` goes to: `phx-target` as a cid, or the component of the target element. */
export function targetComponent(view: View, element: Element, context: TargetContext | null, explicitTarget?: string | number): number | null {
  if (typeof context === "number") return context;
  const target = explicitTarget ?? element.getAttribute(view.binding("target"));
  const cid = asCid(target);
  if (cid !== null) return cid;
  if (context !== null && target !== null && target !== undefined) return closestComponent(view, context);
  return null;
}

/** The cid of the view's own component around `context`, if any. */
export function closestComponent(view: View, context: TargetContext | null): number | null {
  if (context === null) return null;
  if (typeof context === "number") return context;
  const component = context.closest(`[${PhxAttribute.component}]`);
  if (component === null || !view.ownsElement(component)) return null;
  return asCid(component.getAttribute(PhxAttribute.component));
}

/**
 * Resolves a `phx-target` (spec §3.8.4) from `view`'s point of view and calls `callback` once
 * per target: an element goes to the view owning it; a cid to `view` (if that component is on
 * the page); a CSS selector to the owner of every element it matches.
 */
export function withinTargets(view: View, target: Element | string | number, callback: (owner: View, context: TargetContext) => void): void {
  if (target instanceof Element) {
    const owner = view.runtime.ownerOf(target);
    if (owner !== null) callback(owner, target);
    return;
  }
  const cid = asCid(target);
  if (cid !== null) {
    if (document.querySelector(componentSelector(view.id, cid)) === null) {
      view.report(DiagnosticCode.missingComponentTarget, `no component found matching phx-target of ${cid}`, "app");
    } else {
      callback(view, cid);
    }
    return;
  }
  let elements: Element[];
  try {
    elements = Array.from(document.querySelectorAll(String(target)));
  } catch {
    elements = [];
  }
  if (elements.length === 0) {
    view.report(DiagnosticCode.missingSelectorTarget, `nothing found matching the phx-target selector "${String(target)}"`, "app");
  }
  for (const element of elements) {
    const owner = view.runtime.ownerOf(element);
    if (owner !== null) callback(owner, element);
  }
}

/** A hook's `pushEvent` / `pushEventTo`: one `hook` event per resolved target. */
export function pushHookEvent(view: View, source: HTMLElement, target: HookEventTarget | null, event: string, payload: unknown): Array<Promise<HookEventReply>> {
  const send = (owner: View, context: TargetContext | null): Promise<HookEventReply> => {
    if (!owner.isConnected()) return Promise.reject(new Error("unable to push hook event: the LiveView is not connected"));
    return owner.pusher.pushHookEvent(source, context, event, payload).then((result) => {
      if (!result.ok) throw new Error(`failed to push hook event "${event}": ${result.error}`);
      return { reply: result.reply, ref: result.ref ?? 0 };
    });
  };
  if (target === null) return [send(view, source)];
  const promises: Array<Promise<HookEventReply>> = [];
  withinTargets(view, target, (owner, context) => promises.push(send(owner, context)));
  return promises;
}
