import { eventElement, ListenerSet, type BindingDelegate, type BindingObserver } from "./binding-delegate.js";

/**
 * `phx-keydown` / `phx-keyup` on the focused element itself, and `phx-window-keydown` /
 * `phx-window-keyup` anywhere. `phx-key` filters by key, case-insensitively. The value always
 * carries `key`.
 */
export class KeyObserver implements BindingObserver {
  readonly #delegate: BindingDelegate;
  readonly #listeners = new ListenerSet();

  constructor(delegate: BindingDelegate) {
    this.#delegate = delegate;
  }

  start(): void {
    this.#listeners.on("keydown", (event) => this.#onKey("keydown", event));
    this.#listeners.on("keyup", (event) => this.#onKey("keyup", event));
  }

  stop(): void {
    this.#listeners.removeAll();
  }

  #onKey(kind: "keydown" | "keyup", event: KeyboardEvent): void {
    if (this.#delegate.isSilenced()) return;
    const target = eventElement(event);
    if (target === null) return;
    const attribute = this.#delegate.binding(kind);
    const own = target.getAttribute(attribute);
    if (own !== null && own !== "") {
      this.#fire(kind, event, target, own);
      return;
    }
    const windowAttribute = this.#delegate.binding(`window-${kind}`);
    for (const element of Array.from(document.querySelectorAll(`[${windowAttribute}]`))) {
      this.#fire(kind, event, element, element.getAttribute(windowAttribute) ?? "");
    }
  }

  #fire(kind: "keydown" | "keyup", event: KeyboardEvent, element: Element, command: string): void {
    if (command === "") return;
    const { rateLimiter } = this.#delegate;
    rateLimiter.run(element, event, () => this.#delegate.isAlive(element), () => {
      const wanted = element.getAttribute(this.#delegate.binding("key"));
      // Chrome's autocomplete sends keydown events without a key.
      const pressed = typeof event.key === "string" ? event.key.toLowerCase() : "";
      if (wanted !== null && wanted.toLowerCase() !== pressed) return;
      this.#delegate.activate({
        kind,
        element,
        command,
        domEvent: event,
        data: { key: event.key, ...this.#delegate.metadata(kind, event, element) },
      });
    });
  }
}
