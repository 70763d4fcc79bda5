import { describe, expect, it, vi } from "vitest";
import { byId } from "../support/dom.js";
import { FakeLiveServer, deadRender, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/page");

function page(html: string, options = {}): FakeLiveServer {
  const server = FakeLiveServer.start(deadRender(""), options);
  server.joinOk("lv:phx-F1", { s: [html] });
  return server;
}

function click(element: Element): void {
  element.dispatchEvent(new MouseEvent("mousedown", { bubbles: true }));
  element.dispatchEvent(new MouseEvent("click", { bubbles: true, detail: 1 }));
}

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("click events (spec §3.8.2)", () => {
  it("sends phx-value-* (lowercased) and a button's empty value", () => {
    const server = page('<button id="inc" phx-click="inc" phx-value-by="1" phx-value-userId="7">+</button>');
    click(byId("inc"));
    const frame = server.lastEvent();
    expect(frame.slice(2)).toEqual(["lv:phx-F1", "event", { type: "click", event: "inc", value: { by: "1", userid: "7", value: "" } }]);
  });

  it("finds the binding on an ancestor of the clicked element and sends no value for a div", () => {
    const server = page('<div id="card" phx-click="open"><span id="label">Open</span></div>');
    click(byId("label"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "open", value: {} });
  });

  it("sends cid from a phx-target cid, and from a selector's enclosing component", () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", {
      s: ['<button id="a" phx-click="a" phx-target="1">a</button><button id="b" phx-click="b" phx-target="#comp">b</button>', ""],
      "0": 1,
      c: { "1": { s: ['<div id="comp"><button id="c" phx-click="c">c</button></div>'], r: 1 } },
    });
    click(byId("a"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "a", value: { value: "" }, cid: 1 });
    click(byId("b"));
    expect(server.lastEvent()[4]).toMatchObject({ event: "b", cid: 1 });
    // Without phx-target, a click inside a component goes to the LiveView itself.
    click(byId("c"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "c", value: { value: "" } });
  });

  it("adds metadata from the LiveSocket option", () => {
    const server = page('<a id="link" phx-click="go">go</a>', { metadata: { click: (event: Event) => ({ alt: (event as MouseEvent).altKey }) } });
    click(byId("link"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "go", value: { alt: false } });
  });

  it("marks the element while the event is pending, ignores clicks on it meanwhile, and clears it on the reply", async () => {
    const server = page('<button id="save" phx-click="save" phx-disable-with="Saving…">Save</button>');
    const button = byId<HTMLButtonElement>("save");
    click(button);
    expect(button.className).toBe("phx-click-loading");
    expect(button.getAttribute("data-phx-ref-src")).toBe("phx-F1");
    expect(button.getAttribute("data-phx-ref-lock")).toBe("0");
    expect(button.textContent).toBe("Saving…");
    expect(button.disabled).toBe(true);
    click(button);
    expect(server.framesWith("event")).toHaveLength(1);
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    expect(button.hasAttribute("class")).toBe(false);
    expect(button.hasAttribute("data-phx-ref-src")).toBe(false);
    expect(button.textContent).toBe("Save");
    expect(button.disabled).toBe(false);
  });

  it("patches a locked element only when its event's reply arrives", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ['<button id="b" phx-click="go">', "</button>"], "0": "idle" });
    const button = byId("b");
    click(button);
    // A diff computed before the server saw the click must not show on the locked button.
    server.push("lv:phx-F1", "diff", { "0": "stale" });
    expect(button.textContent).toBe("idle");
    server.reply(server.lastEvent(), "ok", { diff: { "0": "done" } });
    await settle();
    expect(byId("b")).toBe(button);
    expect(button.textContent).toBe("done");
    expect(button.hasAttribute("data-phx-ref-lock")).toBe(false);
  });

  it("fires phx-click-away for a click outside the element", () => {
    const server = page('<div id="menu" phx-click-away="close">menu</div><p id="outside">x</p>');
    vi.spyOn(byId("menu"), "getBoundingClientRect").mockReturnValue({ top: 0, left: 0, right: 10, bottom: 10, width: 10, height: 10, x: 0, y: 0, toJSON: () => ({}) });
    click(byId("menu"));
    expect(server.framesWith("event")).toHaveLength(0);
    click(byId("outside"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "close", value: {} });
  });
});

describe("key and focus events", () => {
  it("sends keydown with the key, filtered case-insensitively by phx-key", () => {
    const server = page('<input id="search" phx-keydown="key" phx-key="Enter">');
    const input = byId("search");
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    expect(server.framesWith("event")).toHaveLength(0);
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "enter", bubbles: true }));
    expect(server.lastEvent()[4]).toEqual({ type: "keydown", event: "key", value: { key: "enter", value: "" } });
  });

  it("sends window key events from anywhere", () => {
    const server = page('<div id="shortcuts" phx-window-keyup="shortcut"></div>');
    document.body.dispatchEvent(new KeyboardEvent("keyup", { key: "k", bubbles: true }));
    expect(server.lastEvent()[4]).toEqual({ type: "keyup", event: "shortcut", value: { key: "k" } });
  });

  it("sends focus and blur of an element", () => {
    const server = page('<input id="name" phx-focus="focused" phx-blur="blurred" value="v">');
    const input = byId("name");
    input.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
    expect(server.lastEvent()[4]).toEqual({ type: "focus", event: "focused", value: { value: "v" } });
    server.reply(server.lastEvent(), "ok", {});
    input.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    expect(server.lastEvent()[4]).toEqual({ type: "blur", event: "blurred", value: { value: "v" } });
  });

  it("sends phx-window-focus when the window gains focus", () => {
    const server = page('<div id="w" phx-window-focus="back"></div>');
    window.dispatchEvent(new FocusEvent("focus"));
    expect(server.lastEvent()[4]).toEqual({ type: "focus", event: "back", value: {} });
  });
});

describe("form events (spec §3.8.3)", () => {
  const form =
    '<form id="f" phx-change="validate" phx-submit="save" phx-value-step="2">' +
    '<input id="name" name="user[name]" value="">' +
    '<input type="hidden" name="token" value="t">' +
    '<input id="agree" type="checkbox" name="agree" value="yes">' +
    '<button id="go" name="action" value="go">Go</button></form>';

  it("sends the whole form URL-encoded with _unused_ markers for untouched fields and meta._target", () => {
    const server = page(form);
    type(byId<HTMLInputElement>("name"), "bob smith");
    expect(server.lastEvent()[4]).toEqual({
      type: "form",
      event: "validate",
      value: "user%5Bname%5D=bob+smith&token=t",
      meta: { _target: "user[name]", step: "2" },
      uploads: {},
    });
    server.reply(server.lastEvent(), "ok", {});
    const agree = byId<HTMLInputElement>("agree");
    agree.checked = true;
    agree.dispatchEvent(new Event("input", { bubbles: true }));
    expect(server.lastEvent()[4]).toMatchObject({ value: "user%5Bname%5D=bob+smith&token=t&agree=yes", meta: { _target: "agree" } });
  });

  it("marks fields the user has not touched yet with _unused_", () => {
    const server = page('<form id="f" phx-change="v"><input name="user[email]" value="a"><input id="n" name="n" value=""><input name="tags[]" value="x"></form>');
    type(byId<HTMLInputElement>("n"), "1");
    expect(server.lastEvent()[4].value).toBe("user%5B_unused_email%5D=&user%5Bemail%5D=a&n=1&_unused_tags%5B%5D=&tags%5B%5D=x");
  });

  it("sends one event for an input followed by its change", () => {
    const server = page(form);
    const input = byId<HTMLInputElement>("name");
    type(input, "x");
    input.dispatchEvent(new Event("change", { bubbles: true }));
    expect(server.framesWith("event")).toHaveLength(1);
  });

  it("sends only the input's own field for phx-change on the input", () => {
    const server = page('<form id="f"><input id="q" name="q" phx-change="search" value=""><input name="other" value="o"></form>');
    type(byId<HTMLInputElement>("q"), "cats");
    expect(server.lastEvent()[4]).toMatchObject({ event: "search", value: "q=cats", meta: { _target: "q" } });
  });

  it("submits with the submitter's value, disables the form until the reply, and restores it", async () => {
    const server = page(form);
    const formElement = byId<HTMLFormElement>("f");
    const name = byId<HTMLInputElement>("name");
    name.value = "ada";
    formElement.dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true, submitter: byId("go") }));
    expect(server.lastEvent()[4]).toEqual({ type: "form", event: "save", value: "user%5Bname%5D=ada&token=t&action=go", meta: { step: "2" } });
    expect(formElement.classList.contains("phx-submit-loading")).toBe(true);
    expect(name.readOnly).toBe(true);
    expect(byId<HTMLButtonElement>("go").disabled).toBe(true);
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    expect(formElement.classList.contains("phx-submit-loading")).toBe(false);
    expect(name.readOnly).toBe(false);
    expect(byId<HTMLButtonElement>("go").disabled).toBe(false);
    // After a submit every field counts as used: no more _unused_ markers.
    type(byId<HTMLInputElement>("name"), "ada2");
    expect(server.lastEvent()[4].value).toBe("user%5Bname%5D=ada2&token=t");
  });
});

describe("phx-debounce and phx-throttle (spec §3.8.5)", () => {
  it("debounces to the last value after the quiet period", () => {
    const server = page('<form id="f" phx-change="v"><input id="q" name="q" phx-debounce="200"></form>');
    const input = byId<HTMLInputElement>("q");
    type(input, "a");
    vi.advanceTimersByTime(100);
    type(input, "ab");
    vi.advanceTimersByTime(199);
    expect(server.framesWith("event")).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(server.framesWith("event").map((frame) => frame[4].value)).toEqual(["q=ab"]);
  });

  it("sends a debounced value at once when the input loses focus", () => {
    const server = page('<form id="f" phx-change="v"><input id="q" name="q" phx-debounce="1000"></form>');
    const input = byId<HTMLInputElement>("q");
    type(input, "now");
    input.dispatchEvent(new FocusEvent("blur"));
    expect(server.framesWith("event").map((frame) => frame[4].value)).toEqual(["q=now"]);
    vi.advanceTimersByTime(2000);
    expect(server.framesWith("event")).toHaveLength(1);
  });

  it('phx-debounce="blur" waits for the blur', () => {
    const server = page('<form id="f" phx-change="v"><input id="q" name="q" phx-debounce="blur"></form>');
    const input = byId<HTMLInputElement>("q");
    type(input, "x");
    vi.advanceTimersByTime(10_000);
    expect(server.framesWith("event")).toHaveLength(0);
    input.dispatchEvent(new FocusEvent("blur"));
    expect(server.framesWith("event")).toHaveLength(1);
  });

  it("uses the default 300 ms for an empty phx-debounce", () => {
    const server = page('<form id="f" phx-change="v"><input id="q" name="q" phx-debounce></form>');
    type(byId<HTMLInputElement>("q"), "x");
    vi.advanceTimersByTime(299);
    expect(server.framesWith("event")).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(server.framesWith("event")).toHaveLength(1);
  });

  it("throttles: the first event goes at once, the rest of the window is dropped", async () => {
    const server = page('<button id="b" phx-click="tick" phx-throttle="1000">t</button>');
    const button = byId("b");
    click(button);
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    click(button);
    expect(server.framesWith("event")).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    click(button);
    expect(server.framesWith("event")).toHaveLength(2);
  });

  it("a submit cancels pending debounced changes of its inputs", () => {
    const server = page('<form id="f" phx-change="v" phx-submit="s"><input id="q" name="q" phx-debounce="500"></form>');
    type(byId<HTMLInputElement>("q"), "x");
    byId("f").dispatchEvent(new SubmitEvent("submit", { bubbles: true, cancelable: true }));
    vi.advanceTimersByTime(1000);
    expect(server.framesWith("event").map((frame) => frame[4].event)).toEqual(["s"]);
  });
});

describe("JS commands in bindings", () => {
  it("runs a push command with its value and target, and the DOM commands next to it", () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", {
      s: [
        '<button id="b" phx-click="[[&quot;push&quot;,{&quot;event&quot;:&quot;inc&quot;,&quot;value&quot;:{&quot;by&quot;:2}}],[&quot;add_class&quot;,{&quot;names&quot;:[&quot;flash&quot;],&quot;to&quot;:&quot;#x&quot;}]]">+</button><p id="x"></p>',
      ],
    });
    click(byId("b"));
    expect(server.lastEvent()[4]).toEqual({ type: "click", event: "inc", value: { value: "", by: 2 } });
    expect(byId("x").classList.contains("flash")).toBe(true);
  });

  it("fires phx:page-loading-start/stop (kind element) around a push with page_loading or phx-page-loading", async () => {
    const kinds: string[] = [];
    const listener = (event: Event) => kinds.push(`${event.type.replace("phx:page-loading-", "")}:${(event as CustomEvent).detail.kind}`);
    window.addEventListener("phx:page-loading-start", listener);
    window.addEventListener("phx:page-loading-stop", listener);
    const server = page(
      '<button id="a" phx-click="[[&quot;push&quot;,{&quot;event&quot;:&quot;a&quot;,&quot;page_loading&quot;:true}]]">a</button>' +
        '<button id="b" phx-click="b" phx-page-loading>b</button>',
    );
    kinds.length = 0;
    click(byId("a"));
    expect(kinds).toEqual(["start:element"]);
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    click(byId("b"));
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    window.removeEventListener("phx:page-loading-start", listener);
    window.removeEventListener("phx:page-loading-stop", listener);
    expect(kinds).toEqual(["start:element", "stop:element", "start:element", "stop:element"]);
  });
});
