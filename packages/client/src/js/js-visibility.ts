import { DEFAULT_JS_TRANSITION_TIME_MS, type JsTransition } from "@cinder/protocol";
import { changeClasses, setDisplaySticky } from "./js-sticky-state.js";
import { runTransition } from "./js-transitions.js";
import { isVisible } from "../dom/visibility.js";
import { hasTransition, type Timing } from "./js-classes.js";

/**
 * `show`, `hide` and `toggle`. Visibility is decided by rendering, not by an attribute: an
 * element is visible when it generates a box (not `display: none` itself or through an
 * ancestor, and attached). Hiding sets inline `display: none`; showing sets the `display`
 * option, else `block` (`table-row` for rows and so on). Both stick across patches.
 *
 * Each element receives `phx:show-start` / `phx:show-end` or `phx:hide-start` / `phx:hide-end`
 * (plain, non-bubbling events, as the official client sends them); with a transition the end
 * event comes when the transition is over.
 */
export interface VisibilityOptions extends Timing {
  display?: string;
  /** Transition when showing. */
  ins?: JsTransition;
  /** Transition when hiding. */
  outs?: JsTransition;
  /** The element is being removed (`phx-remove`): never show it. */
  removing: boolean;
}

export function show(element: Element, options: VisibilityOptions): void {
  if (!isRendered(element)) showElement(element, options);
}

export function hide(element: Element, options: VisibilityOptions): void {
  if (isRendered(element)) hideElement(element, options);
}

export function toggle(element: Element, options: VisibilityOptions): void {
  if (isRendered(element)) hideElement(element, options);
  else showElement(element, options);
}

function showElement(element: Element, options: VisibilityOptions): void {
  if (options.removing) return;
  const display = options.display ?? defaultDisplay(element);
  element.dispatchEvent(new Event("phx:show-start"));
  if (!hasTransition(options.ins)) {
    setDisplaySticky(element, display);
    element.dispatchEvent(new Event("phx:show-end"));
    return;
  }
  const [running, start, end] = options.ins;
  const leftovers = options.outs?.flat() ?? [];
  runTransition(options.time ?? DEFAULT_JS_TRANSITION_TIME_MS, options.blocking !== false, {
    begin: () => changeClasses(element, { add: start, release: leftovers }),
    // Running classes go on before the element becomes visible, or it would flash in unstyled.
    run: () => changeClasses(element, { add: running }),
    settle: () => {
      setDisplaySticky(element, display);
      changeClasses(element, { add: end, release: start });
    },
    finish: () => {
      changeClasses(element, { release: [...running, ...end] });
      element.dispatchEvent(new Event("phx:show-end"));
    },
  });
}

function hideElement(element: Element, options: VisibilityOptions): void {
  element.dispatchEvent(new Event("phx:hide-start"));
  if (!hasTransition(options.outs)) {
    setDisplaySticky(element, "none");
    element.dispatchEvent(new Event("phx:hide-end"));
    return;
  }
  const [running, start, end] = options.outs;
  const leftovers = options.ins?.flat() ?? [];
  runTransition(options.time ?? DEFAULT_JS_TRANSITION_TIME_MS, options.blocking !== false, {
    begin: () => changeClasses(element, { add: start, release: leftovers }),
    run: () => changeClasses(element, { add: running }),
    settle: () => changeClasses(element, { add: end, release: start }),
    finish: () => {
      changeClasses(element, { release: [...running, ...end] });
      setDisplaySticky(element, "none");
      element.dispatchEvent(new Event("phx:hide-end"));
    },
  });
}

/**
 * True when the element generates a box. `checkVisibility` answers exactly that where the
 * browser has it; the fallback asks layout, as older browsers allow.
 */
export function isRendered(element: Element): boolean {
  if (typeof element.checkVisibility === "function") return element.checkVisibility();
  return isVisible(element);
}

const DISPLAY_BY_TAG: Readonly<Record<string, string>> = {
  tr: "table-row",
  td: "table-cell",
  th: "table-cell",
  li: "list-item",
};

function defaultDisplay(element: Element): string {
  return DISPLAY_BY_TAG[element.localName] ?? "block";
}
