import type { BindingName } from "../dom/phx-attributes.js";
import { CHECKABLE_INPUT_TYPES } from "../dom/form-elements.js";

/**
 * The `value` object of a non-form event (spec §3.8.2), built in this order, later wins:
 * event metadata (`{key}` for key events), every `phx-value-*` attribute (names arrive
 * lowercased, as HTML stores them), the element's `value` property when it has one (a `<button>`
 * always adds `value: ""`; unchecked checkboxes and radios add nothing), then the `value` of a
 * `push` JS command.
 */
export function eventValue(
  element: Element,
  binding: BindingName,
  metadata: Record<string, unknown> = {},
  pushValue: Record<string, unknown> | undefined = undefined,
): Record<string, unknown> {
  const value: Record<string, unknown> = { ...metadata };
  Object.assign(value, phxValues(element, binding));
  if (!(element instanceof HTMLFormElement)) {
    const property = (element as { value?: unknown }).value;
    const uncheckedBox =
      element instanceof HTMLInputElement && CHECKABLE_INPUT_TYPES.has(element.type) && !element.checked;
    if (property !== undefined && !uncheckedBox) value.value = property;
  }
  if (pushValue !== undefined) Object.assign(value, pushValue);
  return value;
}

/** The `phx-value-*` attributes of `element` as a plain object. */
export function phxValues(element: Element, binding: BindingName): Record<string, string> {
  const prefix = binding("value-");
  const values: Record<string, string> = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (name.startsWith(prefix)) values[name.slice(prefix.length)] = value;
  }
  return values;
}
