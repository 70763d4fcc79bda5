import type { LiveParams, ParamValue } from "@cinder/server";

/** The plans a person can pick, in the order of the select. */
export const PLANS = [
  { value: "hobby", label: "Hobby — free" },
  { value: "team", label: "Team — 8 € a month" },
  { value: "enterprise", label: "Enterprise — talk to us" },
] as const;
export type Plan = (typeof PLANS)[number]["value"];

export const MAX_BIO_LENGTH = 140;
const NAME_LENGTH = { min: 2, max: 40 };
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SignUpValues {
  readonly name: string;
  readonly email: string;
  readonly plan: Plan;
  readonly bio: string;
  readonly terms: boolean;
}
export type SignUpField = keyof SignUpValues;
export type SignUpErrors = Readonly<Partial<Record<SignUpField, string>>>;
/** Fields the person has interacted with; errors of the others wait until the first submit. */
export type SignUpUsed = Readonly<Partial<Record<SignUpField, true>>>;

export const EMPTY_SIGN_UP: SignUpValues = { name: "", email: "", plan: "hobby", bio: "", terms: false };
const FIELDS: readonly SignUpField[] = ["name", "email", "plan", "bio", "terms"];

/** The form as the `validate`/`save` events send it: `{ user: { name, …, _unused_name? } }`. */
export interface SignUpParams {
  readonly user?: { readonly [field: string]: ParamValue };
}

function text(value: ParamValue | undefined): string {
  return typeof value === "string" ? value : "";
}

/**
 * Reads the submitted form. Values come from the browser, so every field is checked for its
 * shape: a list or an object where a string belongs reads as empty.
 */
export function readSignUp(params: SignUpParams | LiveParams): { values: SignUpValues; used: SignUpUsed } {
  const user = typeof params.user === "object" && params.user !== null && !Array.isArray(params.user) ? (params.user as { [field: string]: ParamValue }) : {};
  const plan = PLANS.find((candidate) => candidate.value === text(user["plan"]))?.value ?? "hobby";
  // A checkbox follows a hidden "false" input of the same name, so an unchecked box still sends
  // the field; when checked both arrive and the last one, "true", wins.
  const terms = user["terms"];
  const values: SignUpValues = {
    name: text(user["name"]),
    email: text(user["email"]),
    plan,
    bio: text(user["bio"]),
    terms: terms === "true" || (Array.isArray(terms) && terms.includes("true")),
  };
  // The LiveView client marks fields the person has not focused yet with `_unused_<name>`.
  const used: Partial<Record<SignUpField, true>> = {};
  for (const field of FIELDS) if (!(`_unused_${field}` in user)) used[field] = true;
  return { values, used };
}

/** Every problem of the form; `isEmailTaken` is what only the server can know. */
export function validateSignUp(values: SignUpValues, isEmailTaken: (email: string) => boolean): SignUpErrors {
  const errors: Partial<Record<SignUpField, string>> = {};
  const name = values.name.trim();
  if (name.length < NAME_LENGTH.min) errors.name = `Please enter at least ${NAME_LENGTH.min} characters.`;
  else if (name.length > NAME_LENGTH.max) errors.name = `Names are at most ${NAME_LENGTH.max} characters.`;
  const email = values.email.trim();
  if (!EMAIL_SHAPE.test(email)) errors.email = "Enter an email address like ada@example.com.";
  else if (isEmailTaken(email)) errors.email = "This email address has already signed up.";
  const bioLength = [...values.bio].length;
  if (bioLength > MAX_BIO_LENGTH) errors.bio = `Keep it under ${MAX_BIO_LENGTH} characters (${bioLength} now).`;
  if (!values.terms) errors.terms = "Please accept the terms to sign up.";
  return errors;
}

export function hasErrors(errors: SignUpErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Email addresses that signed up since the server started (the demo keeps no database). */
export class SignUps {
  readonly #emails = new Set<string>();

  has(email: string): boolean {
    return this.#emails.has(email.trim().toLowerCase());
  }

  add(email: string): void {
    this.#emails.add(email.trim().toLowerCase());
  }

  get count(): number {
    return this.#emails.size;
  }
}
