/**
 * DOM changes made by JS commands "stick": the server renders the page without knowing about
 * them, so every patch would undo them unless the patcher re-applies them to the incoming
 * element before morphing. This module both makes the changes and remembers them, per element,
 * in a WeakMap (dropped elements take their state with them).
 *
 * What is remembered, and the rule for each:
 * - classes added / removed: only real changes — adding a class the server already rendered
 *   records nothing, so the server keeps control of its own classes;
 * - attributes set / removed: the last JS command on an attribute name wins;
 * - display (show / hide / toggle): the last one wins;
 * - ignored attributes (`ignore_attrs`): the live value is kept, whatever the server sends.
 */
interface JsElementState {
  addedClasses: Set<string>;
  removedClasses: Set<string>;
  setAttributes: Map<string, string>;
  removedAttributes: Set<string>;
  display: string | undefined;
  ignoredAttributePatterns: string[];
}

const states = new WeakMap<Element, JsElementState>();

function stateOf(element: Element): JsElementState {
  let state = states.get(element);
  if (state === undefined) {
    state = {
      addedClasses: new Set(),
      removedClasses: new Set(),
      setAttributes: new Map(),
      removedAttributes: new Set(),
      display: undefined,
      ignoredAttributePatterns: [],
    };
    states.set(element, state);
  }
  return state;
}

export interface ClassChange {
  add?: readonly string[];
  remove?: readonly string[];
  /**
   * Temporary classes (transition classes) to take off again: removed only if a JS command
   * added them, and forgotten rather than remembered as removed, so they never strip a class
   * the server renders.
   */
  release?: readonly string[];
}

export function changeClasses(element: Element, change: ClassChange): void {
  const state = stateOf(element);
  for (const className of change.release ?? []) {
    if (state.addedClasses.delete(className)) element.classList.remove(className);
  }
  for (const className of change.remove ?? []) {
    state.addedClasses.delete(className);
    if (element.classList.contains(className)) {
      state.removedClasses.add(className);
      element.classList.remove(className);
    }
  }
  for (const className of change.add ?? []) {
    state.removedClasses.delete(className);
    if (!element.classList.contains(className)) {
      state.addedClasses.add(className);
      element.classList.add(className);
    }
  }
}

export function setAttributeSticky(element: Element, name: string, value: string): void {
  element.setAttribute(name, value);
  const state = stateOf(element);
  state.removedAttributes.delete(name);
  state.setAttributes.set(name, value);
}

export function removeAttributeSticky(element: Element, name: string): void {
  element.removeAttribute(name);
  const state = stateOf(element);
  state.setAttributes.delete(name);
  state.removedAttributes.add(name);
}

/** Sets the inline `display` (`"none"` to hide) and keeps it across patches. */
export function setDisplaySticky(element: Element, display: string): void {
  applyDisplay(element, display);
  stateOf(element).display = display;
}

/** Adds attribute-name patterns (`*` = any run of characters) whose live values patches keep. */
export function ignoreAttributesSticky(element: Element, patterns: readonly string[]): void {
  const state = stateOf(element);
  for (const pattern of patterns) {
    if (!state.ignoredAttributePatterns.includes(pattern)) state.ignoredAttributePatterns.push(pattern);
  }
}

/**
 * Re-applies what JS commands did to `live` onto `incoming`, the element a server patch is
 * about to morph `live` into. Call it for every element the patcher updates, before anything
 * copies attributes from `incoming` — in morphdom terms, first thing in `onBeforeElUpdated`.
 * When the patcher merges attributes into the live element itself instead, call it as
 * `reapplyJsState(live, live)` after the merge. Elements without JS state cost one WeakMap miss.
 *
 * @example
 * ```ts
 * morphdom(container, html, {
 *   onBeforeElUpdated(fromEl, toEl) {
 *     reapplyJsState(fromEl, toEl);
 *     return true;
 *   },
 * });
 * ```
 */
export function reapplyJsState(live: Element, incoming: Element): void {
  const state = states.get(live);
  if (state === undefined) return;
  if (incoming !== live) keepIgnoredAttributes(live, incoming, state.ignoredAttributePatterns);
  for (const name of state.removedAttributes) incoming.removeAttribute(name);
  for (const [name, value] of state.setAttributes) incoming.setAttribute(name, value);
  if (state.display !== undefined) applyDisplay(incoming, state.display);
  for (const className of state.removedClasses) {
    if (incoming.classList.contains(className)) incoming.classList.remove(className);
  }
  for (const className of state.addedClasses) incoming.classList.add(className);
}

function keepIgnoredAttributes(live: Element, incoming: Element, patterns: readonly string[]): void {
  if (patterns.length === 0) return;
  const matchers = patterns.map(attributePatternMatcher);
  const ignored = (name: string): boolean => matchers.some((matches) => matches(name));
  for (const attribute of Array.from(incoming.attributes)) {
    if (ignored(attribute.name) && !live.hasAttribute(attribute.name)) incoming.removeAttribute(attribute.name);
  }
  for (const attribute of Array.from(live.attributes)) {
    if (ignored(attribute.name)) incoming.setAttribute(attribute.name, attribute.value);
  }
}

/** `"*"` matches every name; another `*` matches any run of characters; the rest is literal. */
function attributePatternMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes("*")) return (name) => name === pattern;
  const source = pattern
    .split("*")
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const expression = new RegExp(`^${source}$`);
  return (name) => expression.test(name);
}

function applyDisplay(element: Element, display: string): void {
  const style = (element as Partial<ElementCSSInlineStyle>).style;
  if (style !== undefined) style.display = display;
}
