import { describe, expect, test, vi } from "vitest";
import { js } from "@cinder/protocol";
import { runJsCommands } from "../../src/js/run-js-commands.js";
import { afterJsTransitions, hasBlockingJsTransitions } from "../../src/js/js-transitions.js";
import { RecordingHost, byId, mount, setupTimedJsCommandTests } from "../support/js-commands.js";

const host = new RecordingHost();
const classesOf = (id: string): string[] => Array.from(byId(id).classList);
const run = (attribute: string, id = "el"): void => runJsCommands(attribute, byId(id), undefined, host);

setupTimedJsCommandTests();

describe("add_class, remove_class, toggle_class without transition", () => {
  test("classes change at once", () => {
    mount(`<div id="el" class="a b"></div>`);
    run(js().addClass("c d").removeClass("a").toString());
    expect(classesOf("el")).toEqual(["b", "c", "d"]);
  });

  test("toggle_class removes present names and adds absent ones", () => {
    mount(`<div id="el" class="open"></div>`);
    run(js().toggleClass("open active").toString());
    expect(classesOf("el")).toEqual(["active"]);
    run(js().toggleClass("open active").toString());
    expect(classesOf("el")).toEqual(["open"]);
  });
});

describe("transitions", () => {
  const fade = js().addClass("shown", { transition: ["fading", "from", "to"], time: 300 }).toString();

  test("start classes first, running classes next frame, end classes the frame after, final classes at `time`", () => {
    mount(`<div id="el" class="base"></div>`);
    run(fade);
    expect(classesOf("el")).toEqual(["base", "from"]);
    vi.advanceTimersToNextFrame();
    expect(classesOf("el")).toEqual(["base", "from", "fading"]);
    vi.advanceTimersToNextFrame();
    expect(classesOf("el")).toEqual(["base", "fading", "to"]);
    vi.advanceTimersByTime(300);
    // The transition's end classes stay: they are the state the element moved to.
    expect(classesOf("el").sort()).toEqual(["base", "shown", "to"]);
  });

  test("remove_class with a transition removes the names when the transition ends", () => {
    mount(`<div id="el" class="visible"></div>`);
    run(js().removeClass("visible", { transition: "fade-out" }).toString());
    vi.advanceTimersByTime(199);
    expect(classesOf("el")).toEqual(["visible", "fade-out"]);
    vi.advanceTimersByTime(1);
    expect(classesOf("el")).toEqual([]);
  });

  test("transition plays running classes for `time` (default 200 ms) and takes them off again", () => {
    mount(`<div id="el"></div><button id="b"></button>`);
    run(js().transition("shake", { to: "#el" }).toString(), "b");
    vi.advanceTimersToNextFrame();
    expect(classesOf("el")).toEqual(["shake"]);
    vi.advanceTimersByTime(200);
    expect(classesOf("el")).toEqual([]);
  });

  test("a transition never strips a class the server rendered", () => {
    mount(`<div id="el" class="animated"></div>`);
    run(js().transition("animated pulse").toString());
    vi.runAllTimers();
    expect(classesOf("el")).toEqual(["animated"]);
  });

  test("a transition shorter than two frames still ends in the same state", () => {
    mount(`<div id="el"></div>`);
    run(js().addClass("done", { transition: ["run", "start", "end"], time: 0 }).toString());
    vi.advanceTimersByTime(0);
    expect(classesOf("el").sort()).toEqual(["done", "end"]);
    vi.runAllTimers();
    expect(classesOf("el").sort()).toEqual(["done", "end"]);
  });
});

describe("blocking", () => {
  test("a blocking transition (the default) holds back DOM updates until it ends", () => {
    mount(`<div id="el"></div>`);
    run(js().transition("shake", { time: 500 }).toString());
    const update = vi.fn();
    afterJsTransitions(update);
    expect(hasBlockingJsTransitions()).toBe(true);
    vi.advanceTimersByTime(499);
    expect(update).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(update).toHaveBeenCalledTimes(1);
  });

  test("blocking: false lets updates through at once", () => {
    mount(`<div id="el"></div>`);
    run(js().transition("shake", { time: 500, blocking: false }).toString());
    const update = vi.fn();
    afterJsTransitions(update);
    expect(update).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(classesOf("el")).toEqual([]);
  });

  test("queued updates run in order once the last blocking transition ends", () => {
    mount(`<div id="a"></div><div id="b"></div>`);
    run(js().transition("x", { time: 100 }).toString(), "a");
    run(js().transition("y", { time: 300 }).toString(), "b");
    const order: string[] = [];
    afterJsTransitions(() => order.push("first"));
    afterJsTransitions(() => order.push("second"));
    vi.advanceTimersByTime(100);
    expect(order).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(order).toEqual(["first", "second"]);
  });

  test("a blocking dispatch holds updates until a listener calls detail.done()", () => {
    mount(`<div id="el"></div>`);
    let done: (() => void) | undefined;
    byId("el").addEventListener("app:animate", (event) => {
      done = (event as CustomEvent<{ done: () => void }>).detail.done;
    });
    run(js().dispatch("app:animate", { blocking: true }).toString());
    const update = vi.fn();
    afterJsTransitions(update);
    expect(update).not.toHaveBeenCalled();
    done?.();
    return vi.waitFor(() => expect(update).toHaveBeenCalledTimes(1));
  });
});
