import { PhxAttribute, LOADING_CLASSES, type BindingName, type LoadingKind } from "../dom/phx-attributes.js";
import { elementState } from "../dom/element-state.js";
import { loadingRefOf, lockRefOf, takeLockClone } from "../dom/locks.js";
import { removeClassCleanly } from "../dom/attributes.js";

/** One element a pending event marks: locked (patches wait), loading (classes, disable-with), or both. */
export interface PendingMark {
  element: Element;
  lock: boolean;
  loading: boolean;
}

export interface MarkOptions {
  binding: BindingName;
  /** The view id written into `data-phx-ref-src`. */
  viewId: string;
  /** The binding kind; the element gets `phx-<kind>-loading`. */
  kind: LoadingKind | (string & {});
  event: string | null;
  /** On submit only the submitter and the form get loading classes and disable-with. */
  submitter?: Element | null;
  form?: Element | null;
}

/**
 * Marks the elements of a pending event (spec §3.8.6): `data-phx-ref-src`, `data-phx-ref-loading`,
 * `data-phx-ref-lock`, the `phx-<kind>-loading` class, and the `phx-disable-with` text swap.
 * Announces the push with bubbling `phx:push` / `phx:push:<event>` events.
 */
export function markPending(marks: readonly PendingMark[], ref: number, options: MarkOptions): void {
  const disableWith = options.binding("disable-with");
  const submitting = options.submitter !== undefined && options.submitter !== null;
  for (const { element, lock, loading } of marks) {
    element.setAttribute(PhxAttribute.refSource, options.viewId);
    if (loading) element.setAttribute(PhxAttribute.refLoading, String(ref));
    if (lock) element.setAttribute(PhxAttribute.refLock, String(ref));
    if (!loading || (submitting && element !== options.submitter && element !== options.form)) continue;
    element.classList.add(`phx-${options.kind}-loading`);
    const disableText = element.getAttribute(disableWith);
    if (disableText !== null) {
      if (!element.getAttribute(PhxAttribute.disableWithRestore)) {
        element.setAttribute(PhxAttribute.disableWithRestore, element.textContent ?? "");
      }
      if (disableText !== "") element.textContent = disableText;
      const wasDisabled = "disabled" in element ? String((element as HTMLButtonElement).disabled) : "";
      element.setAttribute(PhxAttribute.disabled, element.getAttribute(PhxAttribute.disabled) ?? wasDisabled);
      element.setAttribute("disabled", "");
    }
    const detail = { event: options.event, eventType: options.kind, ref, isLoading: loading, isLocked: lock };
    element.dispatchEvent(new CustomEvent("phx:push", { detail, bubbles: true }));
    if (options.event !== null) element.dispatchEvent(new CustomEvent(`phx:push:${options.event}`, { detail, bubbles: true }));
  }
}

/**
 * Disables a form for a pending submit: inputs readonly, buttons disabled (originals kept in
 * `data-phx-readonly` / `data-phx-disabled`), each control locked, the form loading.
 * Controls inside `phx-update="ignore"` belong to the client and are left alone.
 */
export function formSubmitMarks(form: HTMLFormElement, binding: BindingName): PendingMark[] {
  const ignoredSelector = `[${binding("update")}="ignore"], [${PhxAttribute.update}="ignore"]`;
  const notIgnored = (element: Element): boolean => {
    const ignored = element.closest(ignoredSelector);
    return ignored === null || !form.contains(ignored);
  };
  const controls = Array.from(form.elements);
  const disables = controls.filter((element) => element.hasAttribute(binding("disable-with")));
  const buttons = controls.filter((element): element is HTMLButtonElement => element instanceof HTMLButtonElement).filter(notIgnored);
  const inputs = controls
    .filter((element): element is HTMLInputElement | HTMLTextAreaElement => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
    .filter(notIgnored);
  for (const button of buttons) {
    button.setAttribute(PhxAttribute.disabled, String(button.disabled));
    button.disabled = true;
  }
  for (const input of inputs) {
    input.setAttribute(PhxAttribute.readonly, String(input.readOnly));
    input.readOnly = true;
    if (input instanceof HTMLInputElement && input.type === "file") {
      input.setAttribute(PhxAttribute.disabled, String(input.disabled));
      input.disabled = true;
    }
  }
  const controlMarks = [...disables, ...buttons, ...inputs].map((element) => ({ element, lock: true, loading: true }));
  // Reversed so the controls are locked before the form itself is.
  return [{ element: form, lock: false, loading: true }, ...controlMarks].reverse();
}

/**
 * Undoes the marks of event `ref` on `element` once its reply arrived. A newer pending event
 * keeps the element; the undo is then recorded and happens with the newer one. A lock clone
 * that received patches meanwhile is handed to `applyClone` to be patched into the element.
 */
export function releasePending(element: Element, ref: number, event: string | null, applyClone: (clone: Element) => void): void {
  const loadingRef = loadingRefOf(element);
  const lockRef = lockRefOf(element);
  const state = elementState(element);
  const heldByNewer = loadingRef !== null && loadingRef > ref && lockRef !== null && lockRef > ref;
  if (heldByNewer) {
    (state.pendingRefs ??= []).push(ref);
    return;
  }
  const detail = { ref, event };
  if (lockRef !== null && lockRef <= ref) {
    const clone = takeLockClone(element);
    if (clone !== undefined) applyClone(clone);
    element.removeAttribute(PhxAttribute.refLock);
    element.dispatchEvent(new CustomEvent(`phx:undo-lock:${lockRef}`, { detail, bubbles: true }));
  }
  undoLoading(element, ref, loadingRef, lockRef, detail);
  state.pendingRefs = (state.pendingRefs ?? []).filter((pendingRef) => {
    if (loadingRef !== null && loadingRef > pendingRef) {
      element.dispatchEvent(new CustomEvent(`phx:undo-loading:${pendingRef}`, { detail: { ref: pendingRef, event }, bubbles: true }));
    }
    if (lockRef !== null && lockRef > pendingRef) {
      element.dispatchEvent(new CustomEvent(`phx:undo-lock:${pendingRef}`, { detail: { ref: pendingRef, event }, bubbles: true }));
    }
    return pendingRef > ref;
  });
  const resolved = (loadingRef === null || loadingRef <= ref) && (lockRef === null || lockRef <= ref);
  if (resolved) element.removeAttribute(PhxAttribute.refSource);
}

function undoLoading(
  element: Element,
  ref: number,
  loadingRef: number | null,
  lockRef: number | null,
  detail: { ref: number; event: string | null },
): void {
  // The submit-loading class and the restored controls stay while the form is still locked.
  const unlocked = lockRef === null || lockRef <= ref;
  if (loadingRef === null || loadingRef > ref) {
    if (unlocked && element.classList.contains("phx-submit-loading")) element.classList.remove("phx-change-loading");
    return;
  }
  if (unlocked) {
    element.removeAttribute(PhxAttribute.refLoading);
    restoreBoolean(element, PhxAttribute.readonly, "readOnly");
    restoreBoolean(element, PhxAttribute.disabled, "disabled");
    const restoreText = element.getAttribute(PhxAttribute.disableWithRestore);
    if (restoreText !== null) {
      element.textContent = restoreText;
      element.removeAttribute(PhxAttribute.disableWithRestore);
    }
    element.dispatchEvent(new CustomEvent(`phx:undo-loading:${loadingRef}`, { detail, bubbles: true }));
  }
  for (const className of LOADING_CLASSES) {
    if (className !== "phx-submit-loading" || unlocked) removeClassCleanly(element, className);
  }
}

function restoreBoolean(element: Element, attribute: string, property: "readOnly" | "disabled"): void {
  const saved = element.getAttribute(attribute);
  if (saved === null || !(property in element)) return;
  (element as unknown as Record<string, boolean>)[property] = saved === "true";
  element.removeAttribute(attribute);
}

/** The elements that carry marks of view `viewId`'s pending events. */
export function markedElementsOf(viewId: string, doc: Document = document): Element[] {
  return Array.from(doc.querySelectorAll(`[${PhxAttribute.refSource}="${CSS.escape(viewId)}"]`));
}

/** Clears every mark of a view after it rejoined: the events they waited for will never be answered. */
export function dropPendingMarks(doc: Document, viewId: string): void {
  for (const element of markedElementsOf(viewId, doc)) {
    element.removeAttribute(PhxAttribute.refLoading);
    element.removeAttribute(PhxAttribute.refSource);
    element.removeAttribute(PhxAttribute.refLock);
  }
}
