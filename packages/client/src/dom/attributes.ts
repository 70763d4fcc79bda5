import { PENDING_ATTRIBUTES } from "./phx-attributes.js";
import { CHECKABLE_INPUT_TYPES } from "./form-elements.js";

export interface MergeAttributeOptions {
  /** Attribute names never copied from `source`. */
  exclude?: readonly string[];
  /**
   * The element is `phx-update="ignore"`: only `data-*` attributes follow the server, everything
   * else belongs to the client.
   */
  onlyDataAttributes?: boolean;
}

/** Makes `target`'s attributes equal `source`'s, touching only those that differ. */
export function mergeAttributes(target: Element, source: Element, options: MergeAttributeOptions = {}): void {
  const excluded = new Set(options.exclude ?? []);
  const onlyData = options.onlyDataAttributes === true;
  for (const { name, value } of Array.from(source.attributes)) {
    if (excluded.has(name)) {
      // The user's input wins over `value`; but when the property already equals the new
      // attribute, syncing the attribute is harmless and lets later patches see the change.
      if (name === "value" && (target as HTMLInputElement).value === ((source as HTMLInputElement).value ?? value)) {
        target.setAttribute("value", value);
      }
      continue;
    }
    if (onlyData && !name.startsWith("data-")) continue;
    if (target.getAttribute(name) !== value) target.setAttribute(name, value);
  }
  for (const { name } of Array.from(target.attributes)) {
    if (source.hasAttribute(name)) continue;
    if (onlyData && (!name.startsWith("data-") || PENDING_ATTRIBUTES.includes(name))) continue;
    target.removeAttribute(name);
  }
}

/** Updates a focused input's attributes but not its value: the user is typing in it. */
export function mergeFocusedInput(target: Element, source: Element): void {
  // Setting any attribute on a focused <select> resets its highlighted option in Firefox.
  if (!(target instanceof HTMLSelectElement)) mergeAttributes(target, source, { exclude: ["value"] });
  if ((source as HTMLInputElement).readOnly) {
    target.setAttribute("readonly", "");
  } else {
    target.removeAttribute("readonly");
  }
}

/** Checkbox/radio `checked` follows the attribute the server rendered. */
export function syncCheckedFromAttribute(element: Element): void {
  if (element instanceof HTMLInputElement && CHECKABLE_INPUT_TYPES.has(element.type.toLowerCase())) {
    element.checked = element.getAttribute("checked") !== null;
  }
}

/** Removes a class and, when none is left, the empty `class` attribute too. */
export function removeClassCleanly(element: Element, className: string): void {
  element.classList.remove(className);
  if (element.classList.length === 0) element.removeAttribute("class");
}
