import { PhxAttribute, VIEW_SELECTOR } from "../dom/phx-attributes.js";
import { peekElementState } from "../dom/element-state.js";
import type { LiveRuntime } from "./runtime.js";
import { View } from "./view.js";

/**
 * The LiveViews of the page: a root view for every top-level container (nested views belong to
 * their root), and among them the main view (`data-phx-main`), the one live navigation replaces.
 */
export class PageViews {
  readonly #runtime: LiveRuntime;
  readonly #roots = new Map<string, View>();
  #main: View | null = null;

  constructor(runtime: LiveRuntime) {
    this.#runtime = runtime;
  }

  get main(): View | null {
    return this.#main;
  }

  /**
   * Creates and joins a view for every top-level container that has none yet; routed views get
   * `href()` as their URL. Returns false when the page has no LiveView at all.
   */
  joinRootViews(href: () => string): boolean {
    let found = false;
    for (const container of Array.from(document.querySelectorAll(`${VIEW_SELECTOR}:not([${PhxAttribute.parentId}])`))) {
      found = true;
      if (this.#roots.has(container.id)) continue;
      const view = this.#newRootView(container);
      // Sticky views are not routed: they have no URL of their own.
      if (!container.hasAttribute(PhxAttribute.sticky)) view.setHref(href());
      if (container.hasAttribute(PhxAttribute.main)) this.#main = view;
      view.join();
    }
    return found;
  }

  /** The view that owns `element`: its nearest container's view, else (for page elements outside any view) the main view. */
  ownerOf(element: Element): View | null {
    const container = element.closest(VIEW_SELECTOR);
    if (container !== null) {
      // By element identity, not id: during navigation the new view shares the old one's id.
      const view = peekElementState(container)?.view;
      return view instanceof View && !view.isDestroyed() ? view : null;
    }
    return element.isConnected ? this.#main : null;
  }

  /**
   * Replaces the main view with a new one joined at `href` (live navigation). The new view joins
   * into a detached copy of the container, so the old content stays on screen meanwhile. When
   * its first render is ready and `stillWanted()` says no newer navigation overtook it, sticky
   * views move into the copy, the copy takes the old container's place, `swapped()` runs, and
   * the render is patched in.
   */
  replaceMain(href: string, flash: string | null, stillWanted: () => boolean, swapped: () => void): void {
    const oldMain = this.#main;
    if (oldMain === null) return;
    const liveReferer = window.location.href;
    const outgoing = oldMain.el;
    const incoming = outgoing.cloneNode(false) as Element;
    oldMain.destroy();
    this.#roots.delete(oldMain.id);
    const main = this.#newRootView(incoming, flash, liveReferer);
    this.#main = main;
    main.setRedirect(href);
    main.join((joinCount, proceed) => {
      if (joinCount !== 1 || !stillWanted()) return;
      // Sticky views live outside the main view's content: they move into the new container.
      for (const sticky of Array.from(outgoing.querySelectorAll(`[${PhxAttribute.sticky}]`))) incoming.appendChild(sticky);
      outgoing.replaceWith(incoming);
      swapped();
      proceed();
    });
  }

  /** Destroys the view of a container that left the page: a root, or a nested view of one. */
  destroyByElement(container: Element): void {
    const rootId = container.getAttribute(PhxAttribute.rootId);
    const root = rootId === null ? undefined : this.#roots.get(rootId);
    if (root === undefined) return;
    if (root.id === container.id) {
      root.destroy();
      this.#roots.delete(root.id);
    } else {
      root.destroyDescendant(container.id);
    }
  }

  destroyAll(): void {
    for (const view of this.#roots.values()) view.destroy();
    this.#roots.clear();
    this.#main = null;
  }

  #newRootView(container: Element, flash: string | null = null, liveReferer: string | null = null): View {
    const view = new View(container, this.#runtime, null, flash, liveReferer);
    this.#roots.set(view.id, view);
    return view;
  }
}
