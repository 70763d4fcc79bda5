import { parseJsCommands, type JsonObject } from "@cinder/protocol";
import type { BindingName } from "../dom/phx-attributes.js";
import { PhxAttribute } from "../dom/phx-attributes.js";
import { isFormControl } from "../dom/form-elements.js";
import { serializeForm } from "../bindings/form-serialization.js";
import { phxValues } from "../bindings/event-values.js";
import type { EventPusher } from "./event-pusher.js";
import type { PushCommand } from "../js/js-command-host.js";
import { asCid } from "./view-targets.js";

/**
 * Form recovery after a reconnect (spec §3.12). Before a rejoined view applies its new render,
 * every form the user was filling in — it has an `id`, a `phx-change` and at least one field,
 * and no `phx-auto-recover="ignore"` — is replayed to the server as a change event, so the new
 * render includes what was typed.
 *
 * The old forms are read when the root view's join reply arrives, before any patch: nested
 * views rejoin after the root's patch and recover from the same snapshot.
 */
export interface FormSnapshot {
  formId: string;
  /** The old form's `phx-change`, which the new form must still have. */
  change: string;
  /** The old form's fields, URL-encoded with `_unused_` markers as a change would send them. */
  value: string;
  /** Name of the first field that is not hidden: the recovery's `_target`. */
  target: string;
  /** The old form's `phx-value-*`. */
  meta: Record<string, string>;
}

export function snapshotForms(root: Element, binding: BindingName): Map<string, FormSnapshot> {
  const change = binding("change");
  const snapshots = new Map<string, FormSnapshot>();
  for (const form of Array.from(root.querySelectorAll(`form[${change}]`))) {
    if (!(form instanceof HTMLFormElement) || form.id === "" || form.elements.length === 0) continue;
    if (form.getAttribute(binding("auto-recover")) === "ignore") continue;
    const fields = Array.from(form.elements).filter(
      (element) => isFormControl(element) && element.getAttribute("name") && !element.hasAttribute(change),
    );
    if (fields.length === 0) continue;
    const first = fields.find((element) => (element as HTMLInputElement).type !== "hidden") ?? fields[0];
    snapshots.set(form.id, {
      formId: form.id,
      change: form.getAttribute(change) ?? "",
      value: serializeForm(form, binding),
      target: first?.getAttribute("name") ?? "",
      meta: phxValues(form, binding),
    });
  }
  return snapshots;
}

/** One recovery event to push. */
export interface FormRecovery {
  snapshot: FormSnapshot;
  event: string;
  /** Extra values of a `push` JS command in `phx-change`. */
  value: Record<string, unknown> | undefined;
  /** The component the new form's events go to, if any. */
  cid: number | null;
}

/**
 * The recoveries for a view's new render: forms of the new HTML whose old version was
 * snapshotted with the same `phx-change`. Each snapshot is taken at most once.
 */
export function recoveriesFor(html: string, snapshots: Map<string, FormSnapshot>, binding: BindingName, viewId: string): FormRecovery[] {
  if (snapshots.size === 0) return [];
  const template = document.createElement("template");
  template.innerHTML = html;
  const change = binding("change");
  const recoveries: FormRecovery[] = [];
  for (const form of Array.from(template.content.querySelectorAll("form"))) {
    const snapshot = form.id === "" ? undefined : snapshots.get(form.id);
    if (snapshot === undefined || form.getAttribute(change) !== snapshot.change) continue;
    const encoded = form.getAttribute(binding("auto-recover")) || form.getAttribute(change) || "";
    const push = pushCommandOf(encoded);
    if (push === null) continue;
    snapshots.delete(form.id);
    recoveries.push({ snapshot, event: push.event, value: push.value, cid: componentOf(form, push.target ?? form.getAttribute(binding("target")), template.content, viewId) });
  }
  return recoveries;
}

/**
 * Pushes each recovery as the form's change event and calls `done` once all of them were
 * answered. A failed recovery counts as answered: it must not hold back the join patch.
 */
export function replayFormRecoveries(pusher: EventPusher, recoveries: readonly FormRecovery[], done: () => void): void {
  if (recoveries.length === 0) {
    done();
    return;
  }
  let pending = recoveries.length;
  for (const { snapshot, event, value, cid } of recoveries) {
    const payload: JsonObject = {
      type: "form",
      event,
      value: snapshot.value,
      meta: { _target: snapshot.target, ...snapshot.meta, ...(value as JsonObject | undefined) },
      uploads: {},
    };
    if (cid !== null) payload.cid = cid;
    void pusher.pushWithReply(null, "event", payload).then(() => {
      pending -= 1;
      if (pending === 0) done();
    });
  }
}

function componentOf(form: Element, target: string | number | null, scope: DocumentFragment, viewId: string): number | null {
  if (typeof target === "number") return target;
  const cid = asCid(target);
  if (cid !== null) return cid;
  let context: Element | null = form;
  if (target !== null && target !== "") {
    try {
      context = scope.querySelector(target);
    } catch {
      context = null;
    }
  }
  const component = context?.closest(`[${PhxAttribute.component}]`);
  if (component === null || component === undefined) return null;
  const owner = component.getAttribute(PhxAttribute.view);
  return owner === null || owner === viewId ? Number(component.getAttribute(PhxAttribute.component)) : null;
}

/**
 * The first push of `encoded` (an event name or a command list), or null when it pushes
 * nothing: recovery replays a form's `phx-change` event without running its other commands.
 */
function pushCommandOf(encoded: string): PushCommand | null {
  if (encoded === "") return null;
  if (!encoded.startsWith("[")) return { event: encoded };
  for (const command of parseJsCommands(encoded).commands) {
    if (command[0] !== "push") continue;
    const { event, value, target, loading, page_loading: pageLoading } = command[1];
    return {
      event,
      ...(value !== undefined && { value: value as Record<string, unknown> }),
      ...(target !== undefined && { target }),
      ...(loading !== undefined && { loading }),
      ...(pageLoading === true && { pageLoading }),
    };
  }
  return null;
}
