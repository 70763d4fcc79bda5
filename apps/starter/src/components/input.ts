import { html, type Template } from "@cinder/server";
import type { FormField } from "../forms/form.js";

export type InputType = "text" | "email" | "password" | "number" | "search" | "tel" | "url" | "date" | "textarea" | "select" | "checkbox" | "hidden";

export interface InputProps {
  readonly field: FormField;
  readonly label?: string;
  /** Default "text". */
  readonly type?: InputType;
  /** For `select`: the choices, in order. */
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly placeholder?: string;
  /** Milliseconds to wait after typing before `phx-change` is sent (or "blur"). */
  readonly debounce?: number | "blur";
  readonly required?: boolean;
  readonly autocomplete?: string;
}

/**
 * One labelled form control with its errors. Errors come from the field (`toForm`), which
 * shows them only once the person used the field, so nobody is scolded before typing.
 */
export function input(props: InputProps): Template {
  const { field } = props;
  const type = props.type ?? "text";
  const invalid = field.errors.length > 0;
  const errorId = `${field.id}-error`;
  const shared = {
    id: field.id,
    name: field.name,
    "aria-invalid": invalid ? "true" : undefined,
    "aria-describedby": invalid ? errorId : undefined,
    "phx-debounce": props.debounce === undefined ? undefined : String(props.debounce),
    required: props.required === true,
  };
  if (type === "hidden") return html`<input type="hidden" name=${field.name} value=${field.value}>`;
  if (type === "checkbox") {
    return html`<div class=${["field", "field-checkbox", invalid && "has-error"]}>
      <label class="checkbox"><input type="hidden" name=${field.name} value="false"><input type="checkbox" value="true" checked=${field.value === "true"} ${shared}> ${props.label ?? ""}</label>
      ${errorList(errorId, field.errors)}
    </div>`;
  }
  const control =
    type === "textarea"
      ? html`<textarea rows="3" placeholder=${props.placeholder} ${shared}>${field.value}</textarea>`
      : type === "select"
        ? html`<select ${shared}>${(props.options ?? []).map((option) => html`<option value=${option.value} selected=${option.value === field.value}>${option.label}</option>`)}</select>`
        : html`<input type=${type} value=${field.value} placeholder=${props.placeholder} autocomplete=${props.autocomplete} ${shared}>`;
  return html`<div class=${["field", invalid && "has-error"]}>
    ${props.label === undefined ? "" : html`<label for=${field.id}>${props.label}</label>`}
    ${control}
    ${errorList(errorId, field.errors)}
  </div>`;
}

function errorList(id: string, errors: readonly string[]): Template | "" {
  if (errors.length === 0) return "";
  return html`<p class="field-error" id=${id} role="alert">${errors.join(" ")}</p>`;
}
