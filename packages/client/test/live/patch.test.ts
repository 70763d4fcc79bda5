import { describe, expect, it } from "vitest";
import { FakeLiveServer, collectDiagnostics, deadRender, mainContainer, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/page");

function joined(rendered: Record<string, unknown>, inner = ""): FakeLiveServer {
  const server = FakeLiveServer.start(deadRender(inner));
  server.joinOk("lv:phx-F1", rendered);
  return server;
}

/** Records every DOM mutation under the container while `run` executes. */
async function mutationsDuring(run: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((delivered) => records.push(...delivered));
  observer.observe(mainContainer(), { subtree: true, childList: true, attributes: true, characterData: true });
  run();
  await settle();
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe("patching a diff into the DOM", () => {
  const list = {
    s: ['<h1 id="title">', '</h1><ul id="list">', "</ul><p>", "</p>"],
    "0": "Items",
    "1": { s: ['<li id="item-', '">', "</li>"], k: { "0": { "0": "a", "1": "A" }, "1": { "0": "b", "1": "B" }, "2": { "0": "c", "1": "C" }, kc: 3 } },
    "2": "footer",
  };

  it("touches only the text node whose value changed", async () => {
    const server = joined(list);
    const before = mainContainer().querySelector("#item-b");
    const records = await mutationsDuring(() => server.push("lv:phx-F1", "diff", { "1": { k: { "1": { "1": "B2" }, kc: 3 } } }));
    expect(records.map((record) => record.type)).toEqual(["characterData"]);
    expect(records[0]!.target.textContent).toBe("B2");
    expect(mainContainer().querySelector("#item-b")).toBe(before);
  });

  it("moves keyed rows without re-creating them", async () => {
    const server = joined(list);
    const rows = Array.from(mainContainer().querySelectorAll("li"));
    await mutationsDuring(() => server.push("lv:phx-F1", "diff", { "1": { k: { "0": 2, "1": 1, "2": 0, kc: 3, km: true } } }));
    const after = Array.from(mainContainer().querySelectorAll("li"));
    expect(after.map((row) => row.id)).toEqual(["item-c", "item-b", "item-a"]);
    expect(after).toEqual([rows[2], rows[1], rows[0]]);
  });

  it("an empty reply diff changes nothing", async () => {
    const server = joined(list);
    const records = await mutationsDuring(() => server.push("lv:phx-F1", "diff", {}));
    expect(records).toEqual([]);
  });

  it("keeps the value, caret and selection of the focused input while the server changes everything around it", async () => {
    const server = joined({ s: ['<p>', '</p><input id="name" name="name" value="', '">'], "0": "hello", "1": "server" });
    const input = mainContainer().querySelector<HTMLInputElement>("#name")!;
    input.focus();
    input.value = "typed by user";
    input.setSelectionRange(2, 7);
    server.push("lv:phx-F1", "diff", { "0": "changed", "1": "server value" });
    expect(mainContainer().querySelector("p")!.textContent).toBe("changed");
    expect(mainContainer().querySelector("#name")).toBe(input);
    expect(input.value).toBe("typed by user");
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([2, 7]);
  });

  it("patches the focused input when it has phx-patch-focused", async () => {
    const server = joined({ s: ['<input id="name" phx-patch-focused name="name" value="', '">'], "0": "server" });
    const input = mainContainer().querySelector<HTMLInputElement>("#name")!;
    input.focus();
    input.value = "typed";
    server.push("lv:phx-F1", "diff", { "0": "reset by server" });
    expect(input.value).toBe("reset by server");
  });

  it("leaves the children of phx-update=\"ignore\" alone but follows its data attributes", async () => {
    const server = joined({ s: ['<div id="map" phx-update="ignore" data-zoom="', '" class="', '"><canvas>', "</canvas></div>"], "0": "1", "1": "a", "2": "server" });
    const map = mainContainer().querySelector("#map")!;
    map.querySelector("canvas")!.textContent = "drawn by client";
    map.classList.add("client-class");
    server.push("lv:phx-F1", "diff", { "0": "2", "1": "b", "2": "new server" });
    expect(map.getAttribute("data-zoom")).toBe("2");
    expect(map.querySelector("canvas")!.textContent).toBe("drawn by client");
    expect(map.className).toBe("a client-class");
  });

  it("keeps the live element for a data-phx-skip placeholder of an unchanged root", async () => {
    const server = joined({
      s: ["", "", ""],
      "0": { s: ['<section id="a">', "</section>"], "0": "A", r: 1 },
      "1": { s: ['<aside id="b">', "</aside>"], "0": "B", r: 1 },
    });
    const section = mainContainer().querySelector("#a")!;
    section.setAttribute("data-client", "kept");
    const records = await mutationsDuring(() => server.push("lv:phx-F1", "diff", { "1": { "0": "B2" } }));
    expect(mainContainer().querySelector("#a")).toBe(section);
    expect(section.textContent).toBe("A");
    expect(section.hasAttribute("data-phx-skip")).toBe(false);
    expect(records.every((record) => record.target !== section)).toBe(true);
    expect(mainContainer().querySelector("#b")!.textContent).toBe("B2");
  });

  it("patches only the component a component-only diff names", async () => {
    const server = joined({
      s: ["<main>", "", "</main>"],
      "0": 1,
      "1": 2,
      c: {
        "1": { s: ['<div id="c1">', "</div>"], "0": "one", r: 1 },
        "2": { s: ['<div id="c2">', "</div>"], "0": "two", r: 1 },
      },
    });
    const two = mainContainer().querySelector("#c2")!;
    expect(two.getAttribute("data-phx-component")).toBe("2");
    const records = await mutationsDuring(() => server.push("lv:phx-F1", "diff", { c: { "1": { "0": "uno" } } }));
    expect(mainContainer().querySelector("#c1")!.textContent).toBe("uno");
    expect(mainContainer().querySelector("#c2")).toBe(two);
    expect(records.map((record) => record.type)).toEqual(["characterData"]);
  });
});

describe("streams", () => {
  const join = {
    s: ['<ul id="items" phx-update="stream">', "</ul>"],
    "0": {
      s: ['<li id="', '">', "</li>"],
      k: { "0": { "0": "items-1", "1": "one" }, "1": { "0": "items-2", "1": "two" }, kc: 2 },
      stream: ["0", [["items-1", -1, null, false], ["items-2", -1, null, false]], []],
    },
  };

  it("inserts, prepends and deletes items as the stream instructions say (spec §3.4.6)", () => {
    const server = joined(join, '<ul id="items" phx-update="stream"><li id="items-9">from the dead render</li></ul>');
    const list = mainContainer().querySelector("#items")!;
    expect(list.innerHTML).toBe('<li id="items-1" data-phx-stream="0">one</li><li id="items-2" data-phx-stream="0">two</li>');
    const two = list.querySelector("#items-2");
    server.push("lv:phx-F1", "diff", {
      "0": { k: { "0": { "0": "items-3", "1": "three" }, kc: 1 }, stream: ["0", [["items-3", 0, null, false]], ["items-1"]] },
    });
    expect(list.innerHTML).toBe('<li id="items-3" data-phx-stream="0">three</li><li id="items-2" data-phx-stream="0">two</li>');
    expect(list.querySelector("#items-2")).toBe(two);
  });

  it("applies a limit and an update_only insert", () => {
    const server = joined(join);
    const list = mainContainer().querySelector("#items")!;
    server.push("lv:phx-F1", "diff", {
      "0": {
        k: { "0": { "0": "items-3", "1": "three" }, "1": { "0": "items-4", "1": "four" }, "2": { "0": "items-2", "1": "TWO" }, kc: 3 },
        stream: ["0", [["items-3", -1, -2, false], ["items-4", -1, null, true], ["items-2", -1, null, true]], []],
      },
    });
    expect(Array.from(list.children).map((item) => `${item.id}:${item.textContent}`)).toEqual(["items-2:TWO", "items-3:three"]);
  });

  it("a reset removes the old items and keeps re-inserted ones as the same elements", () => {
    const server = joined(join);
    const list = mainContainer().querySelector("#items")!;
    const two = list.querySelector("#items-2");
    server.push("lv:phx-F1", "diff", {
      "0": { k: { "0": { "0": "items-2", "1": "two again" }, kc: 1 }, stream: ["0", [["items-2", -1, null, false]], [], true] },
    });
    expect(list.innerHTML).toBe('<li id="items-2" data-phx-stream="0">two again</li>');
    expect(list.querySelector("#items-2")).toBe(two);
  });
});

describe("hostile or broken diffs", () => {
  it("reports a diff that does not fit the tree and rejoins; the page keeps working", async () => {
    const diagnostics = collectDiagnostics();
    const server = joined({ s: ["<p>", "</p>"], "0": "ok" });
    // Slot 0 holds a string; a nested update without statics cannot merge into it.
    server.push("lv:phx-F1", "diff", { "0": { "0": "x" } });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toContain("view.malformed-diff");
    expect(diagnostics.at(-1)!.viewId).toBe("phx-F1");
    const joins = server.framesWith("phx_join", "lv:phx-F1");
    expect(joins).toHaveLength(2);
    expect(joins[1]![4].params).toMatchObject({ _mounts: 1 });
    expect(server.framesWith("phx_leave", "lv:phx-F1")).toHaveLength(1);
    server.joinOk("lv:phx-F1", { s: ["<p>", "</p>"], "0": "fresh" });
    expect(mainContainer().textContent).toBe("fresh");
    server.push("lv:phx-F1", "diff", { "0": "still live" });
    expect(mainContainer().textContent).toBe("still live");
  });

  it("reports a component reference that does not exist, a navigation without a URL, and an unknown event", () => {
    const diagnostics = collectDiagnostics();
    const server = joined({ s: ["<p>", "</p>"], "0": "ok" });
    server.push("lv:phx-F1", "diff", { "0": 7 });
    server.joinOk("lv:phx-F1", { s: ["<p>", "</p>"], "0": "ok" });
    server.push("lv:phx-F1", "live_patch", { kind: "push" });
    server.push("lv:phx-F1", "surprise", { a: 1 });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["view.malformed-diff", "view.malformed-diff", "view.unknown-event"]);
    expect(mainContainer().textContent).toBe("ok");
    expect(window.location.pathname).toBe("/page");
  });

  it("reports a malformed frame", () => {
    const diagnostics = collectDiagnostics();
    const server = joined({ s: ["<p>", "</p>"], "0": "ok" });
    server.transport.serverSend("[this is not json");
    server.transport.serverSend(JSON.stringify([null, null, "lv:phx-F1", "diff", "a diff must be an object"]));
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["socket.malformed-frame", "socket.malformed-frame"]);
    expect(mainContainer().textContent).toBe("ok");
  });

  it("gives up after repeated bad renders and shows the error state instead of looping", () => {
    const diagnostics = collectDiagnostics();
    const server = FakeLiveServer.start(deadRender("dead"));
    for (let attempt = 0; attempt < 6; attempt++) server.joinOk("lv:phx-F1", { "0": "no statics" });
    expect(server.framesWith("phx_join", "lv:phx-F1")).toHaveLength(4);
    expect(mainContainer().textContent).toBe("dead");
    expect(mainContainer().classList.contains("phx-error")).toBe(true);
    expect(diagnostics.every((diagnostic) => diagnostic.code === "view.malformed-join-reply")).toBe(true);
  });
});
