import { describe, expect, it } from "vitest";
import { EMPTY_SIGN_UP, SignUps, readSignUp, validateSignUp } from "../src/live/sign-up-form.js";

const nobodyTaken = () => false;

describe("reading the sign-up form", () => {
  it("reads the fields and which ones the person has used (no _unused_ marker)", () => {
    const { values, used } = readSignUp({ user: { name: "Ada", _unused_email: "", email: "", plan: "team", bio: "hi", terms: ["false", "true"] } });
    expect(values).toEqual({ name: "Ada", email: "", plan: "team", bio: "hi", terms: true });
    expect(used).toEqual({ name: true, plan: true, bio: true, terms: true });
  });

  it("reads browser input of the wrong shape as empty, and unknown plans as the default", () => {
    const { values } = readSignUp({ user: { name: ["a", "b"], email: { x: "y" }, plan: "platinum", terms: "yes" } });
    expect(values).toEqual({ ...EMPTY_SIGN_UP });
    expect(readSignUp({ user: "nope" }).values).toEqual(EMPTY_SIGN_UP);
    expect(readSignUp({}).values).toEqual(EMPTY_SIGN_UP);
  });
});

describe("validating a sign-up", () => {
  it("names every problem", () => {
    expect(validateSignUp({ ...EMPTY_SIGN_UP, name: " A ", email: "ada@", bio: "x".repeat(141) }, nobodyTaken)).toEqual({
      name: "Please enter at least 2 characters.",
      email: "Enter an email address like ada@example.com.",
      bio: "Keep it under 140 characters (141 now).",
      terms: "Please accept the terms to sign up.",
    });
  });

  it("accepts a complete sign-up, counting an emoji as one character of the bio", () => {
    expect(validateSignUp({ name: "Ada", email: "ada@example.com", plan: "hobby", bio: "🚀".repeat(140), terms: true }, nobodyTaken)).toEqual({});
  });

  it("refuses an address that already signed up, whatever its case", () => {
    const signUps = new SignUps();
    signUps.add("Ada@Example.com");
    const errors = validateSignUp({ name: "Ada", email: "ada@example.COM", plan: "hobby", bio: "", terms: true }, (email) => signUps.has(email));
    expect(errors).toEqual({ email: "This email address has already signed up." });
    expect(signUps.count).toBe(1);
  });
});
