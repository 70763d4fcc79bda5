import type { StreamInstruction } from "@cinder/protocol";
import { morph, type MorphCallbacks } from "./patch.js";
import { PhxAttribute, VIEW_SELECTOR, PENDING_ATTRIBUTES, LOADING_CLASSES, componentSelector, type BindingName } from "./phx-attributes.js";
import { shareElementState } from "./element-state.js";
import { captureFocus, restoreFocus } from "./focus.js";
import { isEditableControl, formOf } from "./form-elements.js";
import { mergeAttributes, mergeFocusedInput, syncCheckedFromAttribute } from "./attributes.js";
import { StreamPatch } from "./streams.js";
import { carryNestedLockClone, lockCloneOf, patchTargetFor } from "./locks.js";

/** What a patch reports back to its view. All callbacks run synchronously during `perform`. */
export interface ViewPatchDelegate {
  readonly binding: BindingName;
  ownsElement(element: Element): boolean;
  /** Before an existing element is morphed: hooks get `beforeUpdate`. */
  beforeElementUpdated(from: Element, to: Element): void;
  /** After the morph, per added element (document order). */
  elementAdded(element: Element): void;
  /** After the morph, per updated element. */
  elementUpdated(element: Element): void;
  /** After the morph: elements that left the DOM (their subtrees left too). */
  elementsDiscarded(elements: readonly Element[]): void;
  /** A nested LiveView container appeared. */
  childViewAdded(container: Element): void;
  /** A nested LiveView container left the DOM. */
  childViewRemoved(container: Element): void;
  /** Elements with `phx-remove`: run the command, then call `remove`. */
  removeWithCommands(elements: readonly Element[], remove: () => void): void;
  /**
   * Re-applies DOM state that JS commands set on `live` (classes, attributes) to `incoming`, so
   * a server patch does not undo it.
   */
  reapplyClientState(live: Element, incoming: Element): void;
  /** A form with `phx-trigger-action` appeared or changed: submit it over HTTP. */
  triggerFormAction(form: HTMLFormElement): void;
  report(code: string, message: string, metadata: Record<string, unknown>): void;
  /** Runs `run` (focus restoration) without focus bindings firing for it. */
  silenced(run: () => void): void;
}

export interface ViewPatchRequest {
  /** The LiveView container. */
  container: Element;
  /**
   * Children HTML of the container, the HTML of one component element, or (lock release) the
   * element the locked element must become.
   */
  html: string | Element;
  streams: readonly StreamInstruction[];
  /** Set for a component-only patch: the element of this cid is morphed, not the container. */
  componentId?: number;
  viewId: string;
  /** The first patch after a join: dead-render ids match, magic ids do not exist yet. */
  isJoin: boolean;
  /** Set when a lock is released: the patch morphs the locked element itself. */
  undoRef?: number;
  /** Morph `container` itself, not only its children (lock release). */
  withContainer?: boolean;
}

/**
 * One LiveView patch: morphs the container (or one component) into freshly rendered HTML while
 * keeping what belongs to the user and the client — the focused input, `phx-update="ignore"`
 * content, stream items, locked elements, nested LiveViews, hook elements.
 */
export function performViewPatch(request: ViewPatchRequest, delegate: ViewPatchDelegate): void {
  new ViewPatch(request, delegate).perform();
}

class ViewPatch {
  readonly #request: ViewPatchRequest;
  readonly #delegate: ViewPatchDelegate;
  readonly #streams: StreamPatch;
  readonly #added: Element[] = [];
  readonly #updated: Element[] = [];
  readonly #discarded: Element[] = [];
  readonly #pendingRemoves: Element[] = [];
  #triggeredForm: HTMLFormElement | null = null;
  readonly #phxUpdate: string;
  readonly #phxRemove: string;
  readonly #phxTriggerAction: string;
  readonly #phxPatchFocused: string;

  constructor(request: ViewPatchRequest, delegate: ViewPatchDelegate) {
    this.#request = request;
    this.#delegate = delegate;
    this.#streams = new StreamPatch(request.streams);
    this.#phxUpdate = delegate.binding("update");
    this.#phxRemove = delegate.binding("remove");
    this.#phxTriggerAction = delegate.binding("trigger-action");
    this.#phxPatchFocused = delegate.binding("patch-focused");
  }

  perform(): void {
    const request = this.#request;
    const target = this.#target();
    if (target === null) return;
    const focus = captureFocus(request.container.ownerDocument);
    const doc = request.container.ownerDocument;

    this.#streams.removeBeforeMorph(doc, (item) => this.#removeStreamItem(item, false));
    if (request.isJoin) this.#clearDeadRenderStreams();

    const isComponent = target.hasAttribute(PhxAttribute.component);
    const tag = target.tagName.toLowerCase();
    const source = typeof request.html !== "string" || isComponent ? request.html : `<${tag}>${request.html}</${tag}>`;
    this.#morph(target, source, !isComponent && request.withContainer !== true, focus.element);

    this.#delegate.silenced(() => restoreFocus(focus));
    doc.dispatchEvent(new CustomEvent("phx:update", { bubbles: true, cancelable: true, detail: {} }));
    for (const element of this.#added) this.#delegate.elementAdded(element);
    for (const element of this.#updated) this.#delegate.elementUpdated(element);
    this.#delegate.elementsDiscarded(this.#discarded);
    this.#transitionPendingRemoves();
    if (this.#triggeredForm !== null) this.#delegate.triggerFormAction(this.#triggeredForm);
  }

  /** The element to morph; for a component inside a locked element, its place in the lock clone. */
  #target(): Element | null {
    const { container, componentId, viewId } = this.#request;
    if (componentId === undefined) return container;
    const component = container.ownerDocument.querySelector(componentSelector(viewId, componentId));
    if (component === null) return null;
    const lock = component.closest(`[${PhxAttribute.refLock}]`);
    if (lock !== null && lock !== component && this.#delegate.ownsElement(lock)) {
      const clone = lockCloneOf(lock);
      // A stale clone without this component has nowhere safe to take the patch: the next
      // full patch brings the component anyway.
      if (clone !== undefined) return clone.querySelector(`[${PhxAttribute.component}="${componentId}"]`);
    }
    return component;
  }

  #morph(target: Element, source: Element | string, childrenOnly: boolean, focused: Element | null): void {
    const callbacks: MorphCallbacks = {
      key: (node) => this.#key(node),
      skipFromChildren: (from) => from.getAttribute(this.#phxUpdate) === "stream",
      addChild: (parent, child) => this.#streams.addChild(parent, child),
      beforeNodeAdded: (node) => this.#beforeNodeAdded(node),
      nodeAdded: (node) => this.#nodeAdded(node),
      beforeNodeDiscarded: (node) => this.#beforeNodeDiscarded(node),
      nodeDiscarded: (node) => this.#nodeDiscarded(node),
      elementUpdated: (element) => {
        this.#noteTriggerAction(element);
        this.#updated.push(element);
        this.#streams.place(element, false, (item) => this.#removeStreamItem(item, false));
      },
      beforeElementUpdated: (from, to) => this.#beforeElementUpdated(from, to, focused),
    };
    morph(target, source, { childrenOnly, ...callbacks });
  }

  #key(node: Node): string | null {
    if (!(node instanceof Element)) return null;
    // A join patch meets the dead render, which has no magic ids: ids alone keep the most
    // elements in place.
    if (this.#request.isJoin) return node.id === "" ? null : node.id;
    return node.id !== "" ? node.id : node.getAttribute(PhxAttribute.magicId);
  }

  #beforeNodeAdded(node: Node): Node | false {
    if (!(node instanceof Element)) return node;
    const plan = this.#streams.insertOf(node);
    if (plan?.updateOnly === true && !this.#streams.hasKept(node.id)) return false;
    const kept = this.#streams.takeKept(node.id);
    if (kept === undefined) return node;
    // A stream item kept across a reset: morph the existing element instead of re-creating it.
    this.#morph(kept, node, false, null);
    return kept;
  }

  #nodeAdded(node: Node): void {
    if (!(node instanceof Element)) return;
    this.#streams.place(node, true, (item) => this.#removeStreamItem(item, false));
    this.#noteTriggerAction(node);
    const isChildView = node.hasAttribute(PhxAttribute.parentId) && this.#delegate.ownsElement(node);
    const isSticky = node.hasAttribute(PhxAttribute.sticky) && node.parentElement !== null && this.#delegate.ownsElement(node.parentElement);
    if (isChildView || isSticky) this.#delegate.childViewAdded(node);
    this.#added.push(node);
  }

  #beforeNodeDiscarded(node: Node): boolean {
    if (!(node instanceof Element)) return true;
    const parent = node.parentElement;
    if (parent !== null && node.id !== "" && this.#isStreamLike(parent)) return false;
    if (this.#deferRemoval(node)) return false;
    return !node.hasAttribute(PhxAttribute.skip);
  }

  #nodeDiscarded(node: Node): void {
    if (!(node instanceof Element)) return;
    if (node.hasAttribute(PhxAttribute.parentId) || node.hasAttribute(PhxAttribute.sticky)) {
      this.#delegate.childViewRemoved(node);
    }
    this.#discarded.push(node);
  }

  #beforeElementUpdated(from: Element, to: Element, focused: Element | null): boolean | Element {
    const { undoRef } = this.#request;
    copyPendingState(from, to);
    this.#dropChildrenWithoutId(to);
    const isFocusedInput = focused !== null && from === focused && isEditableControl(from);
    const focusedSelectChanged = isFocusedInput && selectChanged(from, to);

    if (to.hasAttribute(PhxAttribute.skip)) {
      // Unchanged subtree: the live element stays as it is, but lock bookkeeping still applies.
      patchTargetFor(from, undoRef, isFocusedInput);
      carryNestedLockClone(from, to, undoRef);
      this.#streams.place(from, false, (item) => this.#removeStreamItem(item, false));
      return false;
    }
    if (from.hasAttribute(PhxAttribute.sticky)) {
      for (const name of [PhxAttribute.session, PhxAttribute.static, PhxAttribute.rootId]) {
        const value = to.getAttribute(name);
        if (value && from.getAttribute(name) !== value) from.setAttribute(name, value);
      }
      return false;
    }
    const ignored = this.#isIgnored(from);
    const fromForm = formOf(from);
    if (ignored || (fromForm !== null && fromForm === this.#triggeredForm)) {
      this.#delegate.beforeElementUpdated(from, to);
      mergeAttributes(from, to, { onlyDataAttributes: ignored });
      this.#updated.push(from);
      this.#delegate.reapplyClientState(from, from);
      return false;
    }
    if (from instanceof HTMLInputElement && from.type === "number" && from.validity?.badInput === true) return false;

    const live = patchTargetFor(from, undoRef, isFocusedInput);
    if (to.hasAttribute(PhxAttribute.parentId)) {
      // A nested LiveView's content belongs to its own view; only its container attributes
      // follow the parent, and its session stays the one it joined with.
      const session = live.getAttribute(PhxAttribute.session);
      mergeAttributes(live, to, { exclude: [PhxAttribute.static] });
      if (session !== null && session !== "") live.setAttribute(PhxAttribute.session, session);
      live.setAttribute(PhxAttribute.rootId, this.#request.container.getAttribute(PhxAttribute.rootId) ?? "");
      this.#delegate.reapplyClientState(live, live);
      return false;
    }
    carryNestedLockClone(live, to, undoRef);
    shareElementState(live, to);

    if (isFocusedInput && (from as HTMLInputElement).type !== "hidden" && !focusedSelectChanged && !to.hasAttribute(this.#phxPatchFocused)) {
      this.#delegate.beforeElementUpdated(live, to);
      mergeFocusedInput(live, to);
      syncCheckedFromAttribute(live);
      this.#updated.push(live);
      this.#delegate.reapplyClientState(live, live);
      return false;
    }
    // A focused <select> whose options changed is blurred so the browser redraws its list.
    if (focusedSelectChanged && live instanceof HTMLElement) live.blur();
    syncCheckedFromAttribute(to);
    this.#delegate.reapplyClientState(live, to);
    this.#delegate.beforeElementUpdated(live, to);
    return live === from ? true : live;
  }

  #isIgnored(element: Element): boolean {
    return (element.getAttribute(this.#phxUpdate) ?? element.getAttribute(PhxAttribute.update)) === "ignore";
  }

  #isStreamLike(element: Element): boolean {
    const mode = element.getAttribute(this.#phxUpdate);
    return mode === "stream" || mode === "append" || mode === "prepend";
  }

  /** Children of stream/append/prepend containers need ids; anything else is dropped with a report. */
  #dropChildrenWithoutId(incoming: Element): void {
    if (!this.#isStreamLike(incoming)) return;
    for (const child of Array.from(incoming.childNodes)) {
      if (child instanceof Element && child.id !== "") continue;
      const blankText = child.nodeType === Node.TEXT_NODE && (child.nodeValue ?? "").trim() === "";
      if (!blankText && child.nodeType !== Node.COMMENT_NODE) {
        const text = child instanceof Element ? child.outerHTML : (child.nodeValue ?? "");
        this.#delegate.report(
          "dom.invalid-phx-update-child",
          `only elements with an id may be children of a phx-update container; removed: ${text.trim().slice(0, 120)}`,
          { container: incoming.id },
        );
      }
      child.remove();
    }
  }

  #clearDeadRenderStreams(): void {
    const containers = Array.from(this.#request.container.querySelectorAll(`[${this.#phxUpdate}="stream"]`)).filter((element) =>
      this.#delegate.ownsElement(element),
    );
    for (const container of containers) {
      for (const child of Array.from(container.children)) this.#removeStreamItem(child, true);
    }
  }

  #removeStreamItem(item: Element, force: boolean): void {
    // Stream items of nested views belong to those views.
    if (!force && !this.#delegate.ownsElement(item)) return;
    if (this.#streams.keepIfReinserted(item)) return;
    if (this.#deferRemoval(item)) return;
    item.remove();
    this.#nodeDiscarded(item);
  }

  /** Elements with `phx-remove` leave after their command ran. */
  #deferRemoval(element: Element): boolean {
    if (element.getAttribute(this.#phxRemove) === null) return false;
    if (!this.#pendingRemoves.includes(element)) this.#pendingRemoves.push(element);
    return true;
  }

  #transitionPendingRemoves(): void {
    const elements = this.#pendingRemoves;
    if (elements.length === 0) return;
    this.#delegate.removeWithCommands(elements, () => {
      for (const element of elements) {
        const childView = element.matches(`${VIEW_SELECTOR}[${PhxAttribute.parentId}]`)
          ? element
          : element.querySelector(`[${PhxAttribute.parentId}]`);
        if (childView !== null) this.#delegate.childViewRemoved(childView);
        element.remove();
      }
      this.#delegate.elementsDiscarded(elements);
    });
  }

  #noteTriggerAction(element: Element): void {
    if (element instanceof HTMLFormElement && element.getAttribute(this.#phxTriggerAction) !== null && element.isConnected) {
      this.#triggeredForm = element;
    }
  }
}

/** Pending-event marks on the live element survive a patch that does not know about them. */
function copyPendingState(from: Element, to: Element): void {
  if (!from.hasAttribute(PhxAttribute.refSource)) return;
  for (const className of LOADING_CLASSES) if (from.classList.contains(className)) to.classList.add(className);
  for (const name of PENDING_ATTRIBUTES) {
    const value = from.getAttribute(name);
    if (value !== null) to.setAttribute(name, value);
  }
}

/** True when a focused single `<select>` gets different options; it keeps the user's choice. */
function selectChanged(from: Element, to: Element): boolean {
  if (!(from instanceof HTMLSelectElement) || from.multiple || !(to instanceof HTMLSelectElement)) return false;
  if (from.options.length !== to.options.length) return true;
  to.value = from.value;
  return !from.isEqualNode(to);
}

/**
 * Marks the container of a destroyed nested view: its session is cleared, so no view joins it
 * again until its parent renders it anew. The parent's next patch restores the session and
 * keeps the element, so the nested content stays on screen until the new view has joined.
 */
export function markViewContainerDestroyed(container: Element): void {
  if (container.hasAttribute(PhxAttribute.parentId)) container.setAttribute(PhxAttribute.session, "");
}
