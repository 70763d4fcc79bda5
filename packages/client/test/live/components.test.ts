import { describe, expect, it, vi } from "vitest";
import { FakeLiveServer, collectDiagnostics, deadRender, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/page");

describe("live component lifecycle (spec §3.13)", () => {
  it("announces removed components with cids_will_destroy, then cids_destroyed, and prunes what the server confirms", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", {
      s: ["<main>", "", "</main>"],
      "0": 1,
      "1": 2,
      c: { "1": { s: ['<div id="one">1</div>'], r: 1 }, "2": { s: ['<div id="two">2</div>'], r: 1 } },
    });
    server.push("lv:phx-F1", "diff", { "1": "" });
    expect(document.getElementById("two")).toBeNull();
    const willDestroy = server.lastFrame("cids_will_destroy");
    expect(willDestroy[4]).toEqual({ cids: [2] });
    server.reply(willDestroy, "ok", {});
    await settle();
    const destroyed = server.lastFrame("cids_destroyed");
    expect(destroyed[4]).toEqual({ cids: [2] });
    server.reply(destroyed, "ok", { cids: [2] });
    await settle();
    // Component 2 is gone from the client's tree: referring to it without resending it is an error.
    const diagnostics = collectDiagnostics();
    server.push("lv:phx-F1", "diff", { "1": 2 });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["view.malformed-diff"]);
    vi.restoreAllMocks();
  });

  it("does not destroy a component the server rendered again before the announcement was answered", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ["", ""], "0": 1, c: { "1": { s: ['<div id="one">', "</div>"], "0": "1", r: 1 } } });
    server.push("lv:phx-F1", "diff", { "0": "" });
    const willDestroy = server.lastFrame("cids_will_destroy");
    server.push("lv:phx-F1", "diff", { "0": 1, c: { "1": { s: ['<div id="one">', "</div>"], "0": "again", r: 1 } } });
    server.reply(willDestroy, "ok", {});
    await settle();
    expect(server.framesWith("cids_destroyed")).toHaveLength(0);
    expect(document.getElementById("one")!.textContent).toBe("again");
  });
});
