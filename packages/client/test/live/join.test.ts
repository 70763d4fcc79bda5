import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeLiveServer, deadRender, settle, setupLivePage } from "../support/live-harness.js";

setupLivePage("/counter");
afterEach(() => {
  localStorage.clear();
});

const counter = { s: ["<h1>Count: ", "</h1>\n<button id=\"inc\" phx-click=\"inc\" phx-value-by=\"1\">+</button>"], "0": "0" };

describe("joining the page's LiveViews", () => {
  it("joins lv:<id> with the payload of spec §3.3.2", () => {
    const server = FakeLiveServer.start(deadRender("<h1>Count: 0</h1>"));
    const join = server.lastFrame("phx_join");
    expect(join[0]).toBe(join[1]);
    expect(join[2]).toBe("lv:phx-F1");
    expect(join[4]).toEqual({
      url: `${window.location.origin}/counter`,
      params: { _csrf_token: "CSRF", _mounts: 0, _mount_attempts: 0 },
      session: "SESSION",
      static: "STATIC",
      sticky: false,
    });
    expect(Object.keys(join[4])).toEqual(["url", "params", "session", "static", "sticky"]);
  });

  it("sends static: null for an empty data-phx-static and tracks phx-track-static assets", () => {
    document.head.innerHTML = '<a phx-track-static href="/assets/app.css"></a>';
    const server = FakeLiveServer.start('<div id="phx-A" data-phx-session="S" data-phx-static=""></div>');
    const payload = server.lastFrame("phx_join")[4];
    expect(payload.static).toBeNull();
    expect(payload.params).toMatchObject({ _track_static: [`${window.location.origin}/assets/app.css`] });
    document.head.innerHTML = "";
  });

  it("renders the join reply into the container and marks it connected", async () => {
    const server = FakeLiveServer.start(deadRender("<h1>Count: 0</h1>"));
    server.joinOk("lv:phx-F1", counter);
    vi.advanceTimersByTime(5);
    await settle();
    const container = document.getElementById("phx-F1")!;
    expect(container.querySelector("#inc")?.textContent).toBe("+");
    expect(container.className).toBe("phx-connected");
    expect(container.getAttribute("data-phx-root-id")).toBe("phx-F1");
  });

  it("shows phx-loading while the join is pending", () => {
    FakeLiveServer.start(deadRender(""));
    vi.advanceTimersByTime(2);
    expect(document.getElementById("phx-F1")!.className).toBe("phx-loading");
  });

  it("joins every root view, but not nested views, which join once their parent is joined", () => {
    const server = FakeLiveServer.start(
      `${deadRender('<div id="child" data-phx-session="CS" data-phx-static="" data-phx-parent-id="phx-F1">dead child</div>')}` +
        '<div id="other" data-phx-session="OS" data-phx-static=""></div>',
    );
    expect(server.framesWith("phx_join").map((frame) => frame[2])).toEqual(["lv:phx-F1", "lv:other"]);
    server.joinOk("lv:phx-F1", { s: ["<p>parent</p>", ""], "0": '<div id="child" data-phx-session="CS" data-phx-static="" data-phx-parent-id="phx-F1"></div>' });
    const childJoin = server.lastFrame("phx_join", "lv:child");
    expect(childJoin[4]).toEqual({ params: { _csrf_token: "CSRF", _mounts: 0, _mount_attempts: 0 }, session: "CS", static: null, sticky: false });
    // The parent's patch left the nested view's content alone: it belongs to the child.
    expect(document.getElementById("child")!.textContent).toBe("dead child");
    server.joinOk("lv:child", { s: ["<span>live child</span>"] });
    expect(document.getElementById("child")!.innerHTML).toBe("<span>live child</span>");
  });

  it("applies the title, dispatches pushed events after the patch, and takes a live_patch from the join", () => {
    document.head.innerHTML = '<title data-suffix=" · App">Old · App</title>';
    const server = FakeLiveServer.start(deadRender(""));
    const seen: string[] = [];
    window.addEventListener("phx:greet", (event) => seen.push(`${(event as CustomEvent).detail.name}:${document.getElementById("phx-F1")!.textContent}`), { once: true });
    server.joinOk("lv:phx-F1", { s: ["<p>x</p>"], t: "New", e: [["greet", { name: "ada" }]] }, { live_patch: { to: "/counter?page=2", kind: "replace" } });
    expect(document.title).toBe("New · App");
    expect(seen).toEqual(["ada:x"]);
    expect(window.location.pathname + window.location.search).toBe("/counter?page=2");
    document.head.innerHTML = "";
  });

  it("answers a stale or unauthorized join with a full page load of the current URL", () => {
    for (const reason of ["stale", "unauthorized"]) {
      const navigations: string[] = [];
      const hrefSetter = vi.spyOn(window.location, "href", "set").mockImplementation((href) => navigations.push(href));
      const server = FakeLiveServer.start(deadRender(""));
      server.reply(server.lastFrame("phx_join"), "error", { reason });
      expect(navigations).toEqual([`${window.location.origin}/counter`]);
      hrefSetter.mockRestore();
    }
  });

  it("a mount that failed with a 4xx sets the reload status cookie before reloading", () => {
    const hrefSetter = vi.spyOn(window.location, "href", "set").mockImplementation(() => undefined);
    const server = FakeLiveServer.start(deadRender(""));
    server.reply(server.lastFrame("phx_join"), "error", { reason: "reload", status: 404, token: "RELOADTOKEN" });
    expect(document.cookie).toContain("__phoenix_reload_status__=RELOADTOKEN");
    expect(hrefSetter).toHaveBeenCalledOnce();
    hrefSetter.mockRestore();
  });

  it("composes the title with data-prefix and falls back to data-default for an empty title", () => {
    document.head.innerHTML = '<title data-prefix="Shop · " data-default="Home">Shop · Old</title>';
    const server = FakeLiveServer.start(deadRender(""));
    server.joinOk("lv:phx-F1", { s: ["x"], t: "Cart" });
    expect(document.title).toBe("Shop · Cart");
    server.push("lv:phx-F1", "diff", { t: "" });
    expect(document.title).toBe("Shop · Home");
    document.head.innerHTML = "";
  });
});
