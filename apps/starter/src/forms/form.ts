import type { LiveParams, ParamValue } from "@cinder/server";

/**
 * Forms the LiveView way, without hand-reading the wire format: `readForm` takes what a
 * `phx-change`/`phx-submit` event sent, `toForm` gives the template one field object per input
 * (name, id, value, the errors to show). Errors show only for fields the person has used —
 * the client marks the others `_unused_<name>` — or for every field after a submit.
 *
 * @example
 * ```ts
 * const { values, used } = readForm(params, { as: "user", fields: ["name", "email"] });
 * const form = toForm({ as: "user", values, errors: validate(values), used });
 * html`${input({ field: form.field("email"), label: "Email", type: "email" })}`;
 * ```
 */
export type FormValues<Field extends string> = Readonly<Record<Field, string>>;
export type FormErrors<Field extends string> = Readonly<Partial<Record<Field, readonly string[]>>>;
export type FormUsed<Field extends string> = Readonly<Partial<Record<Field, true>>>;

export interface FormField {
  /** `user[email]`: what the input's `name` must be. */
  readonly name: string;
  /** `user_email`: the input's id (labels point at it). */
  readonly id: string;
  readonly value: string;
  /** The errors to show now: none until the field is used, or the form was submitted. */
  readonly errors: readonly string[];
}

export interface Form<Field extends string> {
  /** The form's id: `<form id=…>`; form recovery after a reconnect needs one. */
  readonly id: string;
  field(name: Field): FormField;
  /** Whether any field has an error, shown or not (block the submit on this). */
  readonly valid: boolean;
}

/**
 * The values of `fields` under `as` (`user[name]`…), as strings: a list or an object where a
 * string belongs (the browser sends what it likes) reads as empty, unknown keys are ignored. A
 * checkbox sends "false" from its hidden input and "true" from itself: the last one counts.
 */
export function readForm<Field extends string>(params: LiveParams, options: { as: string; fields: readonly Field[] }): { values: FormValues<Field>; used: FormUsed<Field> } {
  const raw = params[options.as];
  const group: Readonly<Record<string, ParamValue>> = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, ParamValue>) : {};
  const values = {} as Record<Field, string>;
  const used: Partial<Record<Field, true>> = {};
  for (const field of options.fields) {
    const value = Object.hasOwn(group, field) ? group[field] : undefined;
    values[field] = typeof value === "string" ? value : Array.isArray(value) && typeof value.at(-1) === "string" ? (value.at(-1) as string) : "";
    if (!Object.hasOwn(group, `_unused_${field}`)) used[field] = true;
  }
  return { values, used };
}

export function toForm<Field extends string>(options: {
  as: string;
  values: FormValues<Field>;
  errors?: FormErrors<Field>;
  used?: FormUsed<Field>;
  /** After a submit every error shows, used or not. */
  submitted?: boolean;
}): Form<Field> {
  const errors: FormErrors<Field> = options.errors ?? ({} as FormErrors<Field>);
  return {
    id: `${options.as}-form`,
    valid: Object.values(errors).every((list) => list === undefined || (list as readonly string[]).length === 0),
    field(name) {
      const shown = options.submitted === true || options.used?.[name] === true;
      return { name: `${options.as}[${name}]`, id: `${options.as}_${name}`, value: options.values[name] ?? "", errors: shown ? (errors[name] ?? []) : [] };
    },
  };
}
