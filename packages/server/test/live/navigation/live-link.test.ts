import { describe, expect, it } from "vitest";
import { defineLiveView, html, liveLink, renderToString, type LiveLayout, type LiveLinkTarget } from "@cinder/server";
import { startLiveServer } from "../support/live-server.js";

/*
 * liveLink renders what Phoenix's <.link navigate|patch|href> renders, as an attribute spread:
 * the attributes both LiveView clients read to follow a link without a page load.
 */

function link(target: LiveLinkTarget, label = "go"): string {
  return renderToString(html`<a ${liveLink(target)} class="nav">${label}</a>`);
}

describe("liveLink", () => {
  it("navigate: a live redirect that pushes a history entry", () => {
    expect(link({ navigate: "/counter" })).toBe('<a href="/counter" data-phx-link="redirect" data-phx-link-state="push" class="nav">go</a>');
  });

  it("patch: a live patch; replace: true replaces the history entry instead", () => {
    expect(link({ patch: "/books?sort=year&page=2" })).toBe('<a href="/books?sort=year&amp;page=2" data-phx-link="patch" data-phx-link-state="push" class="nav">go</a>');
    expect(link({ navigate: "/form", replace: true })).toBe('<a href="/form" data-phx-link="redirect" data-phx-link-state="replace" class="nav">go</a>');
  });

  it("href: a plain link, which LiveView clients leave to the browser", () => {
    expect(link({ href: "/" })).toBe('<a href="/" class="nav">go</a>');
    expect(link({ href: "https://example.com/docs" })).toBe('<a href="https://example.com/docs" class="nav">go</a>');
  });

  it("escapes the target like any attribute value", () => {
    expect(link({ navigate: '/search?q="><script>' })).toBe('<a href="/search?q=&quot;&gt;&lt;script&gt;" data-phx-link="redirect" data-phx-link-state="push" class="nav">go</a>');
  });

  it("keeps a javascript: href from becoming a script, as a static href would", () => {
    expect(link({ href: "javascript:alert(1)" })).not.toContain("javascript:");
  });

  it.each([
    ["a protocol-relative URL", { navigate: "//evil.example/" }],
    ["a backslash that browsers read as //", { patch: "/\\evil.example" }],
    ["a full URL", { navigate: "https://example.com/" }],
    ["a relative path", { patch: "books?page=2" }],
    ["not a string", { navigate: 42 }],
  ])("refuses %s for navigate and patch, pointing at { href }", (_label, target) => {
    expect(() => liveLink(target as unknown as LiveLinkTarget)).toThrow(
      expect.objectContaining({ code: "CINDER_LIVE_LINK_NOT_LOCAL", message: expect.stringContaining("liveLink({ href: url })") }),
    );
  });

  it.each([
    ["two kinds at once", { navigate: "/a", patch: "/b" }, "navigate and patch together"],
    ["no kind", { to: "/a" }, "none of them"],
    ["nothing", undefined, "none of them"],
    ["an href that is not a string", { href: { url: "/" } }, "an href that is not a string"],
  ])("refuses %s with the three shapes it takes", (_label, target, received) => {
    expect(() => liveLink(target as unknown as LiveLinkTarget)).toThrow(
      expect.objectContaining({ code: "CINDER_LIVE_INVALID_LINK", message: expect.stringContaining(received) }),
    );
  });
});

describe("page.linkTo in the root layout", () => {
  const PlainLive = defineLiveView<{ label: string }>({
    mount: (_params, _session, socket) => socket.assign({ label: "page" }),
    render: (assigns) => html`<p>${assigns.label}</p>`,
  });
  const NAV = ["/counter", "/users/7?tab=posts#top", "/settings", "/", "https://example.com/", "//evil.example/"];
  const layout: LiveLayout = (page) =>
    html`<!DOCTYPE html><html><head>${page.titleTag}</head><body><nav data-session=${page.liveSession}>${NAV.map((to) => html`<a ${page.linkTo(to)}>x</a>`)}</nav>${page.inner}</body></html>`;

  async function navOf(path: string): Promise<string> {
    const server = await startLiveServer({
      layout,
      liveSessions: {
        public: { routes: { "/counter": PlainLive, "/users/:id": PlainLive } },
        admin: { routes: { "/settings": PlainLive } },
      },
    });
    const page = await server.get(path);
    expect(page.status).toBe(200);
    return /<nav[^>]*>.*<\/nav>/s.exec(page.html)?.[0] ?? "";
  }

  it("navigates within the page's live session and links plainly to everything else", async () => {
    expect(await navOf("/counter")).toBe(
      '<nav data-session="public">' +
        '<a href="/counter" data-phx-link="redirect" data-phx-link-state="push">x</a>' +
        '<a href="/users/7?tab=posts#top" data-phx-link="redirect" data-phx-link-state="push">x</a>' +
        '<a href="/settings">x</a>' +
        '<a href="/">x</a>' +
        '<a href="https://example.com/">x</a>' +
        '<a href="//evil.example/">x</a>' +
        "</nav>",
    );
  });

  it("decides from the current page's live session", async () => {
    const nav = await navOf("/settings");
    expect(nav).toContain('<nav data-session="admin">');
    expect(nav).toContain('<a href="/counter">x</a>');
    expect(nav).toContain('<a href="/settings" data-phx-link="redirect" data-phx-link-state="push">x</a>');
  });
});
