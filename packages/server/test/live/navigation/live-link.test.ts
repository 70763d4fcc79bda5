import { describe, expect, it } from "vitest";
import { html, liveLink, renderToString, type LiveLinkTarget } from "@cinder/server";

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
