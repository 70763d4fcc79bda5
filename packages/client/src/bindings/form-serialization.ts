import type { BindingName } from "../dom/phx-attributes.js";
import { elementState } from "../dom/element-state.js";
import { hiddenSubmitterField, isFormControl } from "../dom/form-elements.js";

export interface SerializeFormOptions {
  /** The button that submitted the form: its `name=value` is sent at its DOM position. */
  submitter?: HTMLElement | null;
  /** Only these field names (a `phx-change` on a single input sends that input alone). */
  onlyNames?: readonly string[];
}

/**
 * The `value` of a form event (spec §3.8.3): the form's fields URL-encoded like
 * `URLSearchParams` (spaces as `+`), file inputs left out, and before each field the user has
 * not touched yet an empty `_unused_` marker, so the server can tell "left blank" from "not
 * reached yet". `phx-no-unused-field` on the form or a field turns the markers off.
 */
export function serializeForm(form: HTMLFormElement, binding: BindingName, options: SerializeFormOptions = {}): string {
  const submitter = options.submitter ?? null;
  const injected = injectSubmitter(submitter);
  let formData: FormData;
  try {
    formData = new FormData(form);
  } finally {
    injected?.remove();
  }
  const { unused, onlyHidden } = fieldUsage(form, binding);
  const skipMarkers = form.hasAttribute(binding("no-unused-field"));
  const onlyNames = options.onlyNames ?? [];
  const submitterName = submitter === null ? null : submitter.getAttribute("name");
  const params = new URLSearchParams();
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    if (onlyNames.length > 0 && !onlyNames.includes(name)) continue;
    if (!skipMarkers && unused.get(name) === true && name !== submitterName && onlyHidden.get(name) !== true) {
      params.append(unusedFieldName(name), "");
    }
    params.append(name, value);
  }
  return params.toString();
}

/** `user[email]` → `user[_unused_email]`, `agree` → `_unused_agree`, `tags[]` → `_unused_tags[]`. */
export function unusedFieldName(name: string): string {
  const isList = name.endsWith("[]");
  const base = isList ? name.slice(0, -2) : name;
  const marked = base.replace(/([^[\]]+)(\]?)$/, "_unused_$1$2");
  return isList ? `${marked}[]` : marked;
}

/**
 * FormData only includes a submitter passed to its constructor, which not every engine
 * supports; a hidden twin inserted right before the button keeps the field order instead.
 */
function injectSubmitter(submitter: HTMLElement | null): HTMLInputElement | null {
  if (submitter === null || submitter.parentElement === null) return null;
  const field = hiddenSubmitterField(submitter);
  if (field === null) return null;
  // A submitter may belong to its form through the `form` attribute; its twin must too.
  const formId = submitter.getAttribute("form");
  if (formId !== null) field.setAttribute("form", formId);
  submitter.parentElement.insertBefore(field, submitter);
  return field;
}

function fieldUsage(form: HTMLFormElement, binding: BindingName): { unused: Map<string, boolean>; onlyHidden: Map<string, boolean> } {
  const unused = new Map<string, boolean>();
  const onlyHidden = new Map<string, boolean>();
  const noUnused = binding("no-unused-field");
  for (const control of Array.from(form.elements)) {
    if (!isFormControl(control)) continue;
    const name = control.getAttribute("name");
    if (name === null || name === "") continue;
    const state = elementState(control);
    const used = state.hasFocused === true || state.hasSubmitted === true || control.hasAttribute(noUnused);
    unused.set(name, (unused.get(name) ?? true) && !used);
    onlyHidden.set(name, (onlyHidden.get(name) ?? true) && (control as HTMLInputElement).type === "hidden");
  }
  return { unused, onlyHidden };
}
