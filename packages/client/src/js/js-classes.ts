import { DEFAULT_JS_TRANSITION_TIME_MS, type JsTransition } from "@cinder/protocol";
import { changeClasses } from "./js-sticky-state.js";
import { runTransition } from "./js-transitions.js";

/** Timing as the commands carry it; absent fields take the defaults. */
export interface Timing {
  time?: number;
  blocking?: boolean;
}

export function hasTransition(transition: JsTransition | undefined): transition is JsTransition {
  return transition !== undefined && transition.some((classes) => classes.length > 0);
}

/**
 * `add_class` / `remove_class` / `transition`: without a transition the classes change at once;
 * with one, the transition plays first and the classes change when it ends. The transition's
 * end classes stay on afterwards (they are the state the element transitioned to); its running
 * and start classes go.
 */
export function addOrRemoveClasses(
  element: Element,
  add: readonly string[],
  remove: readonly string[],
  transition: JsTransition | undefined,
  timing: Timing,
): void {
  if (!hasTransition(transition)) {
    changeClasses(element, { add, remove });
    return;
  }
  const [running, start, end] = transition;
  runTransition(timing.time ?? DEFAULT_JS_TRANSITION_TIME_MS, timing.blocking !== false, {
    begin: () => changeClasses(element, { add: start, release: [...running, ...end] }),
    run: () => changeClasses(element, { add: running }),
    settle: () => changeClasses(element, { add: end, release: start }),
    finish: () => changeClasses(element, { add: [...add, ...end], remove, release: [...running, ...start] }),
  });
}

/** `toggle_class`: each name is removed where present and added where absent. */
export function toggleClasses(element: Element, names: readonly string[], transition: JsTransition | undefined, timing: Timing): void {
  const present = names.filter((className) => element.classList.contains(className));
  const absent = names.filter((className) => !element.classList.contains(className));
  addOrRemoveClasses(element, absent, present, transition, timing);
}
