import { PhxAttribute } from "../dom/phx-attributes.js";
import { isInViewport, isVisible } from "../dom/visibility.js";
import { closestBinding, eventElement, ListenerSet, type BindingDelegate, type BindingObserver } from "./binding-delegate.js";

/**
 * `phx-click` and `phx-click-away`. A click runs the nearest `phx-click` above its target; every
 * visible `phx-click-away` element the click started outside of runs too. A click on an element
 * whose previous click is still pending is ignored.
 */
export class ClickObserver implements BindingObserver {
  readonly #delegate: BindingDelegate;
  readonly #listeners = new ListenerSet();
  /** Where the pointer went down: a drag from inside to outside is not a click away. */
  #startedAt: Element | null = null;

  constructor(delegate: BindingDelegate) {
    this.#delegate = delegate;
  }

  start(): void {
    this.#listeners.on("mousedown", (event) => {
      if (!this.#delegate.isSilenced()) this.#startedAt = eventElement(event);
    });
    this.#listeners.on("click", (event) => this.#onClick(event));
  }

  stop(): void {
    this.#listeners.removeAll();
  }

  #onClick(event: MouseEvent): void {
    if (this.#delegate.isSilenced()) return;
    const target = eventElement(event);
    if (target === null) return;
    // A synthetic click (detail 0) had no mousedown, so the recorded start is stale.
    if (event.detail === 0) this.#startedAt = target;
    const startedAt = this.#startedAt ?? target;
    this.#startedAt = null;
    const clickAttribute = this.#delegate.binding("click");
    const bound = closestBinding(target, clickAttribute);
    this.#dispatchClickAway(event, startedAt);
    if (bound === null) return;
    const command = bound.getAttribute(clickAttribute) ?? "";
    if (command === "") return;
    if (bound.getAttribute("href") === "#") event.preventDefault();
    if (bound.hasAttribute(PhxAttribute.refSource)) return;
    const { rateLimiter } = this.#delegate;
    rateLimiter.run(bound, event, () => this.#delegate.isAlive(bound), () => {
      this.#delegate.activate({
        kind: "click",
        element: bound,
        command,
        domEvent: event,
        data: this.#delegate.metadata("click", event, bound),
      });
    });
  }

  #dispatchClickAway(event: MouseEvent, startedAt: Element): void {
    const attribute = this.#delegate.binding("click-away");
    // A click on a hidden element (phoenix_html's method links submit a hidden form) is
    // nobody's click away.
    if (!isVisible(startedAt)) return;
    for (const element of Array.from(document.querySelectorAll(`[${attribute}]`))) {
      if (element === startedAt || element.contains(startedAt)) continue;
      if (!isVisible(element) || !isInViewport(element)) continue;
      const command = element.getAttribute(attribute) ?? "";
      if (command === "") continue;
      const target = eventElement(event) ?? element;
      this.#delegate.activate({
        kind: "click",
        element,
        command,
        domEvent: event,
        data: this.#delegate.metadata("click", event, target),
      });
    }
  }
}
