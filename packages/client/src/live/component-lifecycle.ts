import { isJsonObject } from "@cinder/protocol";
import { PhxAttribute, componentSelector } from "../dom/phx-attributes.js";
import { asCid } from "./view-targets.js";
import { DiagnosticCode } from "./diagnostics.js";
import type { View } from "./view.js";

/**
 * Live component bookkeeping of one view (spec §3.13): which component elements to patch for a
 * component-only diff, and telling the server when components left the page.
 */
export class ComponentLifecycle {
  readonly #view: View;

  constructor(view: View) {
    this.#view = view;
  }

  /**
   * The cids to patch for a component-only diff: those on the page, minus those nested in
   * another one being patched (the parent's patch renders them). A cid not on the page can only
   * come back through its parent, so patching it alone would render it twice.
   */
  existingParents(cids: readonly number[]): number[] {
    const viewId = this.#view.id;
    const parents = new Set<number>();
    const nested = new Set<number>();
    for (const cid of cids) {
      for (const element of Array.from(document.querySelectorAll(componentSelector(viewId, cid)))) {
        parents.add(cid);
        for (const inner of Array.from(element.querySelectorAll(componentSelector(viewId)))) {
          const innerCid = asCid(inner.getAttribute(PhxAttribute.component));
          if (innerCid !== null) nested.add(innerCid);
        }
      }
    }
    return [...parents].filter((cid) => !nested.has(cid));
  }

  /**
   * Elements left the DOM: components among them that are gone from the page are announced with
   * `cids_will_destroy`, then — if still gone — `cids_destroyed`, whose reply lists the cids the
   * server deleted; only those are pruned from the tree.
   */
  elementsRemoved(elements: readonly Element[]): void {
    const view = this.#view;
    const cids = new Set<number>();
    for (const element of elements) {
      for (const component of [element, ...Array.from(element.querySelectorAll(`[${PhxAttribute.component}]`))]) {
        if (component.getAttribute(PhxAttribute.view) !== view.id) continue;
        const cid = asCid(component.getAttribute(PhxAttribute.component));
        if (cid !== null) cids.add(cid);
      }
    }
    const gone = [...cids].filter((cid) => !this.#onPage(cid));
    if (gone.length === 0 || !view.isConnected()) return;
    // The server may render these again before it hears of their removal: render them whole then.
    for (const cid of gone) view.tree.current?.resetComponent(cid);
    void view.pusher.pushWithReply(null, "cids_will_destroy", { cids: gone }).then((willDestroy) => {
      if (!willDestroy.ok) return this.#failed(willDestroy.error);
      const stillGone = gone.filter((cid) => !this.#onPage(cid));
      if (stillGone.length === 0) return;
      void view.pusher.pushWithReply(null, "cids_destroyed", { cids: stillGone }).then((destroyed) => {
        if (!destroyed.ok) return this.#failed(destroyed.error);
        const confirmed = isJsonObject(destroyed.response) && Array.isArray(destroyed.response.cids) ? destroyed.response.cids : [];
        view.tree.current?.pruneComponents(confirmed.map(asCid).filter((cid): cid is number => cid !== null));
      });
    });
  }

  #onPage(cid: number): boolean {
    return document.querySelector(componentSelector(this.#view.id, cid)) !== null;
  }

  #failed(error: string): void {
    if (!this.#view.isDestroyed()) this.#view.report(DiagnosticCode.pushFailed, `telling the server about removed components failed: ${error}`, "network");
  }
}
