import type { JsonObject } from "@cinder/protocol";
import { isJsonObject } from "@cinder/protocol";
import type { LoadingKind } from "../dom/phx-attributes.js";
import type { PushCommand } from "../js/js-command-host.js";
import { PhxAttribute } from "../dom/phx-attributes.js";
import { formOf } from "../dom/form-elements.js";
import { eventValue, phxValues } from "../bindings/event-values.js";
import { serializeForm } from "../bindings/form-serialization.js";
import { formSubmitMarks, markPending, markedElementsOf, releasePending, type PendingMark } from "../bindings/pending-marks.js";
import { DiagnosticCode, type DiagnosticAttribution } from "./diagnostics.js";
import { LiveDefaults } from "./defaults.js";
import { followNavigationReply } from "./server-navigation.js";
import type { View } from "./view.js";
import { closestComponent, targetComponent, type TargetContext } from "./view-targets.js";

export type PushResult =
  | { ok: true; response: JsonObject; reply: unknown; ref: number | null }
  | { ok: false; error: string; attribution: DiagnosticAttribution };

/** Options of a push that came from a binding or a `push` JS command: the command without its event. */
export type EventPushOptions = Omit<PushCommand, "event">;

export interface Marked {
  ref: number;
  elements: Element[];
}

/**
 * Sends a view's events (spec §3.8) and handles their replies: marks the source elements while
 * the event is pending, applies the reply diff, releases the marks, follows navigation replies,
 * and reloads the page when a push gets no reply in 30 s.
 */
export class EventPusher {
  readonly #view: View;
  #nextRef = 0;

  constructor(view: View) {
    this.#view = view;
  }

  /**
   * `click`, `keydown`, `keyup`, `focus`, `blur` events — or a JS command run outside a binding,
   * which sends its own kind (`mounted`, …): `value` is an object (spec §3.8.2).
   */
  pushEvent(kind: LoadingKind | (string & {}), element: Element, context: TargetContext | null, event: string, data: Record<string, unknown>, options: EventPushOptions = {}): Promise<PushResult> {
    const view = this.#view;
    const payload: JsonObject = {
      type: kind,
      event,
      value: eventValue(element, view.binding, data, options.value) as JsonObject,
    };
    setCid(payload, targetComponent(view, element, context, options.target));
    return this.pushWithReply(() => this.#mark([{ element, lock: true, loading: true }], kind, event, options), "event", payload, options, element);
  }

  /** A `phx-change`: the form URL-encoded, `meta._target` the changed field (spec §3.8.3). */
  pushInput(input: Element, context: TargetContext | null, event: string, target: string | undefined, options: EventPushOptions = {}, forceCid?: number | null): Promise<PushResult> {
    const view = this.#view;
    const form = formOf(input);
    if (form === null) return Promise.resolve({ ok: false, error: "a form event needs its input inside a form", attribution: "app" });
    const onlyNames = input.getAttribute(view.binding("change")) && input.getAttribute("name") ? [input.getAttribute("name") ?? ""] : [];
    const submitter = input instanceof HTMLButtonElement ? input : null;
    const payload: JsonObject = {
      type: "form",
      event,
      value: serializeForm(form, view.binding, { submitter, onlyNames }),
      // `_target` was sent as the string "undefined" when absent since LiveView 1.0; servers expect a string.
      meta: { _target: target ?? "undefined", ...phxValues(form, view.binding), ...(options.value as JsonObject | undefined) },
      uploads: {},
    };
    setCid(payload, forceCid ?? targetComponent(view, form, context, options.target));
    const marks: PendingMark[] = [
      { element: input, lock: true, loading: true },
      { element: form, lock: true, loading: true },
    ];
    return this.pushWithReply(() => this.#mark(marks, "change", event, options), "event", payload, options, input);
  }

  /** A `phx-submit`: the form is disabled until the reply; the submitter's value is included. */
  submitForm(form: HTMLFormElement, context: TargetContext | null, event: string, submitter: HTMLElement | null, options: EventPushOptions = {}): Promise<PushResult> {
    const view = this.#view;
    if (form.hasAttribute(PhxAttribute.refSource) && form.classList.contains("phx-submit-loading")) {
      return Promise.resolve({ ok: false, error: "the form's previous submit is still pending", attribution: "app" });
    }
    const payload: JsonObject = {
      type: "form",
      event,
      value: serializeForm(form, view.binding, { submitter }),
      meta: { ...phxValues(form, view.binding), ...(options.value as JsonObject | undefined) },
    };
    setCid(payload, targetComponent(view, form, context, options.target));
    const mark = (): Marked => {
      const marks = formSubmitMarks(form, view.binding);
      return this.#mark(marks, "submit", event, options, { submitter, form });
    };
    return this.pushWithReply(mark, "event", payload, options, form);
  }

  /** A hook's `pushEvent`: `value` is whatever the hook passed. */
  pushHookEvent(element: Element, context: TargetContext | null, event: string, payload: unknown): Promise<PushResult> {
    const message: JsonObject = { type: "hook", event, value: payload as JsonObject };
    setCid(message, closestComponent(this.#view, context));
    return this.pushWithReply(() => this.#mark([{ element, lock: true, loading: true }], "hook", event, {}), "event", message, {}, element);
  }

  /**
   * Pushes `event` and settles with the outcome. Marks are put on only once the push is really
   * sent (not for a disconnected view); the reply diff is applied before they are released.
   */
  pushWithReply(mark: (() => Marked) | null, event: string, payload: JsonObject, options: EventPushOptions = {}, source: Element | null = null): Promise<PushResult> {
    const view = this.#view;
    if (!view.isConnected()) return Promise.resolve({ ok: false, error: "no connection", attribution: "network" });
    const marked = mark?.() ?? null;
    const ref = marked?.ref ?? null;
    const joinCountAtPush = view.joinCount;
    const stopPageLoading = options.pageLoading === true ? view.runtime.pageLoading({ kind: "element", target: source ?? view.el }) : () => undefined;
    return new Promise((resolve) => {
      view.channel
        .push(event, payload, LiveDefaults.pushTimeoutMs)
        .receive("ok", (response) =>
          view.guard("event reply", () => {
            if (view.isDestroyed()) return;
            const body = isJsonObject(response) ? response : {};
            const finish = (reply: unknown): void => {
              followNavigationReply(view, body);
              stopPageLoading();
              resolve({ ok: true, response: body, reply, ref });
            };
            if (body.diff !== undefined) {
              view.tree.applyReplyDiff(body.diff, () => ref !== null && this.undoRefs(ref, eventName(payload)), finish);
            } else {
              if (ref !== null) this.undoRefs(ref, eventName(payload));
              finish(null);
            }
          }),
        )
        .receive("error", (reason) => {
          if (ref !== null) this.undoRefs(ref, eventName(payload));
          stopPageLoading();
          resolve({ ok: false, error: `the server refused the event: ${JSON.stringify(reason)}`, attribution: "app" });
        })
        .receive("timeout", () => {
          stopPageLoading();
          resolve({ ok: false, error: "no reply within 30 s", attribution: "network" });
          if (view.joinCount === joinCountAtPush && !view.isDestroyed()) {
            view.report(DiagnosticCode.pushTimeout, "no reply to an event within 30 s; reloading the page to recover", "network");
            view.runtime.reloadWithJitter(view);
          }
        });
    });
  }

  /** Releases everything event `ref` marked; a lock clone that took patches is patched in. */
  undoRefs(ref: number, event: string | null): void {
    const view = this.#view;
    if (!view.isConnected()) return;
    for (const element of markedElementsOf(view.id)) {
      releasePending(element, ref, event, (clone) => view.applyLockClone(element, clone, ref));
    }
  }

  /** Allocates the ref of a new pending event. */
  nextRef(): number {
    return this.#nextRef++;
  }

  #mark(marks: readonly PendingMark[], kind: LoadingKind | (string & {}), event: string, options: EventPushOptions, submit?: { submitter: Element | null; form: Element }): Marked {
    const ref = this.nextRef();
    const all = [...marks];
    if (options.loading !== undefined) {
      for (const element of Array.from(document.querySelectorAll(options.loading))) all.push({ element, lock: true, loading: true });
    }
    markPending(all, ref, { binding: this.#view.binding, viewId: this.#view.id, kind, event, ...submit });
    return { ref, elements: all.map(({ element }) => element) };
  }
}

/** `cid` is only sent when it is a number (spec §3.8). */
function setCid(payload: JsonObject, cid: number | null): void {
  if (cid !== null) payload.cid = cid;
}

function eventName(payload: JsonObject): string | null {
  return typeof payload.event === "string" ? payload.event : null;
}
