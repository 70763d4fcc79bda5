import { afterEach, describe, expect, test, vi } from "vitest";
import { createJsCommands } from "../../src/js/js-imperative.js";
import { RecordingHost, byId, displayOf, mount } from "../support/js-commands.js";

afterEach(() => {
  document.body.innerHTML = "";
});

describe("createJsCommands (hooks' this.js())", () => {
  test("DOM commands act on the given element", () => {
    mount(`<div id="panel" class="a"></div>`);
    const commands = createJsCommands(new RecordingHost());
    commands.addClass(byId("panel"), "b c");
    commands.removeClass(byId("panel"), ["a"]);
    commands.setAttribute(byId("panel"), "aria-busy", "true");
    commands.hide(byId("panel"));
    expect(Array.from(byId("panel").classList)).toEqual(["b", "c"]);
    expect(byId("panel").getAttribute("aria-busy")).toBe("true");
    expect(displayOf("panel")).toBe("none");
  });

  test("push, navigate, patch and exec reach the host", () => {
    mount(`<div id="panel" data-cmd='[["push",{"event":"from-attr"}]]'></div>`);
    const host = new RecordingHost();
    const commands = createJsCommands(host);
    commands.push(byId("panel"), "save", { value: { id: 1 } });
    commands.exec(byId("panel"), byId("panel").getAttribute("data-cmd") ?? "");
    commands.navigate("/next");
    commands.patch("/same", { replace: true });
    expect(host.pushes.map((push) => [push.command, push.source.id])).toEqual([
      [{ event: "save", value: { id: 1 } }, "panel"],
      [{ event: "from-attr" }, "panel"],
    ]);
    expect(host.navigations).toEqual([
      { kind: "navigate", href: "/next", replace: false },
      { kind: "patch", href: "/same", replace: true },
    ]);
  });

  test("transitions behave as in attributes", () => {
    vi.useFakeTimers();
    mount(`<div id="panel"></div>`);
    createJsCommands(new RecordingHost()).transition(byId("panel"), "shake", { time: 50 });
    vi.advanceTimersToNextFrame();
    expect(Array.from(byId("panel").classList)).toEqual(["shake"]);
    vi.advanceTimersByTime(50);
    expect(Array.from(byId("panel").classList)).toEqual([]);
    vi.useRealTimers();
  });
});
