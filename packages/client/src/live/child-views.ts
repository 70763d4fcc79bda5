import { PhxAttribute, VIEW_SELECTOR } from "../dom/phx-attributes.js";
import type { View } from "./view.js";

/**
 * The nested views of one view, by container id. A nested container joins once its parent has
 * rendered it into the page; one whose session was cleared (its view was destroyed, see
 * `markViewContainerDestroyed`) waits until the parent renders it anew.
 */
export class ChildViews {
  readonly #parentId: string;
  readonly #createChild: (container: Element) => View;
  readonly #children = new Map<string, View>();

  constructor(parentId: string, createChild: (container: Element) => View) {
    this.#parentId = parentId;
    this.#createChild = createChild;
  }

  /** Creates and joins a view for every nested container of the parent that has none yet. */
  joinNew(): void {
    const selector = `${VIEW_SELECTOR}[${PhxAttribute.parentId}="${CSS.escape(this.#parentId)}"]`;
    for (const container of Array.from(document.querySelectorAll(selector))) {
      if (this.#children.has(container.id) || container.getAttribute(PhxAttribute.session) === "") continue;
      const child = this.#createChild(container);
      this.#children.set(child.id, child);
      child.join();
    }
  }

  /** Destroys the nested view with this container id, anywhere below the parent. */
  destroyDescendant(id: string): boolean {
    const child = this.#children.get(id);
    if (child !== undefined) {
      child.destroy();
      return true;
    }
    for (const descendant of this.#children.values()) if (descendant.destroyDescendant(id)) return true;
    return false;
  }

  destroyAll(): void {
    for (const child of Array.from(this.#children.values())) child.destroy();
  }

  /** A child destroyed itself. */
  forget(id: string): void {
    this.#children.delete(id);
  }

  values(): IterableIterator<View> {
    return this.#children.values();
  }
}
