import { elementState, peekElementState } from "./element-state.js";
import { PhxAttribute } from "./phx-attributes.js";

/**
 * Locked elements (spec §3.7, §3.8.6). While an event the user caused is pending, its source
 * element is locked: patches for it go into a detached clone instead of the live element, so a
 * reply computed before the event cannot undo what the user sees. When the event's reply
 * arrives the clone is patched into the live element.
 */

/** The ref of the pending event that locks `element`, or null. */
export function lockRefOf(element: Element): number | null {
  const value = element.getAttribute(PhxAttribute.refLock);
  return value === null ? null : Number.parseInt(value, 10);
}

export function loadingRefOf(element: Element): number | null {
  const value = element.getAttribute(PhxAttribute.refLoading);
  return value === null ? null : Number.parseInt(value, 10);
}

/**
 * The element a patch should write into: the live element, or its lock clone when the element
 * is locked by an event newer than `undoRef`. A focused input is never swapped for its clone:
 * the user is typing in it.
 */
export function patchTargetFor(element: Element, undoRef: number | undefined, isFocusedInput: boolean): Element {
  if (!element.hasAttribute(PhxAttribute.refSource)) return element;
  const lockRef = lockRefOf(element);
  if (lockRef === null || (undoRef !== undefined && lockRef <= undoRef)) return element;
  const state = elementState(element);
  state.lockedClone ??= element.cloneNode(true) as Element;
  return isFocusedInput ? element : state.lockedClone;
}

/**
 * While an outer lock is being undone, the incoming element may be the clone of a nested lock
 * that is still pending; the live element must keep that clone for its own acknowledgement.
 */
export function carryNestedLockClone(live: Element, incoming: Element, undoRef: number | undefined): void {
  if (undoRef === undefined) return;
  const nested = peekElementState(incoming)?.lockedClone;
  if (nested !== undefined) elementState(live).lockedClone = nested;
}

/** Takes the clone of a lock being released, if any patch went into it. */
export function takeLockClone(element: Element): Element | undefined {
  const state = peekElementState(element);
  const clone = state?.lockedClone;
  if (state !== undefined) delete state.lockedClone;
  return clone;
}

/** The clone that receives patches for `element` while it is locked, if one exists yet. */
export function lockCloneOf(element: Element): Element | undefined {
  return peekElementState(element)?.lockedClone;
}
