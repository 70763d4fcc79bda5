import { describe, expect, test, vi } from "vitest";
import { js } from "@cinder/protocol";
import { runJsCommands } from "../../src/js/run-js-commands.js";
import { RecordingHost, byId, displayOf, mount, setupTimedJsCommandTests } from "../support/js-commands.js";

const host = new RecordingHost();
const run = (attribute: string, id = "button", options?: { removing: boolean }): void =>
  runJsCommands(attribute, byId(id), undefined, host, options);

/** The phx:show-* / phx:hide-* events an element receives. */
function recordVisibilityEvents(id: string): string[] {
  const events: string[] = [];
  for (const name of ["phx:show-start", "phx:show-end", "phx:hide-start", "phx:hide-end"]) {
    byId(id).addEventListener(name, () => events.push(name));
  }
  return events;
}

setupTimedJsCommandTests();

describe("show and hide", () => {
  test("hide sets display none, show sets display block", () => {
    mount(`<button id="button"></button><div id="panel"></div>`);
    run(js().hide({ to: "#panel" }).toString());
    expect(displayOf("panel")).toBe("none");
    run(js().show({ to: "#panel" }).toString());
    expect(displayOf("panel")).toBe("block");
  });

  test("show uses the display option, and table-row for rows", () => {
    mount(`<button id="button"></button><div id="grid" style="display: none"></div><table><tbody><tr id="row" style="display: none"></tr></tbody></table>`);
    run(js().show({ to: "#grid", display: "grid" }).show({ to: "#row" }).toString());
    expect(displayOf("grid")).toBe("grid");
    expect(displayOf("row")).toBe("table-row");
  });

  test("show finds elements hidden by a stylesheet class", () => {
    mount(`<style>.hidden { display: none }</style><button id="button"></button><div id="panel" class="hidden"></div>`);
    run(js().show({ to: "#panel" }).toString());
    expect(displayOf("panel")).toBe("block");
  });

  test("show leaves a visible element alone and hide a hidden one", () => {
    mount(`<button id="button"></button><div id="shown" style="display: flex"></div><div id="gone" style="display: none"></div>`);
    const shownEvents = recordVisibilityEvents("shown");
    const goneEvents = recordVisibilityEvents("gone");
    run(js().show({ to: "#shown" }).hide({ to: "#gone" }).toString());
    expect(displayOf("shown")).toBe("flex");
    expect(displayOf("gone")).toBe("none");
    expect([...shownEvents, ...goneEvents]).toEqual([]);
  });

  test("without a transition the start and end events fire at once", () => {
    mount(`<button id="button"></button><div id="panel"></div>`);
    const events = recordVisibilityEvents("panel");
    run(js().hide({ to: "#panel" }).show({ to: "#panel" }).toString());
    expect(events).toEqual(["phx:hide-start", "phx:hide-end", "phx:show-start", "phx:show-end"]);
  });
});

describe("show and hide with transitions", () => {
  test("hide plays the out transition and hides when it ends", () => {
    mount(`<button id="button"></button><div id="panel"></div>`);
    const events = recordVisibilityEvents("panel");
    run(js().hide({ to: "#panel", transition: ["fade", "opaque", "transparent"], time: 300 }).toString());
    expect(events).toEqual(["phx:hide-start"]);
    expect(Array.from(byId("panel").classList)).toEqual(["opaque"]);
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    expect(Array.from(byId("panel").classList)).toEqual(["fade", "transparent"]);
    expect(displayOf("panel")).toBe("");
    vi.advanceTimersByTime(300);
    expect(displayOf("panel")).toBe("none");
    expect(Array.from(byId("panel").classList)).toEqual([]);
    expect(events).toEqual(["phx:hide-start", "phx:hide-end"]);
  });

  test("show makes the element visible only after the running classes are on", () => {
    mount(`<button id="button"></button><div id="panel" style="display: none"></div>`);
    const events = recordVisibilityEvents("panel");
    run(js().show({ to: "#panel", transition: ["fade", "transparent", "opaque"] }).toString());
    expect(displayOf("panel")).toBe("none");
    vi.advanceTimersToNextFrame();
    expect(Array.from(byId("panel").classList)).toEqual(["transparent", "fade"]);
    expect(displayOf("panel")).toBe("none");
    vi.advanceTimersToNextFrame();
    expect(displayOf("panel")).toBe("block");
    expect(Array.from(byId("panel").classList)).toEqual(["fade", "opaque"]);
    vi.advanceTimersByTime(200);
    expect(Array.from(byId("panel").classList)).toEqual([]);
    expect(events).toEqual(["phx:show-start", "phx:show-end"]);
  });
});

describe("toggle", () => {
  test("hides a visible element and shows a hidden one, with the display option", () => {
    mount(`<button id="button"></button><div id="panel"></div>`);
    const toggle = js().toggle({ to: "#panel", display: "flex" }).toString();
    run(toggle);
    expect(displayOf("panel")).toBe("none");
    run(toggle);
    expect(displayOf("panel")).toBe("flex");
  });

  test("uses ins when showing and outs when hiding", () => {
    mount(`<button id="button"></button><div id="panel"></div>`);
    const toggle = js().toggle({ to: "#panel", in: "fade-in", out: "fade-out", time: 100 }).toString();
    run(toggle);
    vi.advanceTimersToNextFrame();
    expect(Array.from(byId("panel").classList)).toEqual(["fade-out"]);
    vi.advanceTimersByTime(100);
    expect(displayOf("panel")).toBe("none");
    run(toggle);
    vi.advanceTimersToNextFrame();
    expect(Array.from(byId("panel").classList)).toEqual(["fade-in"]);
    vi.advanceTimersByTime(100);
    expect(displayOf("panel")).toBe("block");
    expect(Array.from(byId("panel").classList)).toEqual([]);
  });

  test("an element being removed (phx-remove) is never shown", () => {
    mount(`<div id="panel" style="display: none"></div>`);
    run(js().toggle().show().toString(), "panel", { removing: true });
    expect(displayOf("panel")).toBe("none");
  });
});
