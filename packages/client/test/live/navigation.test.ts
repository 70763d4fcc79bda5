import { beforeEach, describe, expect, it, vi } from "vitest";
import { FakeLiveServer, deadRender, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/start");
beforeEach(() => {
  sessionStorage.clear();
});

const links =
  '<a id="patch" href="/start?x=1" data-phx-link="patch" data-phx-link-state="push">patch</a>' +
  '<a id="other" href="/other" data-phx-link="redirect" data-phx-link-state="push">other</a>';

function started(): FakeLiveServer {
  const server = FakeLiveServer.start(deadRender(""));
  server.joinOk("lv:phx-F1", { s: [links, ""], "0": "start" });
  return server;
}

function click(element: Element): void {
  element.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: 1 }));
}

function navigations(): string[] {
  const seen: string[] = [];
  window.addEventListener("phx:navigate", (event) => {
    const { href, patch, pop, direction } = (event as CustomEvent).detail;
    seen.push(`${new URL(href).pathname}${new URL(href).search} patch=${patch} pop=${pop} ${direction}`);
  });
  return seen;
}

describe("live_patch (spec §3.10.1)", () => {
  it("a patch link sends live_patch with the absolute URL, then pushes a history entry", async () => {
    const seen = navigations();
    const server = started();
    click(document.getElementById("patch")!);
    const patch = server.lastFrame("live_patch");
    expect(patch[4]).toEqual({ url: `${window.location.origin}/start?x=1` });
    expect(window.location.search).toBe("");
    server.reply(patch, "ok", { diff: { "0": "page x=1" } });
    await settle();
    expect(window.location.pathname + window.location.search).toBe("/start?x=1");
    expect(history.state).toMatchObject({ type: "patch", id: "phx-F1", position: 1 });
    expect(document.getElementById("phx-F1")!.textContent).toContain("page x=1");
    expect(seen).toEqual(["/start?x=1 patch=true pop=false forward"]);
  });

  it("a server live_patch push changes the URL without a round trip", () => {
    const server = started();
    server.push("lv:phx-F1", "live_patch", { to: "/start?x=2", kind: "replace" });
    expect(window.location.search).toBe("?x=2");
    expect(server.framesWith("live_patch")).toHaveLength(0);
  });

  it("back to a patch entry sends live_patch for that URL", async () => {
    const server = started();
    click(document.getElementById("patch")!);
    server.reply(server.lastFrame("live_patch"), "ok", {});
    await settle();
    history.back();
    await vi.advanceTimersByTimeAsync(10);
    window.dispatchEvent(new PopStateEvent("popstate", { state: history.state }));
    expect(server.lastFrame("live_patch")[4]).toEqual({ url: `${window.location.origin}/start` });
  });

  it("phx:before-navigate can cancel a live link", () => {
    const server = started();
    const cancel = (event: Event) => event.preventDefault();
    window.addEventListener("phx:before-navigate", cancel);
    click(document.getElementById("patch")!);
    window.removeEventListener("phx:before-navigate", cancel);
    expect(server.framesWith("live_patch")).toHaveLength(0);
  });
});

describe("live_redirect (spec §3.10.2)", () => {
  it("leaves the old view and joins the same topic with redirect and _live_referer", async () => {
    const seen = navigations();
    const server = started();
    const oldContainer = document.getElementById("phx-F1");
    click(document.getElementById("other")!);
    expect(server.lastFrame("phx_leave", "lv:phx-F1")).toBeDefined();
    const join = server.lastFrame("phx_join", "lv:phx-F1");
    expect(join[4]).toEqual({
      redirect: `${window.location.origin}/other`,
      params: { _csrf_token: "CSRF", _mounts: 0, _mount_attempts: 0, _live_referer: `${window.location.origin}/start` },
      session: "SESSION",
      static: "STATIC",
      sticky: false,
    });
    server.joinOk("lv:phx-F1", { s: ["<h1>Other page</h1>"] });
    await settle();
    const container = document.getElementById("phx-F1")!;
    expect(container).not.toBe(oldContainer);
    expect(container.innerHTML).toBe("<h1>Other page</h1>");
    expect(window.location.pathname).toBe("/other");
    expect(history.state).toMatchObject({ type: "redirect", id: "phx-F1" });
    expect(seen).toEqual(["/other patch=false pop=false forward"]);
  });

  it("a server live_redirect push navigates live with the flash in the join", () => {
    const server = started();
    server.push("lv:phx-F1", "live_redirect", { to: "/other", kind: "push", flash: "FLASH" });
    expect(server.lastFrame("phx_join")[4]).toMatchObject({ redirect: `${window.location.origin}/other`, flash: "FLASH" });
  });

  it("a patch whose URL belongs to another LiveView (link_redirect) becomes a live redirect", async () => {
    const server = started();
    click(document.getElementById("patch")!);
    server.reply(server.lastFrame("live_patch"), "ok", { link_redirect: true });
    await settle();
    expect(server.lastFrame("phx_join")[4]).toMatchObject({ redirect: `${window.location.origin}/start?x=1` });
  });
});

describe("redirect (spec §3.10.3)", () => {
  it("a redirect reply leaves the page, with the flash in a cookie", async () => {
    const navigations: string[] = [];
    vi.spyOn(window.location, "href", "set").mockImplementation((href) => navigations.push(href));
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ['<button id="b" phx-click="go">go</button>'] });
    document.getElementById("b")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    server.reply(server.lastEvent(), "ok", { redirect: { to: "/elsewhere", flash: "F1" } });
    await settle();
    expect(navigations).toEqual(["/elsewhere"]);
    expect(document.cookie).toContain("__phoenix_flash__=F1");
    expect(server.liveSocket.isConnected()).toBe(false);
  });
});

describe("live links inside phx-click elements", () => {
  it("a live link's click navigates and does not reach an ancestor's phx-click", () => {
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ['<div id="row" phx-click="select"><a id="l" href="/start?x=9" data-phx-link="patch" data-phx-link-state="push">go</a></div>'] });
    click(document.getElementById("l")!);
    expect(server.framesWith("event")).toHaveLength(0);
    expect(server.lastFrame("live_patch")[4]).toEqual({ url: `${window.location.origin}/start?x=9` });
  });
});
