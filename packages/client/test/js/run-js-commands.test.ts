import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { js } from "@cinder/protocol";
import { runJsCommands } from "../../src/js/run-js-commands.js";
import type { JsDiagnosticDetail } from "../../src/js/js-diagnostics.js";
import { collectDiagnostics, stopCollectingDiagnostics } from "../support/diagnostics.js";
import { RecordingHost, byId, mount } from "../support/js-commands.js";

let host: RecordingHost;
let diagnostics: JsDiagnosticDetail[];
let consoleError: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  host = new RecordingHost();
  diagnostics = collectDiagnostics<JsDiagnosticDetail>();
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  stopCollectingDiagnostics();
  consoleError.mockRestore();
  document.body.innerHTML = "";
});

describe("push, navigate and patch go to the host", () => {
  test("push passes event, value, target, loading and page_loading with the source element and DOM event", () => {
    mount(`<button id="b">+</button>`);
    const click = new MouseEvent("click");
    const attribute = js().push("inc", { value: { by: 2 }, target: 7, loading: ".thermo", pageLoading: true }).toString();
    runJsCommands(attribute, byId("b"), click, host);
    expect(host.pushes).toEqual([
      { command: { event: "inc", value: { by: 2 }, target: 7, loading: ".thermo", pageLoading: true }, source: byId("b"), domEvent: click },
    ]);
  });

  test("a plain event name is a push of that event", () => {
    mount(`<button id="b">+</button>`);
    runJsCommands("inc", byId("b"), undefined, host);
    expect(host.pushes.map((push) => push.command)).toEqual([{ event: "inc" }]);
  });

  test("navigate and patch carry href and replace", () => {
    mount(`<a id="a">go</a>`);
    runJsCommands(js().navigate("/other").patch("/same?page=2", { replace: true }).toString(), byId("a"), undefined, host);
    expect(host.navigations).toEqual([
      { kind: "navigate", href: "/other", replace: false },
      { kind: "patch", href: "/same?page=2", replace: true },
    ]);
  });

  test("commands run in the order written", () => {
    mount(`<button id="b"></button><div id="x"></div>`);
    const order: string[] = [];
    byId("x").addEventListener("mark", () => order.push(`dispatch, pushes so far: ${host.pushes.length}`));
    runJsCommands(js().push("first").dispatch("mark", { to: "#x" }).push("second").toString(), byId("b"), undefined, host);
    expect(order).toEqual(["dispatch, pushes so far: 1"]);
    expect(host.pushes.map((push) => push.command.event)).toEqual(["first", "second"]);
  });
});

describe("attribute commands", () => {
  test("set_attr and remove_attr change the target", () => {
    mount(`<button id="b"></button><div id="menu" hidden></div>`);
    runJsCommands(js().setAttribute("aria-expanded", "true", { to: "#menu" }).removeAttribute("hidden", { to: "#menu" }).toString(), byId("b"), undefined, host);
    expect(byId("menu").getAttribute("aria-expanded")).toBe("true");
    expect(byId("menu").hasAttribute("hidden")).toBe(false);
  });

  test("toggle_attr with one value sets it when absent and removes it when present", () => {
    mount(`<details id="d"></details>`);
    const attribute = js().toggleAttribute("open", "true").toString();
    runJsCommands(attribute, byId("d"), undefined, host);
    expect(byId("d").getAttribute("open")).toBe("true");
    runJsCommands(attribute, byId("d"), undefined, host);
    expect(byId("d").hasAttribute("open")).toBe(false);
  });

  test("toggle_attr with two values flips between them", () => {
    mount(`<button id="b" aria-expanded="false"></button>`);
    const attribute = js().toggleAttribute("aria-expanded", ["true", "false"]).toString();
    runJsCommands(attribute, byId("b"), undefined, host);
    expect(byId("b").getAttribute("aria-expanded")).toBe("true");
    runJsCommands(attribute, byId("b"), undefined, host);
    expect(byId("b").getAttribute("aria-expanded")).toBe("false");
  });
});

describe("to: which elements a command acts on", () => {
  beforeEach(() => {
    mount(`
      <section class="card" id="card">
        <button id="source"><span class="x" id="inside"></span></button>
        <span class="x" id="sibling"></span>
      </section>
      <section class="card" id="other"><span class="x" id="far"></span></section>`);
  });

  const flagged = (): string[] => Array.from(document.querySelectorAll(".hit")).map((element) => element.id);

  test("no to: the source element itself", () => {
    runJsCommands(js().addClass("hit").toString(), byId("source"), undefined, host);
    expect(flagged()).toEqual(["source"]);
  });

  test("a selector string: every match in the document", () => {
    runJsCommands(js().addClass("hit", { to: ".x" }).toString(), byId("source"), undefined, host);
    expect(flagged()).toEqual(["inside", "sibling", "far"]);
  });

  test("closest: the nearest matching ancestor", () => {
    runJsCommands(js().addClass("hit", { to: { closest: ".card" } }).toString(), byId("source"), undefined, host);
    expect(flagged()).toEqual(["card"]);
  });

  test("inner: matching descendants of the source only", () => {
    runJsCommands(js().addClass("hit", { to: { inner: ".x" } }).toString(), byId("source"), undefined, host);
    expect(flagged()).toEqual(["inside"]);
  });

  test("a selector that matches nothing does nothing and reports nothing", () => {
    runJsCommands(js().addClass("hit", { to: "#missing" }).toString(), byId("source"), undefined, host);
    expect(flagged()).toEqual([]);
    expect(diagnostics).toEqual([]);
  });
});

describe("dispatch", () => {
  test("sends a CustomEvent with the detail plus the dispatcher, bubbling by default", () => {
    mount(`<div id="outer"><div id="target"></div></div><button id="b"></button>`);
    const received: Array<{ detail: unknown; bubbles: boolean; cancelable: boolean }> = [];
    byId("outer").addEventListener("app:copy", (event) => {
      const custom = event as CustomEvent;
      received.push({ detail: custom.detail, bubbles: custom.bubbles, cancelable: custom.cancelable });
    });
    runJsCommands(js().dispatch("app:copy", { to: "#target", detail: { text: "hi" } }).toString(), byId("b"), undefined, host);
    expect(received).toEqual([{ detail: { text: "hi", dispatcher: byId("b") }, bubbles: true, cancelable: true }]);
  });

  test("bubbles: false keeps the event on the target", () => {
    mount(`<div id="outer"><div id="target"></div></div>`);
    const seenByOuter = vi.fn();
    const seenByTarget = vi.fn();
    byId("outer").addEventListener("app:ping", seenByOuter);
    byId("target").addEventListener("app:ping", seenByTarget);
    runJsCommands(js().dispatch("app:ping", { bubbles: false }).toString(), byId("target"), undefined, host);
    expect(seenByTarget).toHaveBeenCalledTimes(1);
    expect(seenByOuter).not.toHaveBeenCalled();
  });

  test("click is dispatched as a real MouseEvent", () => {
    mount(`<button id="b"></button><a id="link"></a>`);
    const clicks: Event[] = [];
    byId("link").addEventListener("click", (event) => clicks.push(event));
    runJsCommands(js().dispatch("click", { to: "#link" }).toString(), byId("b"), undefined, host);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toBeInstanceOf(MouseEvent);
  });
});

describe("exec", () => {
  test("runs the commands held in another element's attribute, with that element as source", () => {
    mount(`<div id="modal" phx-remove='${js().hide().push("closed").toString()}'></div><button id="close"></button>`);
    runJsCommands(js().exec("phx-remove", { to: "#modal" }).toString(), byId("close"), undefined, host);
    expect(byId("modal").style.display).toBe("none");
    expect(host.pushes.map((push) => [push.command.event, push.source.id])).toEqual([["closed", "modal"]]);
  });

  test("without to it runs another attribute of the source element", () => {
    mount(`<button id="b" data-open='${js().addClass("open").toString()}'></button>`);
    runJsCommands(js().exec("data-open").toString(), byId("b"), undefined, host);
    expect(byId("b").classList.contains("open")).toBe(true);
  });

  test("a missing attribute is reported, not thrown", () => {
    mount(`<button id="b"></button>`);
    expect(() => runJsCommands(js().exec("phx-nothing").toString(), byId("b"), undefined, host)).not.toThrow();
    expect(diagnostics.map((detail) => detail.code)).toEqual(["js.exec-attribute-missing"]);
  });

  test("an attribute that execs itself stops at the nesting limit with a diagnostic", () => {
    mount(`<button id="b" data-loop='${js().push("tick").exec("data-loop").toString()}'></button>`);
    expect(() => runJsCommands(js().exec("data-loop").toString(), byId("b"), undefined, host)).not.toThrow();
    expect(host.pushes).toHaveLength(16);
    expect(diagnostics.map((detail) => detail.code)).toEqual(["js.exec-too-deep"]);
  });
});

describe("bad input never throws", () => {
  test("malformed JSON dispatches a diagnostic with code, message and element", () => {
    mount(`<button id="b"></button>`);
    expect(() => runJsCommands('[["push",{"event":"inc"}]', byId("b"), undefined, host)).not.toThrow();
    expect(host.pushes).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: "js.malformed-json", message: expect.stringContaining("not valid JSON"), element: byId("b") }),
    ]);
  });

  test("an unknown op is reported and the valid commands around it still run", () => {
    mount(`<button id="b"></button>`);
    runJsCommands('[["push",{"event":"a"}],["teleport",{"to":"#x"}],["push",{"event":"b"}]]', byId("b"), undefined, host);
    expect(host.pushes.map((push) => push.command.event)).toEqual(["a", "b"]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "js.unknown-op", message: expect.stringContaining("command 1") })]);
  });

  test("invalid args and non-list JSON have their own codes", () => {
    mount(`<button id="b"></button>`);
    runJsCommands('[["add_class",{"names":"flash"}]]', byId("b"), undefined, host);
    runJsCommands('["push","inc"]', byId("b"), undefined, host);
    runJsCommands('[{"push":"inc"}]', byId("b"), undefined, host);
    expect(diagnostics.map((detail) => detail.code)).toEqual([
      "js.invalid-args",
      "js.not-a-command",
      "js.not-a-command",
      "js.not-a-command",
    ]);
  });

  test("a selector the browser cannot parse is reported and the next command runs", () => {
    mount(`<button id="b"></button>`);
    runJsCommands(js().addClass("x", { to: "div[[" }).push("after").toString(), byId("b"), undefined, host);
    expect(diagnostics.map((detail) => detail.code)).toEqual(["js.invalid-selector"]);
    expect(host.pushes.map((push) => push.command.event)).toEqual(["after"]);
  });

  test("an attribute name the DOM refuses is reported, not thrown", () => {
    mount(`<button id="b"></button>`);
    expect(() => runJsCommands('[["set_attr",{"attr":["bad name","1"]}]]', byId("b"), undefined, host)).not.toThrow();
    expect(diagnostics.map((detail) => detail.code)).toEqual(["js.command-failed"]);
  });

  test("the same problem fires an event every time but is logged to the console once", () => {
    mount(`<button id="b"></button>`);
    runJsCommands("[oops", byId("b"), undefined, host);
    runJsCommands("[oops", byId("b"), undefined, host);
    expect(diagnostics).toHaveLength(2);
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  test("an empty attribute does nothing", () => {
    mount(`<button id="b"></button>`);
    runJsCommands("", byId("b"), undefined, host);
    expect(host.pushes).toEqual([]);
    expect(diagnostics).toEqual([]);
  });
});
