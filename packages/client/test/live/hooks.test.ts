import { describe, expect, it, vi } from "vitest";
import { ViewHook, type Hook } from "@cinder/client";
import { FakeLiveServer, collectDiagnostics, deadRender, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/page");

/** A hook that records its lifecycle calls as "<id>:<callback>". */
function recorder(calls: string[]): Hook {
  const record = (name: string) =>
    function (this: ViewHook) {
      calls.push(`${this.el.id}:${name}`);
    };
  return {
    mounted: record("mounted"),
    beforeUpdate: record("beforeUpdate"),
    updated: record("updated"),
    destroyed: record("destroyed"),
    disconnected: record("disconnected"),
    reconnected: record("reconnected"),
  };
}

const rendered = (inner: string) => ({ s: ['<div id="chart" phx-hook="Chart">', "</div>", ""], "0": inner, "1": "" });

describe("hook lifecycle (spec §3.14)", () => {
  it("mounts, updates around a patch that changes the element, and is destroyed when it leaves", () => {
    const calls: string[] = [];
    const server = FakeLiveServer.start(deadRender(""), { hooks: { Chart: recorder(calls) } });
    server.joinOk("lv:phx-F1", rendered("1"));
    expect(calls).toEqual(["chart:mounted"]);
    server.push("lv:phx-F1", "diff", { "1": "<p>unrelated</p>" });
    expect(calls).toEqual(["chart:mounted"]);
    server.push("lv:phx-F1", "diff", { "0": "2" });
    expect(calls).toEqual(["chart:mounted", "chart:beforeUpdate", "chart:updated"]);
    server.push("lv:phx-F1", "diff", { s: ["<p>gone</p>"] });
    expect(calls.at(-1)).toBe("chart:destroyed");
  });

  it("mounts a hook on an element a patch adds, with the hook's element as `this.el`", () => {
    const elements: Element[] = [];
    const server = FakeLiveServer.start(deadRender(""), { hooks: { Late: { mounted(this: ViewHook) { elements.push(this.el); } } } });
    server.joinOk("lv:phx-F1", { s: ["", ""], "0": "" });
    server.push("lv:phx-F1", "diff", { "0": '<span id="late" phx-hook="Late"></span>' });
    expect(elements).toEqual([document.getElementById("late")]);
  });

  it("supports class hooks extending ViewHook", () => {
    const widths: number[] = [];
    class Canvas extends ViewHook<HTMLCanvasElement> {
      override mounted(): void {
        widths.push(this.el.width);
      }
    }
    const server = FakeLiveServer.start(deadRender(""), { hooks: { Canvas } });
    server.joinOk("lv:phx-F1", { s: ['<canvas id="c" width="42" phx-hook="Canvas"></canvas>'] });
    expect(widths).toEqual([42]);
  });

  it("tells hooks disconnected when the connection drops and reconnected after the rejoin", async () => {
    const calls: string[] = [];
    const server = FakeLiveServer.start(deadRender(""), { hooks: { Chart: recorder(calls) } });
    server.joinOk("lv:phx-F1", rendered("1"));
    server.transport.serverClose(1006);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toEqual(["chart:mounted", "chart:disconnected"]);
    server.transport.serverOpen();
    server.joinOk("lv:phx-F1", rendered("1"));
    expect(calls).toEqual(["chart:mounted", "chart:disconnected", "chart:reconnected"]);
  });

  it("reports unknown hooks and hooks without an id, and survives a throwing callback", () => {
    const diagnostics = collectDiagnostics();
    const server = FakeLiveServer.start(deadRender(""), {
      hooks: { Broken: { mounted() { throw new Error("boom"); } }, NoId: {} },
    });
    server.joinOk("lv:phx-F1", { s: ['<p id="a" phx-hook="Missing"></p><p phx-hook="NoId"></p><p id="b" phx-hook="Broken"></p><p id="t">ok</p>'] });
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["hook.unknown", "hook.missing-id", "hook.callback-threw"]);
    expect(diagnostics[2]!.message).toContain("boom");
    expect(document.getElementById("phx-F1")!.className).toBe("phx-connected");
  });
});

describe("hook events", () => {
  it("pushEvent sends a hook event and resolves with the reply's r", async () => {
    let hook: ViewHook | undefined;
    const server = FakeLiveServer.start(deadRender(""), { hooks: { H: { mounted(this: ViewHook) { hook = this; } } } });
    server.joinOk("lv:phx-F1", { s: ['<div id="h" phx-hook="H"></div>'] });
    const reply = hook!.pushEvent("ping", { n: 1 });
    const frame = server.lastEvent();
    expect(frame[4]).toEqual({ type: "hook", event: "ping", value: { n: 1 } });
    expect(document.getElementById("h")!.classList.contains("phx-hook-loading")).toBe(true);
    server.reply(frame, "ok", { diff: { r: { pong: true } } });
    await settle();
    await expect(reply).resolves.toEqual({ pong: true });
    expect(document.getElementById("h")!.classList.contains("phx-hook-loading")).toBe(false);
  });

  it("pushEvent with a callback gets the reply and the ref; null without r", async () => {
    let hook: ViewHook | undefined;
    const server = FakeLiveServer.start(deadRender(""), { hooks: { H: { mounted(this: ViewHook) { hook = this; } } } });
    server.joinOk("lv:phx-F1", { s: ['<div id="h" phx-hook="H"></div>'] });
    const replies: Array<[unknown, number]> = [];
    hook!.pushEvent("a", {}, (reply, ref) => replies.push([reply, ref]));
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    expect(replies).toEqual([[null, 0]]);
  });

  it("pushEventTo a component sends its cid, inside the hook's element or elsewhere", async () => {
    let hook: ViewHook | undefined;
    const server = FakeLiveServer.start(deadRender(""), { hooks: { H: { mounted(this: ViewHook) { hook = this; } } } });
    server.joinOk("lv:phx-F1", {
      s: ['<div id="h" phx-hook="H"></div>', ""],
      "0": 3,
      c: { "3": { s: ['<section id="widget">w</section>'], r: 1 } },
    });
    const results = hook!.pushEventTo("#widget", "refresh", { all: true });
    expect(server.lastEvent()[4]).toEqual({ type: "hook", event: "refresh", value: { all: true }, cid: 3 });
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    await expect(results).resolves.toEqual([{ status: "fulfilled", value: { reply: null, ref: 0 } }]);
    void hook!.pushEventTo(3, "direct");
    expect(server.lastEvent()[4]).toMatchObject({ event: "direct", cid: 3 });
  });

  it("pushEvent rejects when the view is not connected", async () => {
    let hook: ViewHook | undefined;
    const server = FakeLiveServer.start(deadRender(""), { hooks: { H: { mounted(this: ViewHook) { hook = this; } } } });
    server.joinOk("lv:phx-F1", { s: ['<div id="h" phx-hook="H"></div>'] });
    server.transport.serverClose(1006);
    await expect(hook!.pushEvent("late")).rejects.toThrow(/not connected/);
  });

  it("handleEvent receives server push_events until the hook is destroyed", () => {
    const payloads: unknown[] = [];
    const server = FakeLiveServer.start(deadRender(""), {
      hooks: { H: { mounted(this: ViewHook) { this.handleEvent("points", (payload) => payloads.push(payload)); } } },
    });
    server.joinOk("lv:phx-F1", { s: ["", ""], "0": '<div id="h" phx-hook="H"></div>' });
    server.push("lv:phx-F1", "diff", { e: [["points", { xs: [1, 2] }]] });
    expect(payloads).toEqual([{ xs: [1, 2] }]);
    server.push("lv:phx-F1", "diff", { "0": "" });
    server.push("lv:phx-F1", "diff", { e: [["points", { xs: [3] }]] });
    expect(payloads).toEqual([{ xs: [1, 2] }]);
  });
});
