import { peekElementState } from "../dom/element-state.js";
import { submitOverHttp } from "../dom/form-submit.js";
import { PhxAttribute } from "../dom/phx-attributes.js";
import { performViewPatch, type ViewPatchDelegate, type ViewPatchRequest } from "../dom/view-patch.js";
import type { DiagnosticCode } from "./diagnostics.js";
import { runMountedCommand } from "./lifecycle-commands.js";
import type { View } from "./view.js";

/** Patches `view`'s container (or one of its components) into freshly rendered HTML. */
export function patchView(view: View, request: Omit<ViewPatchRequest, "container" | "viewId">): void {
  // Components a join patch removes belong to an earlier render (the dead render, or the tree
  // before a rejoin) that the view's new server process never sent: nothing to announce.
  performViewPatch({ container: view.el, viewId: view.id, ...request }, delegateFor(view, !request.isJoin));
}

/** Patches a released lock's clone, which took the patches meanwhile, into the live element. */
export function patchLockedElement(view: View, element: Element, clone: Element, ref: number): void {
  performViewPatch(
    { container: element, viewId: view.id, html: clone, streams: [], isJoin: false, undoRef: ref, withContainer: true },
    delegateFor(view, true),
  );
}

/**
 * What a patch sets off in the runtime: hooks hear of added, updated and removed elements,
 * `phx-mounted` runs, nested and sticky views join or leave, `phx-remove` commands play before
 * their elements leave, and a `phx-trigger-action` form submits over HTTP. With
 * `pruneComponents`, components that left the page are announced to the server.
 */
function delegateFor(view: View, pruneComponents: boolean): ViewPatchDelegate {
  const { runtime, hooks } = view;
  return {
    binding: view.binding,
    ownsElement: (element) => view.ownsElement(element),
    beforeElementUpdated: (from, to) => hooks.beforeUpdate(from, to),
    elementAdded: (element) => {
      hooks.elementAdded(element);
      runMountedCommand(view, element);
    },
    elementUpdated: (element) => hooks.elementUpdated(element),
    elementsDiscarded: (elements) => {
      hooks.elementsDiscarded(elements);
      if (pruneComponents) view.components.elementsRemoved(elements);
    },
    childViewAdded: (container) => {
      if (container.hasAttribute(PhxAttribute.sticky)) runtime.joinRootViews();
    },
    childViewRemoved: (container) => runtime.destroyViewByElement(container),
    removeWithCommands: (elements, remove) => {
      for (const element of elements) runtime.execCommands(element, element.getAttribute(view.binding("remove")) ?? "", "remove");
      // Hide transitions of phx-remove play before the elements leave.
      runtime.afterTransitions(() => view.guard("phx-remove", remove));
    },
    reapplyClientState: (live, incoming) => runtime.reapplyClientState(live, incoming),
    triggerFormAction: (form) => {
      runtime.unload();
      submitOverHttp(form, peekElementState(form)?.submitter);
    },
    report: (code, message, metadata) => view.report(code as DiagnosticCode, message, "app", metadata),
    silenced: (run) => runtime.silenced(run),
  };
}
