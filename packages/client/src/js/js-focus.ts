import { nextFrame } from "./js-transitions.js";
import { isRendered } from "./js-visibility.js";

/**
 * `focus`, `focus_first`, `push_focus`, `pop_focus`.
 *
 * A command may focus an element that an earlier command of the same list is still showing with
 * a transition (`show` sets `display` two frames in). Focusing a hidden element does nothing,
 * so each focus is tried now and, if it did not take, again two frames later.
 */

/** Elements remembered by `push_focus`, most recent last. */
const focusStack: Element[] = [];

export function focusElement(element: Element): void {
  withRetry(() => attemptFocus(element, false));
}

/** Focuses the first interactive descendant, else the first one with a `tabindex`. */
export function focusFirstWithin(element: Element): void {
  withRetry(() => focusFirstMatching(element, true) || focusFirstMatching(element, false));
}

export function pushFocus(element: Element): void {
  focusStack.push(element);
}

/** Focuses the element remembered last by `push_focus` and forgets it. */
export function popFocus(): void {
  const element = focusStack.pop();
  if (element !== undefined) withRetry(() => attemptFocus(element, false));
}

/**
 * Forgets remembered elements inside `container`. The runtime calls this when it destroys a
 * LiveView, so `pop_focus` cannot return focus into a view that is gone.
 *
 * @example
 * ```ts
 * dropFocusStackEntriesWithin(viewContainer);
 * ```
 */
export function dropFocusStackEntriesWithin(container: Element): void {
  for (let index = focusStack.length - 1; index >= 0; index--) {
    const element = focusStack[index];
    if (element !== undefined && container.contains(element)) focusStack.splice(index, 1);
  }
}

function withRetry(attempt: () => boolean): void {
  if (attempt()) return;
  nextFrame(() => nextFrame(() => void attempt()));
}

function focusFirstMatching(container: Element, interactiveOnly: boolean): boolean {
  for (const candidate of Array.from(container.querySelectorAll("*"))) {
    if (isFocusCandidate(candidate, interactiveOnly) && attemptFocus(candidate, interactiveOnly)) return true;
  }
  return false;
}

/**
 * Tries to focus `element`; true when it now has focus. An element without a box cannot take
 * focus in a browser; the check makes that explicit for DOMs that do not lay out.
 */
function attemptFocus(element: Element, interactiveOnly: boolean): boolean {
  if (!isFocusCandidate(element, interactiveOnly) || !isRendered(element)) return false;
  (element as HTMLElement).focus();
  return element.ownerDocument.activeElement === element;
}

function isFocusCandidate(element: Element, interactiveOnly: boolean): boolean {
  if (typeof (element as Partial<HTMLElement>).focus !== "function") return false;
  if (element.getAttribute("aria-hidden") === "true") return false;
  if (isInteractive(element)) return true;
  return !interactiveOnly && element.hasAttribute("tabindex");
}

function isInteractive(element: Element): boolean {
  switch (element.localName) {
    case "a":
    case "area":
      return element.hasAttribute("href") && element.getAttribute("rel") !== "ignore";
    case "input":
      return !isDisabled(element) && element.getAttribute("type") !== "hidden";
    case "select":
    case "textarea":
    case "button":
      return !isDisabled(element);
    case "iframe":
      return true;
    default: {
      const tabindex = element.getAttribute("tabindex");
      return tabindex !== null && Number.parseInt(tabindex, 10) >= 0;
    }
  }
}

function isDisabled(element: Element): boolean {
  return (element as { disabled?: boolean }).disabled === true;
}
