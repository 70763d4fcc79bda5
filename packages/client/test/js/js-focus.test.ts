import { describe, expect, test, vi } from "vitest";
import { js } from "@cinder/protocol";
import { runJsCommands } from "../../src/js/run-js-commands.js";
import { dropFocusStackEntriesWithin } from "../../src/js/js-focus.js";
import { RecordingHost, byId, mount, setupTimedJsCommandTests } from "../support/js-commands.js";

const host = new RecordingHost();
const run = (attribute: string, id: string): void => runJsCommands(attribute, byId(id), undefined, host);
const focusedId = (): string | undefined => (document.activeElement as HTMLElement | null)?.id;

setupTimedJsCommandTests();

describe("focus", () => {
  test("focus moves focus to the target", () => {
    mount(`<button id="open"></button><input id="name">`);
    run(js().focus({ to: "#name" }).toString(), "open");
    expect(focusedId()).toBe("name");
  });

  test("focus on an element a transition is still showing takes effect once it is shown", () => {
    mount(`<button id="open"></button><div id="modal" style="display: none"><input id="name"></div>`);
    run(js().show({ to: "#modal", transition: "fade-in" }).focus({ to: "#name" }).toString(), "open");
    expect(focusedId()).not.toBe("name");
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    expect(focusedId()).toBe("name");
  });

  test("focus_first focuses the first interactive descendant, skipping disabled and hidden inputs", () => {
    mount(`
      <button id="open"></button>
      <div id="modal">
        <p tabindex="-1" id="heading">Title</p>
        <input type="hidden" id="token">
        <button disabled id="disabled"></button>
        <a id="no-href">text</a>
        <input id="first">
        <input id="second">
      </div>`);
    run(js().focusFirst({ to: "#modal" }).toString(), "open");
    expect(focusedId()).toBe("first");
  });

  test("focus_first falls back to an element with a negative tabindex when nothing is interactive", () => {
    mount(`<button id="open"></button><div id="modal"><p id="heading" tabindex="-1">Title</p></div>`);
    run(js().focusFirst({ to: "#modal" }).toString(), "open");
    expect(focusedId()).toBe("heading");
  });
});

describe("focus stack", () => {
  test("push_focus remembers the source and pop_focus returns focus to it", () => {
    mount(`<button id="open"></button><div id="modal"><input id="name"><button id="close"></button></div>`);
    byId("open").focus();
    run(js().pushFocus().focusFirst({ to: "#modal" }).toString(), "open");
    expect(focusedId()).toBe("name");
    run(js().popFocus().toString(), "close");
    expect(focusedId()).toBe("open");
  });

  test("the stack is last in, first out and push_focus accepts a target", () => {
    mount(`<button id="a"></button><button id="b"></button><button id="c"></button>`);
    run(js().pushFocus({ to: "#a" }).pushFocus({ to: "#b" }).toString(), "c");
    run(js().popFocus().toString(), "c");
    expect(focusedId()).toBe("b");
    run(js().popFocus().toString(), "c");
    expect(focusedId()).toBe("a");
  });

  test("entries inside a destroyed view are dropped", () => {
    mount(`<button id="outside"></button><div id="view"><button id="inside"></button></div>`);
    run(js().pushFocus({ to: "#outside" }).pushFocus({ to: "#inside" }).toString(), "outside");
    dropFocusStackEntriesWithin(byId("view"));
    byId("view").remove();
    run(js().popFocus().toString(), "outside");
    expect(focusedId()).toBe("outside");
    expect(() => run(js().popFocus().toString(), "outside")).not.toThrow();
  });
});
