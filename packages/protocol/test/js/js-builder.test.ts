import { describe, expect, test } from "vitest";
import { js, parseJsCommands, type JsCommand } from "@cinder/protocol";

describe("js() builder", () => {
  test("emits the attribute JSON of the spec's example", () => {
    const attribute = js().push("inc", { value: { by: 2 } }).addClass("flash", { to: "#x" }).toString();
    expect(attribute).toBe('[["push",{"event":"inc","value":{"by":2}}],["add_class",{"names":["flash"],"to":"#x"}]]');
  });

  test("every builder method emits a command the parser accepts unchanged", () => {
    const chain = js()
      .push("save", { value: { id: 1 }, target: 3, loading: ".form", pageLoading: true })
      .navigate("/next", { replace: true })
      .patch("/same?page=2")
      .dispatch("app:copy", { to: { closest: ".card" }, detail: { text: "hi" }, bubbles: false, blocking: true })
      .show({ to: "#m", display: "flex", transition: ["ease-out duration-300", "opacity-0", "opacity-100"], time: 300, blocking: false })
      .hide({ to: { inner: ".menu" }, transition: "fade-out" })
      .toggle({ in: "fade-in", out: ["fade-out", "opacity-100", "opacity-0"], display: "grid" })
      .addClass("a b", { transition: "pulse" })
      .removeClass(["c", "d"])
      .toggleClass("open")
      .transition("shake", { to: "#item", time: 500 })
      .setAttribute("aria-expanded", "true")
      .removeAttribute("disabled", { to: "#btn" })
      .toggleAttribute("open", "true")
      .toggleAttribute("aria-expanded", ["true", "false"])
      .ignoreAttributes(["open", "data-*"])
      .focus({ to: "#name" })
      .focusFirst({ to: "#modal" })
      .pushFocus()
      .popFocus()
      .exec("phx-remove", { to: "#modal" });
    const parsed = parseJsCommands(chain.toString());
    expect(parsed.problems).toEqual([]);
    expect(parsed.commands).toEqual(chain.toJSON());
    expect(parsed.commands.map(([op]) => op)).toEqual([
      "push", "navigate", "patch", "dispatch", "show", "hide", "toggle", "add_class", "remove_class", "toggle_class",
      "transition", "set_attr", "remove_attr", "toggle_attr", "toggle_attr", "ignore_attrs", "focus", "focus_first",
      "push_focus", "pop_focus", "exec",
    ]);
  });

  test("options map to the wire's snake_case keys and transitions become three class lists", () => {
    const commands = js()
      .push("x", { pageLoading: true })
      .show({ transition: ["ease-out duration-300", "opacity-0", "opacity-100"] })
      .toggle({ in: "fade-in" })
      .toggleAttribute("aria-expanded", ["true", "false"]).commands;
    expect(commands).toEqual<JsCommand[]>([
      ["push", { event: "x", page_loading: true }],
      ["show", { transition: [["ease-out", "duration-300"], ["opacity-0"], ["opacity-100"]] }],
      ["toggle", { ins: [["fade-in"], [], []] }],
      ["toggle_attr", { attr: ["aria-expanded", "true", "false"] }],
    ]);
  });

  test("navigate and patch always say whether they replace history", () => {
    expect(js().navigate("/a").commands).toEqual([["navigate", { href: "/a", replace: false }]]);
    expect(js().patch("/b", { replace: true }).commands).toEqual([["patch", { href: "/b", replace: true }]]);
  });

  test("a builder is never changed by extending it", () => {
    const base = js().push("open");
    const withHide = base.hide({ to: "#a" });
    const withShow = base.show({ to: "#b" });
    expect(base.commands).toHaveLength(1);
    expect(withHide.commands.map(([op]) => op)).toEqual(["push", "hide"]);
    expect(withShow.commands.map(([op]) => op)).toEqual(["push", "show"]);
  });

  test("concat appends another chain and JSON.stringify gives the same text as toString", () => {
    const combined = js().hide({ to: "#a" }).concat(js().show({ to: "#b" }));
    expect(combined.commands.map(([op]) => op)).toEqual(["hide", "show"]);
    expect(JSON.stringify(combined)).toBe(combined.toString());
  });

  test("misuse throws with the fix in the message", () => {
    expect(() => js().dispatch("click", { detail: { a: 1 } })).toThrow(/element\.click\(\)/);
    expect(() => js().dispatch("x", { blocking: true, detail: { done: 1 } })).toThrow(/remove the "done" key/);
    expect(() => js().addClass("a", { time: -5 })).toThrow(/≥ 0/);
    expect(() => js().show({ to: "" })).toThrow(/leave "to" out/);
    expect(() => js().push("")).toThrow(/non-empty/);
  });
});
