import type { FormErrors, FormValues } from "../forms/form.js";

/** The fields of the home page's sign-up form, in the order the browser sends them. */
export const SIGN_UP_FIELDS = ["name", "email", "plan", "terms"] as const;
export type SignUpField = (typeof SIGN_UP_FIELDS)[number];

export const PLANS = [
  { value: "hobby", label: "Hobby" },
  { value: "team", label: "Team" },
  { value: "business", label: "Business" },
] as const;

export const EMPTY_SIGN_UP: FormValues<SignUpField> = { name: "", email: "", plan: "hobby", terms: "false" };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every problem with the form, by field; an empty object when it can be saved. */
export function validateSignUp(values: FormValues<SignUpField>): FormErrors<SignUpField> {
  const errors: Partial<Record<SignUpField, string[]>> = {};
  const name = values.name.trim();
  if (name.length < 2) errors.name = ["Please enter at least 2 characters."];
  else if (name.length > 60) errors.name = ["Names are at most 60 characters."];
  if (!EMAIL.test(values.email.trim())) errors.email = ["Enter an email address like ada@example.com."];
  if (!PLANS.some((plan) => plan.value === values.plan)) errors.plan = ["Pick one of the plans."];
  if (values.terms !== "true") errors.terms = ["Please accept the terms."];
  return errors;
}
