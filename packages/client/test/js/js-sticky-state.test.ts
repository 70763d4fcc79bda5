import { describe, expect, test, vi } from "vitest";
import { js } from "@cinder/protocol";
import { runJsCommands } from "../../src/js/run-js-commands.js";
import { reapplyJsState } from "../../src/js/js-sticky-state.js";
import { morph } from "../../src/dom/patch.js";
import { RecordingHost, byId, displayOf, mount, setupTimedJsCommandTests } from "../support/js-commands.js";

const host = new RecordingHost();
const run = (attribute: string, id = "button"): void => runJsCommands(attribute, byId(id), undefined, host);

/** A server patch as the LiveView patcher performs it: morph the container, reapplying JS state first. */
function serverPatch(html: string): void {
  const container = byId("view");
  morph(container, `<div id="view">${html}</div>`, {
    childrenOnly: true,
    beforeElementUpdated: (from, to) => {
      reapplyJsState(from, to);
      return true;
    },
  });
}

setupTimedJsCommandTests();

describe("JS command changes survive server patches", () => {
  test("the patch itself would undo them without reapplyJsState", () => {
    mount(`<div id="view"><button id="button"></button><div id="panel" class="card">1</div></div>`);
    run(js().addClass("open", { to: "#panel" }).toString());
    morph(byId("view"), `<div id="view"><button id="button"></button><div id="panel" class="card">2</div></div>`, { childrenOnly: true });
    expect(byId("panel").className).toBe("card");
  });

  test("added and removed classes stick while the server changes content and its own classes", () => {
    mount(`<div id="view"><button id="button"></button><div id="panel" class="card highlighted">1</div></div>`);
    run(js().addClass("open", { to: "#panel" }).removeClass("highlighted", { to: "#panel" }).toString());
    serverPatch(`<button id="button"></button><div id="panel" class="card highlighted wide">2</div>`);
    expect(byId("panel").textContent).toBe("2");
    expect(Array.from(byId("panel").classList).sort()).toEqual(["card", "open", "wide"]);
  });

  test("a class the server already rendered stays the server's to remove", () => {
    mount(`<div id="view"><button id="button"></button><div id="panel" class="open"></div></div>`);
    run(js().addClass("open", { to: "#panel" }).toString());
    serverPatch(`<button id="button"></button><div id="panel"></div>`);
    expect(byId("panel").classList.contains("open")).toBe(false);
  });

  test("set and removed attributes stick", () => {
    mount(`<div id="view"><button id="button"></button><div id="menu" hidden aria-expanded="false"></div></div>`);
    run(js().setAttribute("aria-expanded", "true", { to: "#menu" }).removeAttribute("hidden", { to: "#menu" }).toString());
    serverPatch(`<button id="button"></button><div id="menu" hidden aria-expanded="false" data-count="3"></div>`);
    expect(byId("menu").getAttribute("aria-expanded")).toBe("true");
    expect(byId("menu").hasAttribute("hidden")).toBe(false);
    expect(byId("menu").getAttribute("data-count")).toBe("3");
  });

  test("the last command on an attribute wins", () => {
    mount(`<div id="view"><button id="button"></button><div id="menu"></div></div>`);
    run(js().setAttribute("data-state", "open", { to: "#menu" }).removeAttribute("data-state", { to: "#menu" }).toString());
    serverPatch(`<button id="button"></button><div id="menu" data-state="closed"></div>`);
    expect(byId("menu").hasAttribute("data-state")).toBe(false);
  });

  test("hidden and shown elements stay that way, keeping the server's other inline styles", () => {
    mount(`<div id="view"><button id="button"></button><div id="modal" style="color: red"></div><div id="tip" style="display: none"></div></div>`);
    run(js().hide({ to: "#modal" }).show({ to: "#tip" }).toString());
    serverPatch(`<button id="button"></button><div id="modal" style="color: blue"></div><div id="tip" style="display: none"></div>`);
    expect(displayOf("modal")).toBe("none");
    expect(byId("modal").style.color).toBe("blue");
    expect(displayOf("tip")).toBe("block");
  });

  test("transition classes survive a patch that lands mid-transition and are gone after it", () => {
    mount(`<div id="view"><button id="button"></button><div id="panel"></div></div>`);
    run(js().hide({ to: "#panel", transition: ["fade", "opaque", "clear"], time: 300 }).toString());
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    serverPatch(`<button id="button"></button><div id="panel">new</div>`);
    expect(Array.from(byId("panel").classList)).toEqual(["fade", "clear"]);
    vi.advanceTimersByTime(300);
    serverPatch(`<button id="button"></button><div id="panel">newer</div>`);
    expect(Array.from(byId("panel").classList)).toEqual([]);
    expect(displayOf("panel")).toBe("none");
  });

  test("ignore_attrs keeps the client's values of the named attributes, globs included", () => {
    mount(`<div id="view"><button id="button"></button><details id="d" data-a="1" data-b="2" title="t"></details></div>`);
    run(js().ignoreAttributes(["open", "data-*"], { to: "#d" }).toString());
    byId("d").setAttribute("open", "");
    byId("d").setAttribute("data-a", "client");
    byId("d").removeAttribute("data-b");
    serverPatch(`<button id="button"></button><details id="d" data-a="server" data-b="server" data-c="new" title="changed"></details>`);
    expect(byId("d").hasAttribute("open")).toBe(true);
    expect(byId("d").getAttribute("data-a")).toBe("client");
    expect(byId("d").hasAttribute("data-b")).toBe(false);
    expect(byId("d").hasAttribute("data-c")).toBe(false);
    expect(byId("d").getAttribute("title")).toBe("changed");
  });

  test("reapplying onto the live element itself (after the patcher merged attributes) restores the changes", () => {
    mount(`<div id="view"><button id="button"></button><input id="field" class="a"></div>`);
    run(js().addClass("touched", { to: "#field" }).setAttribute("aria-invalid", "true", { to: "#field" }).toString());
    const field = byId("field");
    field.className = "a";
    field.removeAttribute("aria-invalid");
    reapplyJsState(field, field);
    expect(Array.from(field.classList)).toEqual(["a", "touched"]);
    expect(field.getAttribute("aria-invalid")).toBe("true");
  });

  test("an element no JS command touched is left exactly as the server sent it", () => {
    mount(`<div id="view"><button id="button"></button><div id="plain" class="x"></div></div>`);
    const incoming = document.createElement("div");
    incoming.id = "plain";
    reapplyJsState(byId("plain"), incoming);
    expect(incoming.outerHTML).toBe(`<div id="plain"></div>`);
  });
});
