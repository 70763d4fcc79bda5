import { describe, expect, it } from "vitest";
import { readForm, toForm } from "../../src/forms/form.js";

describe("readForm", () => {
  it("reads the fields under their form name and knows which ones the person used", () => {
    const { values, used } = readForm({ user: { name: "Ada", email: "", _unused_email: "" } }, { as: "user", fields: ["name", "email", "plan"] });
    expect(values).toEqual({ name: "Ada", email: "", plan: "" });
    expect(used).toEqual({ name: true, plan: true });
  });

  it("reads lists and objects where a string belongs as empty, and a checkbox's last value", () => {
    const { values } = readForm({ user: { name: ["x", { y: "z" }] as never, email: { nested: "a" }, terms: ["false", "true"] } }, { as: "user", fields: ["name", "email", "terms"] });
    expect(values).toEqual({ name: "", email: "", terms: "true" });
    expect(readForm({ user: "nope" }, { as: "user", fields: ["name"] }).values).toEqual({ name: "" });
  });
});

describe("toForm", () => {
  const errors = { name: ["Too short."], email: ["Not an email."] };

  it("gives each field its name, id and value, and errors only once it was used", () => {
    const form = toForm({ as: "user", values: { name: "A", email: "" }, errors, used: { name: true } });
    expect(form.id).toBe("user-form");
    expect(form.field("name")).toEqual({ name: "user[name]", id: "user_name", value: "A", errors: ["Too short."] });
    expect(form.field("email").errors).toEqual([]);
    expect(form.valid).toBe(false);
  });

  it("shows every error after a submit", () => {
    const form = toForm({ as: "user", values: { name: "A", email: "" }, errors, submitted: true });
    expect(form.field("email").errors).toEqual(["Not an email."]);
  });
});
