import { elementState } from "../dom/element-state.js";
import { formOf, isFormControl } from "../dom/form-elements.js";
import { eventElement, ListenerSet, type BindingDelegate, type BindingObserver } from "./binding-delegate.js";

/**
 * `phx-change` (on the form or on one control) and `phx-submit`.
 *
 * - Each `input` event of a control sends a change; the `change` event browsers fire right
 *   after an `input` for the same control is dropped, so one edit sends one event.
 * - A form without `phx-submit` submits over plain HTTP: the LiveViews let go of the page.
 * - `reset` forgets which fields were used and sends the reset values as a change.
 */
export class FormObserver implements BindingObserver {
  readonly #delegate: BindingDelegate;
  readonly #listeners = new ListenerSet();
  #iteration = 0;

  constructor(delegate: BindingDelegate) {
    this.#delegate = delegate;
  }

  start(): void {
    this.#listeners.on("submit", (event) => this.#onSubmit(event));
    this.#listeners.on("input", (event) => this.#onChange("input", event));
    this.#listeners.on("change", (event) => this.#onChange("change", event));
    this.#listeners.on("reset", (event) => this.#onReset(event));
  }

  stop(): void {
    this.#listeners.removeAll();
  }

  #onSubmit(event: SubmitEvent): void {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || this.#delegate.isSilenced()) return;
    const command = form.getAttribute(this.#delegate.binding("submit"));
    if (command === null || command === "") {
      if (!event.defaultPrevented && !isDialogSubmit(event)) this.#delegate.pageWillUnload();
      return;
    }
    event.preventDefault();
    for (const control of [form, ...Array.from(form.elements)]) elementState(control).hasSubmitted = true;
    this.#delegate.activate({ kind: "submit", element: form, command, domEvent: event, data: {}, submitter: event.submitter });
  }

  #onChange(type: "input" | "change", event: Event): void {
    if (this.#delegate.isSilenced()) return;
    const input = eventElement(event);
    if (input === null || !isFormControl(input) || input !== event.target) return;
    const form = formOf(input);
    // A CustomEvent from outside JS.dispatch on a control without a form is not ours to handle.
    if (event instanceof CustomEvent && form === null) return;
    if (this.#delegate.blockChangeWhileComposing && event instanceof InputEvent && event.isComposing) {
      input.addEventListener("compositionend", () => input.dispatchEvent(new Event(type, { bubbles: true })), { once: true });
      return;
    }
    const changeAttribute = this.#delegate.binding("change");
    const own = input.getAttribute(changeAttribute);
    const command = own || form?.getAttribute(changeAttribute);
    if (command === null || command === undefined || command === "") return;
    if (input instanceof HTMLInputElement && input.type === "number" && input.validity?.badInput === true) return;
    const dispatcher: Element | null = own ? input : form;
    if (dispatcher === null) return;

    const iteration = this.#iteration;
    this.#iteration += 1;
    const state = elementState(input);
    const last = state.lastInputIteration;
    if (last !== undefined && last.at === iteration - 1 && type === "change" && last.type === "input") return;
    state.lastInputIteration = { at: iteration, type };

    const { rateLimiter } = this.#delegate;
    rateLimiter.run(input, event, () => this.#delegate.isAlive(input), () => {
      state.hasFocused = true;
      this.#delegate.activate({ kind: "change", element: input, command, domEvent: event, data: {}, change: { input, dispatcher } });
    });
  }

  #onReset(event: Event): void {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    for (const control of Array.from(form.elements)) {
      const state = elementState(control);
      delete state.hasFocused;
      delete state.hasSubmitted;
    }
    const resetButton = Array.from(form.elements).find((control) => (control as HTMLInputElement).type === "reset");
    // The browser writes the reset values after the event; send them on the next frame.
    if (resetButton !== undefined) {
      requestAnimationFrame(() => resetButton.dispatchEvent(new Event("input", { bubbles: true })));
    }
  }
}

/** Submissions that close a `<dialog>` do not leave the page. */
function isDialogSubmit(event: SubmitEvent): boolean {
  const form = event.target as HTMLFormElement;
  return form.getAttribute("method") === "dialog" || event.submitter?.getAttribute("formmethod") === "dialog";
}
