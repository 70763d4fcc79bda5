import { hasSelectionRange, isTextualInput } from "./form-elements.js";

/** What must survive a patch about the element the user is typing in. */
export interface FocusSnapshot {
  element: Element | null;
  selectionStart: number | null;
  selectionEnd: number | null;
}

export function captureFocus(doc: Document = document): FocusSnapshot {
  const element = doc.activeElement;
  if (element !== null && hasSelectionRange(element)) {
    return { element, selectionStart: element.selectionStart, selectionEnd: element.selectionEnd };
  }
  return { element, selectionStart: null, selectionEnd: null };
}

/**
 * Puts focus and caret back after a patch. morphdom keeps the focused element in place, but
 * moving a node (keyed reorder) blurs it in browsers, and setting attributes can reset the
 * selection, so both are restored explicitly.
 */
export function restoreFocus(snapshot: FocusSnapshot): void {
  const { element } = snapshot;
  if (!(element instanceof HTMLElement) || !element.isConnected) return;
  if (element instanceof HTMLSelectElement) element.focus();
  if (!isTextualInput(element)) return;
  if (element.ownerDocument.activeElement !== element) element.focus();
  if (hasSelectionRange(element) && snapshot.selectionStart !== null) {
    element.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
  }
}
