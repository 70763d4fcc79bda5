import { describe, expect, it, vi } from "vitest";
import { FakeLiveServer, deadRender, mainContainer, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/form");

const formRender = {
  s: [
    '<h1>', '</h1><form id="user-form" phx-change="validate" phx-submit="save">' +
      '<input id="name" name="user[name]" value="">' +
      '<input id="agree" type="checkbox" name="agree" value="yes">' +
      "</form>" +
      '<form id="ignored" phx-change="other" phx-auto-recover="ignore"><input name="x" value="1"></form>' +
      '<form phx-change="no-id"><input name="y" value="2"></form>',
  ],
  "0": "Sign up",
};

async function dropConnection(server: FakeLiveServer): Promise<void> {
  server.transport.serverClose(1006);
  await vi.advanceTimersByTimeAsync(20);
}

describe("a dropped connection", () => {
  it("keeps the DOM, shows the client error classes, and rejoins with _mounts 1 after reconnecting", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ["<p>", "</p>"], "0": "hello" });
    await dropConnection(server);
    expect(mainContainer().className).toBe("phx-loading phx-error phx-client-error");
    expect(mainContainer().textContent).toBe("hello");
    server.transport.serverOpen();
    const rejoin = server.lastFrame("phx_join");
    expect(rejoin[4].params).toEqual({ _csrf_token: "CSRF", _mounts: 1, _mount_attempts: 0 });
    server.joinOk("lv:phx-F1", { s: ["<p>", "</p>"], "0": "after restart" });
    expect(mainContainer().textContent).toBe("after restart");
    expect(mainContainer().className).toBe("phx-connected");
  });

  it("recovers every form with an id and phx-change before applying the new render (spec §3.12)", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", formRender);
    const name = document.getElementById("name") as HTMLInputElement;
    name.value = "half typed";
    name.dispatchEvent(new Event("input", { bubbles: true }));
    server.reply(server.lastEvent(), "ok", {});
    const agree = document.getElementById("agree") as HTMLInputElement;
    agree.checked = true;
    agree.dispatchEvent(new Event("input", { bubbles: true }));
    server.reply(server.lastEvent(), "ok", {});
    await settle();
    const eventsBefore = server.framesWith("event").length;

    await dropConnection(server);
    server.transport.serverOpen();
    server.joinOk("lv:phx-F1", { ...formRender, "0": "Sign up (remounted)" });
    const recoveries = server.framesWith("event").slice(eventsBefore);
    expect(recoveries.map((frame) => frame[4])).toEqual([
      { type: "form", event: "validate", value: "user%5Bname%5D=half+typed&agree=yes", meta: { _target: "user[name]" }, uploads: {} },
    ]);
    expect(recoveries[0]![0]).toBe(server.lastFrame("phx_join")[0]);
    // The new render waits for the recovery reply, so the user never sees the form emptied.
    expect(mainContainer().querySelector("h1")!.textContent).toBe("Sign up");
    expect(name.value).toBe("half typed");
    server.reply(recoveries[0]!, "ok", { diff: { "0": "Sign up (validated)" } });
    await settle();
    expect(mainContainer().querySelector("h1")!.textContent).toBe("Sign up (validated)");
    expect(mainContainer().className).toBe("phx-connected");
  });

  it("uses phx-auto-recover as the recovery event name", async () => {
    const render = { s: ['<form id="f" phx-change="validate" phx-auto-recover="recover"><input name="q" value=""></form>'] };
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", render);
    await dropConnection(server);
    server.transport.serverOpen();
    server.joinOk("lv:phx-F1", render);
    expect(server.lastEvent()[4]).toMatchObject({ event: "recover", value: "_unused_q=&q=" });
  });

  it("does not recover forms on the first join", () => {
    document.body.innerHTML = "";
    const server = FakeLiveServer.start(deadRender(formRender.s[0]!.replace("<h1>", "<h1>dead")));
    server.joinOk("lv:phx-F1", formRender);
    expect(server.framesWith("event")).toHaveLength(0);
  });
});

describe("a crashed view (phx_error)", () => {
  it("shows the server error classes, runs phx-disconnected after 500 ms, and rejoins on its own", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ['<p id="status" phx-disconnected="[[&quot;add_class&quot;,{&quot;names&quot;:[&quot;offline&quot;]}]]">', "</p>"], "0": "v1" });
    const join = server.lastFrame("phx_join");
    server.transport.serverSend(JSON.stringify([join[0], join[0], "lv:phx-F1", "phx_error", {}]));
    expect(mainContainer().className).toBe("phx-loading phx-error phx-server-error");
    await vi.advanceTimersByTimeAsync(500);
    expect(document.getElementById("status")!.classList.contains("offline")).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    const rejoin = server.lastFrame("phx_join");
    expect(rejoin[1]).not.toBe(join[1]);
    expect(rejoin[4].params).toMatchObject({ _mounts: 1 });
    server.joinOk("lv:phx-F1", { s: ['<p id="status">', "</p>"], "0": "v2" });
    expect(mainContainer().className).toBe("phx-connected");
    expect(document.getElementById("status")!.textContent).toBe("v2");
  });

  it("fires page-loading events around the initial join and on error", () => {
    const events: string[] = [];
    const listener = (event: Event) => events.push(`${event.type}:${(event as CustomEvent).detail.kind}`);
    window.addEventListener("phx:page-loading-start", listener);
    window.addEventListener("phx:page-loading-stop", listener);
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ["x"] });
    const join = server.lastFrame("phx_join");
    server.transport.serverSend(JSON.stringify([join[0], join[0], "lv:phx-F1", "phx_error", {}]));
    window.removeEventListener("phx:page-loading-start", listener);
    window.removeEventListener("phx:page-loading-stop", listener);
    expect(events).toEqual(["phx:page-loading-start:initial", "phx:page-loading-stop:initial", "phx:page-loading-start:error"]);
  });
});

describe("reload with jitter", () => {
  it("a failed mount of the main view reloads after 5–10 s and counts the attempt per path", async () => {
    const reload = vi.fn();
    vi.spyOn(window.location, "reload").mockImplementation(reload);
    const server = FakeLiveServer.start(deadRender(""));
    server.reply(server.lastFrame("phx_join"), "error", { reason: "join crashed" });
    expect(mainContainer().className).toBe("phx-loading phx-error phx-server-error");
    expect(localStorage.getItem("/form-consecutive-reloads")).toBe("0");
    await vi.advanceTimersByTimeAsync(4_999);
    expect(reload).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_001);
    expect(reload).toHaveBeenCalledOnce();
    localStorage.clear();
  });

  it("an event without a reply for 30 s reloads the page", async () => {
    const reload = vi.fn();
    vi.spyOn(window.location, "reload").mockImplementation(reload);
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ['<button id="b" phx-click="slow">b</button>'] });
    document.getElementById("b")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reload).toHaveBeenCalledOnce();
    localStorage.clear();
  });
});

describe("nested views across a reconnect", () => {
  const parent = (child: string) => ({
    s: ["<h1>parent</h1>", ""],
    "0": `<div id="child" data-phx-session="CS" data-phx-static="" data-phx-parent-id="phx-F1">${child}</div>`,
  });
  const childRender = { s: ['<form id="cf" phx-change="v"><input id="ci" name="c" value=""></form>'] };

  it("re-creates the nested view after the parent rejoined, keeps its DOM meanwhile, and recovers its form", async () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", parent(""));
    server.joinOk("lv:child", childRender);
    const input = document.getElementById("ci") as HTMLInputElement;
    input.value = "child text";
    await dropConnection(server);
    server.transport.serverOpen();
    server.joinOk("lv:phx-F1", parent(""));
    expect(document.getElementById("ci")).toBe(input);
    const childJoin = server.lastFrame("phx_join", "lv:child");
    expect(childJoin[4]).toMatchObject({ session: "CS", params: { _mounts: 1 } });
    server.joinOk("lv:child", childRender);
    expect(server.lastEvent("lv:child")[4]).toEqual({
      type: "form",
      event: "v",
      value: "_unused_c=&c=child+text",
      meta: { _target: "c" },
      uploads: {},
    });
  });
});
