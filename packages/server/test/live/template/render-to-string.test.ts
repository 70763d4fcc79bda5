import { describe, expect, it } from "vitest";
import { renderedToHtml, type RenderedRoot } from "@cinder/protocol";
import { component, html, keyed, renderToString, safe } from "@cinder/server";
import { LiveComponentRef } from "../../../src/live/template/live-component-ref.js";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";

const Avatar = (props: { name: string }) => html`<img alt=${props.name} src=${`/avatars/${props.name}.png`}>`;
const Page = (users: { id: number; name: string; admin: boolean }[], notice: string | null) =>
  html`<!DOCTYPE html-fragment-free>
  <section class=${["users", users.length === 0 && "empty"]} data-count="${users.length}">
    ${notice && html`<p role="alert">${notice}</p>`}
    <ul>${keyed(users, (user) => user.id, (user) => html`<li>${component(Avatar, { name: user.name })} ${user.name}${user.admin ? safe(" <b>★</b>") : ""}</li>`)}</ul>
    ${new LiveComponentRef({ name: "Cart" }, "cart", {})}
    <textarea name="bio">${"</textarea>"}</textarea>
  </section>`;

const users = [
  { id: 1, name: "ann", admin: true },
  { id: 2, name: "<bob>", admin: false },
];
const cartHtml = '<div id="cart">3 items</div>';

describe("dead render", () => {
  it("renders plain HTML with escaping and no LiveView markers", () => {
    expect(renderToString(Page(users, "Saved & done"), { resolveComponentHtml: () => cartHtml })).toBe(`<!DOCTYPE html-fragment-free>
  <section class="users" data-count="2">
    <p role="alert">Saved &amp; done</p>
    <ul><li><img alt="ann" src="/avatars/ann.png"> ann <b>★</b></li><li><img alt="&lt;bob&gt;" src="/avatars/&lt;bob&gt;.png"> &lt;bob&gt;</li></ul>
    <div id="cart">3 items</div>
    <textarea name="bio">&lt;/textarea&gt;</textarea>
  </section>`);
  });

  it("equals what the client renders from the full tree", () => {
    for (const [list, notice] of [
      [users, null],
      [[], "x"],
      [[...users].reverse(), ""],
    ] as const) {
      const tracker = new RenderTracker({ resolveComponent: () => 1 });
      const join = { ...tracker.render(Page([...list], notice)), c: { "1": new RenderTracker({ kind: "component" }).render(html`<div id="cart">${"3 items"}</div>`) } };
      expect(renderedToHtml(join as RenderedRoot)).toBe(renderToString(Page([...list], notice), { resolveComponentHtml: () => cartHtml }));
    }
  });
});
