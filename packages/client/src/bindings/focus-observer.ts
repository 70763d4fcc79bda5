import { eventElement, ListenerSet, type BindingDelegate, type BindingObserver } from "./binding-delegate.js";

/**
 * `phx-focus` / `phx-blur` on an element (via the bubbling `focusin`/`focusout`), and
 * `phx-window-focus` / `phx-window-blur` when the window itself gains or loses focus. Blur is
 * never rate limited.
 */
export class FocusObserver implements BindingObserver {
  readonly #delegate: BindingDelegate;
  readonly #listeners = new ListenerSet();

  constructor(delegate: BindingDelegate) {
    this.#delegate = delegate;
  }

  start(): void {
    this.#listeners.on("focusin", (event) => this.#onElement("focus", event));
    this.#listeners.on("focusout", (event) => this.#onElement("blur", event));
    this.#listeners.on("focus", (event) => this.#onWindow("focus", event));
    this.#listeners.on("blur", (event) => this.#onWindow("blur", event));
  }

  stop(): void {
    this.#listeners.removeAll();
  }

  #onElement(kind: "focus" | "blur", event: FocusEvent): void {
    if (this.#delegate.isSilenced()) return;
    const target = eventElement(event);
    if (target === null) return;
    const command = target.getAttribute(this.#delegate.binding(kind));
    if (command === null || command === "") return;
    this.#fire(kind, event, target, command);
  }

  #onWindow(kind: "focus" | "blur", event: FocusEvent): void {
    // Element focus events do not bubble; only the window's own (a target that is no Node)
    // reach a non-capturing listener.
    if (event.target instanceof Node || this.#delegate.isSilenced()) return;
    const attribute = this.#delegate.binding(`window-${kind}`);
    for (const element of Array.from(document.querySelectorAll(`[${attribute}]`))) {
      const command = element.getAttribute(attribute) ?? "";
      if (command !== "") this.#fire(kind, event, element, command);
    }
  }

  #fire(kind: "focus" | "blur", event: FocusEvent, element: Element, command: string): void {
    const { rateLimiter } = this.#delegate;
    rateLimiter.run(element, event, () => this.#delegate.isAlive(element), () => {
      this.#delegate.activate({ kind, element, command, domEvent: event, data: this.#delegate.metadata(kind, event, element) });
    });
  }
}
