import type { StreamInstruction } from "@cinder/protocol";
import { PhxAttribute } from "./phx-attributes.js";

/** Where one stream item goes (spec §3.4.6). */
export interface StreamInsertPlan {
  ref: string;
  /** `-1` append, `0` prepend, `n` index. */
  at: number;
  /** `null`, or keep the first N (positive) / last N (negative) children. */
  limit: number | null;
  /** The stream was reset in this patch: existing items move to their new place. */
  reset: boolean;
  /** Only update the item if it is already in the DOM. */
  updateOnly: boolean;
}

/**
 * The stream instructions of one patch. Stream items live in the DOM, not in the rendered tree:
 * the patch adds them where `at` says, and removes them only when told (delete, reset, limit).
 */
export class StreamPatch {
  readonly #inserts = new Map<string, StreamInsertPlan>();
  /** Items removed by a reset but inserted again by the same patch: morphed, not re-created. */
  readonly #kept = new Map<string, Element>();
  readonly #instructions: readonly StreamInstruction[];

  constructor(instructions: readonly StreamInstruction[]) {
    this.#instructions = instructions;
    for (const [ref, inserts, , reset] of instructions) {
      for (const [domId, at, limit, updateOnly] of inserts) {
        this.#inserts.set(domId, { ref, at, limit, reset: reset === true, updateOnly });
      }
    }
  }

  insertOf(element: Element): StreamInsertPlan | undefined {
    return element.id === "" ? undefined : this.#inserts.get(element.id);
  }

  /**
   * Applies resets and deletes before the morph. `remove` decides how an item leaves (it may
   * run `phx-remove` first or refuse an element another view owns).
   */
  removeBeforeMorph(doc: Document, remove: (item: Element) => void): void {
    for (const [ref, , deletes, reset] of this.#instructions) {
      if (reset === true) {
        for (const item of Array.from(doc.querySelectorAll(`[${PhxAttribute.stream}="${CSS.escape(ref)}"]`))) remove(item);
      }
      for (const id of deletes) {
        const item = doc.getElementById(id);
        if (item !== null) remove(item);
      }
    }
  }

  /** An item is about to leave; if this patch inserts it again, keep it for reuse. */
  keepIfReinserted(item: Element): boolean {
    if (!this.#inserts.has(item.id)) return false;
    this.#kept.set(item.id, item);
    item.remove();
    return true;
  }

  /** The kept element for a re-inserted item, taken once. */
  takeKept(id: string): Element | undefined {
    const kept = this.#kept.get(id);
    this.#kept.delete(id);
    return kept;
  }

  hasKept(id: string): boolean {
    return this.#kept.has(id);
  }

  /** Inserts a new child of a stream container at its planned position. */
  addChild(parent: Element, child: Element): void {
    const plan = this.insertOf(child);
    if (plan === undefined) {
      parent.appendChild(child);
      return;
    }
    child.setAttribute(PhxAttribute.stream, plan.ref);
    if (plan.at === 0) {
      parent.insertAdjacentElement("afterbegin", child);
    } else if (plan.at === -1) {
      // Appended items go before trailing non-stream children (e.g. an "empty" placeholder
      // rendered after the items).
      const last = parent.lastElementChild;
      if (last !== null && !last.hasAttribute(PhxAttribute.stream)) {
        parent.insertBefore(child, parent.querySelector(`:scope > :not([${PhxAttribute.stream}])`));
      } else {
        parent.appendChild(child);
      }
    } else {
      parent.insertBefore(child, parent.children[plan.at] ?? null);
    }
  }

  /**
   * After morphdom placed or updated an item: stamp its stream ref, move it when it is new or
   * the stream was reset, then apply the limit. `remove` takes out items beyond the limit.
   */
  place(item: Element, isNew: boolean, remove: (item: Element) => void): void {
    const plan = this.insertOf(item);
    if (plan === undefined) return;
    if (item.getAttribute(PhxAttribute.stream) !== plan.ref) item.setAttribute(PhxAttribute.stream, plan.ref);
    const parent = item.parentElement;
    if ((!plan.reset && !isNew) || parent === null) return;
    if (plan.at === 0) {
      if (parent.firstElementChild !== item) parent.insertBefore(item, parent.firstElementChild);
    } else if (plan.at > 0) {
      const siblings = Array.from(parent.children);
      const oldIndex = siblings.indexOf(item);
      if (plan.at >= siblings.length - 1) {
        if (parent.lastElementChild !== item) parent.appendChild(item);
      } else {
        const sibling = siblings[plan.at] ?? null;
        const before = oldIndex > plan.at ? sibling : (sibling?.nextElementSibling ?? null);
        if (before !== item && item.nextElementSibling !== before) parent.insertBefore(item, before);
      }
    }
    this.#applyLimit(parent, plan.limit, remove);
  }

  #applyLimit(parent: Element, limit: number | null, remove: (item: Element) => void): void {
    if (limit === null) return;
    const children = Array.from(parent.children);
    if (limit < 0 && children.length > -limit) {
      children.slice(0, children.length + limit).forEach(remove);
    } else if (limit >= 0 && children.length > limit) {
      children.slice(limit).forEach(remove);
    }
  }
}
