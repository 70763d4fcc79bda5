/**
 * Classification of form controls, shared by patching (which inputs keep the user's value) and
 * bindings (which elements send form events).
 */

/** Input types a user types into: a patch must not overwrite them while focused. */
const TEXTUAL_INPUT_TYPES = new Set([
  "text", "textarea", "number", "email", "password", "search", "tel", "url", "date", "time", "datetime-local",
  "color", "range",
]);

/** Input types whose caret and selection the browser exposes. */
const SELECTION_INPUT_TYPES = new Set(["text", "textarea", "search", "url", "tel", "password"]);

export const CHECKABLE_INPUT_TYPES = new Set(["checkbox", "radio"]);

export type FormControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement;

/** Elements that take part in a form: inputs, selects, textareas, buttons, form-associated custom elements. */
export function isFormControl(element: unknown): element is FormControl {
  if (!(element instanceof HTMLElement)) return false;
  const custom = element.localName.includes("-") ? customElements.get(element.localName) : undefined;
  if (custom !== undefined) return (custom as { formAssociated?: boolean }).formAssociated === true;
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLButtonElement
  );
}

/** Form controls the user edits (not buttons). */
export function isEditableControl(element: unknown): element is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  return (
    isFormControl(element) &&
    !(element instanceof HTMLButtonElement) &&
    !(element instanceof HTMLInputElement && element.type === "button")
  );
}

export function isTextualInput(element: Element): boolean {
  return TEXTUAL_INPUT_TYPES.has((element as HTMLInputElement).type);
}

export function hasSelectionRange(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  return (
    (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
    SELECTION_INPUT_TYPES.has(element.type)
  );
}

/**
 * A hidden input with `submitter`'s name and value — what clicking it adds to the form data —
 * or null for a submitter without a name.
 */
export function hiddenSubmitterField(submitter: Element): HTMLInputElement | null {
  const name = submitter.getAttribute("name");
  if (name === null || name === "") return null;
  const input = submitter.ownerDocument.createElement("input");
  input.type = "hidden";
  input.name = name;
  input.value = (submitter as HTMLButtonElement).value ?? "";
  return input;
}

/** The form a control belongs to, or null (buttons and custom elements included). */
export function formOf(element: Element): HTMLFormElement | null {
  const form = (element as { form?: unknown }).form;
  return form instanceof HTMLFormElement ? form : null;
}
