import { describe, expect, it } from "vitest";
import { renderedToHtml } from "@cinder/protocol";
import { defineLiveView, html, type OnMountHook } from "@cinder/server";
import { click, startLiveServer, type LiveServer } from "../support/live-server.js";

interface PagerAssigns {
  page: string;
  calls: number;
}
interface PagerEvents {
  next: Record<string, never>;
  replaceTo: { page: string };
  elsewhere: Record<string, never>;
  leave: { to: string };
  bye: Record<string, never>;
  notifyThenLeave: Record<string, never>;
  escape: Record<string, never>;
}

const PagerLive = defineLiveView<PagerAssigns, PagerEvents, { patchTo?: string; navigateTo?: string }>({
  name: "PagerLive",
  mount(params, _session, socket) {
    socket.assign({ page: "?", calls: 0 });
    if (params.start === "normalise") socket.pushPatch("/pager?page=1", { replace: true });
  },
  handleParams(params, _url, socket) {
    socket.assign({ page: String(params.page ?? "1"), calls: socket.assigns.calls + 1 });
  },
  handleEvent: {
    next(_value, socket) {
      socket.pushPatch(`/pager?page=${Number(socket.assigns.page) + 1}`);
    },
    replaceTo(value, socket) {
      socket.pushPatch(`/pager?page=${value.page}`, { replace: true });
    },
    elsewhere(_value, socket) {
      socket.pushPatch("/other");
    },
    leave(value, socket) {
      socket.putFlash("info", "Moved on");
      socket.pushNavigate(value.to);
    },
    bye(_value, socket) {
      socket.putFlash("info", "See you");
      socket.redirect("/flash");
    },
    notifyThenLeave(_value, socket) {
      socket.pushEvent("saving", {});
      socket.pushNavigate("/other", { replace: true });
    },
    escape(_value, socket) {
      socket.pushNavigate("//evil.example/phish");
    },
  },
  handleInfo(message, socket) {
    if (message.patchTo !== undefined) socket.pushPatch(message.patchTo);
    if (message.navigateTo !== undefined) socket.pushNavigate(message.navigateTo);
  },
  render: (assigns) => html`<p>page ${assigns.page} (${assigns.calls})</p>`,
});

const OtherLive = defineLiveView<{ n: number }>({
  render: (assigns) => html`<p>other ${assigns.flash.info}</p>`,
});

const FlashLive = defineLiveView<{ n: number }>({
  render: (assigns) => html`<p>flash ${assigns.flash.info}</p>`,
});

/** Users that may still use the "users" live session (a test revokes them mid-session). */
const allowedUsers = new Set<string>();
const requireUser: OnMountHook = (_params, session, socket) => {
  if (typeof session.userId !== "string" || !allowedUsers.has(session.userId)) {
    socket.putFlash("error", "Please sign in");
    socket.redirect("/login");
  } else {
    socket.assign({ userId: session.userId });
  }
};
const SettingsLive = defineLiveView<{ userId: string }>({ render: (assigns) => html`<p>settings of ${assigns.userId}</p>` });
const ProfileLive = defineLiveView<{ userId: string }>({ render: (assigns) => html`<p>profile of ${assigns.userId}</p>` });

function navigationServer(): Promise<LiveServer> {
  return startLiveServer({
    liveSessions: {
      public: { routes: { "/pager": PagerLive, "/other": OtherLive, "/flash": FlashLive } },
      users: { onMount: [requireUser], routes: { "/settings": SettingsLive, "/profile": ProfileLive } },
    },
    session: () => ({ userId: "ada" }),
  });
}

function joinPager(server: LiveServer, path = "/pager") {
  return server.open(path);
}

describe("live_patch from the client (spec §3.10.1)", () => {
  it("runs handleParams on the same view and replies with the diff", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    expect(renderedToHtml(joined.response.rendered)).toBe("<p>page 1 (1)</p>");
    const ref = client.push(joined.joinRef, joined.topic, "live_patch", { url: `${server.origin}/pager?page=2` });
    expect((await client.replyTo(ref)).payload).toEqual({ status: "ok", response: { diff: { "0": "2", "1": "2" } } });
  });

  it("answers link_redirect for a URL of another view, or of no view", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    for (const url of [`${server.origin}/other`, `${server.origin}/settings`, `${server.origin}/nowhere`]) {
      const ref = client.push(joined.joinRef, joined.topic, "live_patch", { url });
      expect((await client.replyTo(ref)).payload).toEqual({ status: "ok", response: { link_redirect: true } });
    }
  });
});

describe("pushPatch from the server", () => {
  it("pushes live_patch before the reply, whose diff comes from handleParams (Phoenix order)", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    const reply = await click(client, joined, "next");
    const patch = await client.waitForText((frame) => frame.event === "live_patch", "live_patch push");
    expect(patch.raw).toBe(`["${joined.joinRef}",null,"${joined.topic}","live_patch",{"to":"/pager?page=2","kind":"push"}]`);
    expect(client.indexOf(patch)).toBeLessThan(client.indexOf(reply));
    expect(reply.payload.response).toEqual({ diff: { "0": "2", "1": "2" } });
    await click(client, joined, "replaceTo", { page: "9" });
    expect(client.textFrames().filter((frame) => frame.event === "live_patch").map((frame) => frame.payload)).toEqual([
      { to: "/pager?page=2", kind: "push" },
      { to: "/pager?page=9", kind: "replace" },
    ]);
  });

  it("from handleInfo pushes live_patch, then the diff", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    await server.app.cinder.pubsub.broadcast(joined.topic, { patchTo: "/pager?page=5" } as never);
    const diff = await client.waitForText((frame) => frame.event === "diff", "diff push");
    const patch = await client.waitForText((frame) => frame.event === "live_patch", "live_patch push");
    expect(client.indexOf(patch)).toBeLessThan(client.indexOf(diff));
    expect(diff.payload).toEqual({ "0": "5", "1": "2" });
  });

  it("from mount: the join reply carries live_patch and the patched render", async () => {
    const server = await navigationServer();
    const page = await server.get("/pager?page=3");
    const client = await server.connect(page);
    const joined = await server.join(client, page, { url: `${server.origin}/pager?start=normalise` });
    expect(joined.response.live_patch).toEqual({ to: "/pager?page=1", kind: "replace" });
    expect(renderedToHtml(joined.response.rendered)).toBe("<p>page 1 (1)</p>");
  });

  it("from mount during the HTTP render answers 302", async () => {
    const server = await navigationServer();
    const page = await server.get("/pager?start=normalise");
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe("/pager?page=1");
  });

  it("to another view crashes the view with a message that says to use pushNavigate", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "elsewhere", value: {} });
    const crash = await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(crash.topic).toBe(joined.topic);
    const [record] = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(record?.message).toContain("pushPatch(\"/other\") leads to another LiveView");
  });
});

describe("pushNavigate and redirect", () => {
  it("pushNavigate in an event replies live_redirect (with the flash token), then closes the view", async () => {
    const server = await navigationServer();
    const { page, client, joined } = await joinPager(server);
    const reply = await click(client, joined, "leave", { to: "/other" });
    expect(reply.payload.response.live_redirect).toMatchObject({ to: "/other", kind: "push" });
    const flash = reply.payload.response.live_redirect.flash as string;
    expect(typeof flash).toBe("string");
    const close = await client.waitForText((frame) => frame.event === "phx_close", "phx_close");
    expect(client.indexOf(close)).toBeGreaterThan(client.indexOf(reply));

    // The client then joins the same topic with `redirect` and the flash token.
    const navigated = await server.join(client, page, { redirect: `${server.origin}/other`, flash });
    expect(renderedToHtml(navigated.response.rendered)).toBe("<p>other Moved on</p>");
  });

  it("redirect in an event replies redirect with the flash token, which the next HTTP render shows", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    const reply = await click(client, joined, "bye");
    expect(reply.payload.response.redirect.to).toBe("/flash");
    await client.waitForText((frame) => frame.event === "phx_close", "phx_close");
    // The official client writes the token into the __phoenix_flash__ cookie before loading the page.
    const next = await server.get("/flash", `__phoenix_flash__=${reply.payload.response.redirect.flash}`);
    expect(next.container.inner).toBe("<p>flash See you</p>");
  });

  it("flushes pending pushEvents as a diff push before the navigation", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    const reply = await click(client, joined, "notifyThenLeave");
    const events = await client.waitForText((frame) => frame.event === "diff", "events diff");
    expect(events.payload).toEqual({ e: [["saving", {}]] });
    expect(client.indexOf(events)).toBeLessThan(client.indexOf(reply));
    expect(reply.payload.response).toEqual({ live_redirect: { to: "/other", kind: "replace" } });
  });

  it("from handleInfo pushes live_redirect, then phx_close", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    await server.app.cinder.pubsub.broadcast(joined.topic, { navigateTo: "/other" } as never);
    const push = await client.waitForText((frame) => frame.event === "live_redirect", "live_redirect push");
    expect(push.payload).toEqual({ to: "/other", kind: "push" });
    const close = await client.waitForText((frame) => frame.event === "phx_close", "phx_close");
    expect(client.indexOf(close)).toBeGreaterThan(client.indexOf(push));
  });

  it("refuses a protocol-relative path (an open redirect) by crashing the view", async () => {
    const server = await navigationServer();
    const { client, joined } = await joinPager(server);
    client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "escape", value: {} });
    await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(client.textFrames().some((frame) => frame.raw.includes("evil.example"))).toBe(false);
  });
});

describe("onMount guards of a live session", () => {
  it("redirect on the HTTP render, on the join and on live navigation", async () => {
    const server = await navigationServer();
    allowedUsers.clear();
    const refused = await server.get("/settings");
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toBe("/login");

    allowedUsers.add("ada");
    const page = await server.get("/settings");
    expect(page.container.inner).toBe("<p>settings of ada</p>");
    const client = await server.connect(page);
    const joined = await server.join(client, page);
    expect(renderedToHtml(joined.response.rendered)).toBe("<p>settings of ada</p>");
    // Live navigation within the session works while the guard passes…
    const navigated = await server.join(client, page, { redirect: `${server.origin}/profile` });
    expect(renderedToHtml(navigated.response.rendered)).toBe("<p>profile of ada</p>");

    // …and is refused once it does not: on a rejoin and on a live navigation.
    allowedUsers.delete("ada");
    const rejoin = await server.join(client, page, { mounts: 1 });
    expect(rejoin.reply.payload.status).toBe("error");
    expect(rejoin.response.redirect.to).toBe("/login");
    expect(typeof rejoin.response.redirect.flash).toBe("string");
    const navigation = await server.join(client, page, { redirect: `${server.origin}/profile` });
    expect(navigation.response.redirect.to).toBe("/login");
  });

  it("mount's pushNavigate during the join answers a live_redirect join error", async () => {
    const Away = defineLiveView<{ n: number }>({
      mount(_params, _session, socket) {
        if (socket.connected) socket.pushNavigate("/other", { replace: true });
      },
      render: () => html`<p>away</p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/away": Away, "/other": OtherLive } } } });
    const { joined } = await server.open("/away");
    expect(joined.reply.payload).toEqual({ status: "error", response: { live_redirect: { to: "/other", kind: "replace" } } });
  });
});
