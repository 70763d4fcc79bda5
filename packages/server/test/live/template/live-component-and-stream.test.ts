import { describe, expect, it } from "vitest";
import { RenderedTree, type RenderedRoot } from "@cinder/protocol";
import { html, renderToString, CinderServerError } from "@cinder/server";
import { LiveComponentRef } from "../../../src/live/template/live-component-ref.js";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { StreamRender, type StreamInsertRender } from "../../../src/live/template/stream-render.js";
import { ClientMirror } from "./support/client-mirror.js";
import { thrownCode } from "../../support/thrown-code.js";

describe("live components", () => {
  const Comp = { name: "Comp" };
  const CompTemplate = (cid: number, label: string) => html`<div id="comp" phx-click="cclick" phx-target="${cid}">Comp ${label}</div>`;
  const Page = (count: number, componentId: string) => html`<h1>Count: ${count}</h1>${new LiveComponentRef(Comp, componentId, { label: "x" })}`;

  it("hands each reference to resolveComponent and puts the cid in the slot", () => {
    const seen: LiveComponentRef[] = [];
    const cids = new Map([["comp", 1], ["other", 2]]);
    const tracker = new RenderTracker({
      resolveComponent: (ref) => {
        seen.push(ref);
        return cids.get(String(ref.id)) ?? 0;
      },
    });
    expect(tracker.render(Page(0, "comp"))).toEqual({ "0": "0", "1": 1, s: 0, p: { "0": ["<h1>Count: ", "</h1>", ""] } });
    expect(seen[0]).toMatchObject({ definition: Comp, id: "comp", props: { label: "x" } });
    expect(tracker.render(Page(1, "comp"))).toEqual({ "0": "1" });
    expect(tracker.render(Page(1, "other"))).toEqual({ "1": 2 });
    expect(seen).toHaveLength(3);
  });

  it("renders a component's own tree with r: 1 on its first render, then plain diffs", () => {
    const componentTracker = new RenderTracker({ kind: "component" });
    const full = componentTracker.render(CompTemplate(1, "x"));
    expect(JSON.stringify(full)).toBe('{"0":"1","1":"x","s":["<div id=\\"comp\\" phx-click=\\"cclick\\" phx-target=\\"","\\">Comp ","</div>"],"r":1}');

    const viewTracker = new RenderTracker({ resolveComponent: () => 1 });
    const join = { ...viewTracker.render(Page(0, "comp")), c: { "1": full } } as RenderedRoot;
    const client = new ClientMirror(join);
    const dead = renderToString(Page(0, "comp"), { resolveComponentHtml: () => renderToString(CompTemplate(1, "x")) });
    expect(client.html()).toBe(dead);
    expect(dead).toBe('<h1>Count: 0</h1><div id="comp" phx-click="cclick" phx-target="1">Comp x</div>');

    const componentDiff = componentTracker.render(CompTemplate(1, "y"));
    expect(componentDiff).toEqual({ "1": "y" });
    expect(client.apply({ c: { "1": componentDiff } }).html()).toBe('<h1>Count: 0</h1><div id="comp" phx-click="cclick" phx-target="1">Comp y</div>');
  });

  it("marks the client's element as the component's root when rendered with a view id", () => {
    const full = new RenderTracker({ kind: "component" }).render(CompTemplate(1, "x"));
    const join = { ...new RenderTracker({ resolveComponent: () => 1 }).render(Page(0, "comp")), c: { "1": full } } as RenderedRoot;
    const clientHtml = new RenderedTree(JSON.parse(JSON.stringify(join)) as RenderedRoot, "phx-F1").toHtml().html;
    expect(clientHtml).toBe(
      '<h1>Count: 0</h1><div data-phx-id="c1-phx-F1" data-phx-component="1" data-phx-view="phx-F1" id="comp" phx-click="cclick" phx-target="1">Comp x</div>',
    );
  });

  it("refuses a component template that is not exactly one root element", () => {
    const tracker = new RenderTracker({ kind: "component" });
    let error: unknown;
    try {
      tracker.render(html`<p>one</p><p>two</p>`);
    } catch (caught) {
      error = caught;
    }
    expect((error as CinderServerError).code).toBe("CINDER_TEMPLATE_COMPONENT_NOT_SINGLE_ROOT");
    expect((error as CinderServerError).message).toMatch(/exactly one root element.*Wrap the content in one element/);
    expect(tracker.hasRendered).toBe(false);
    expect(() => tracker.render(html`
      <section>${"ok"}</section>
    `)).not.toThrow();
  });

  it("refuses live components without a resolver, and resolvers returning no cid", () => {
    expect(thrownCode(() => new RenderTracker().render(Page(0, "comp")))).toBe("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
    expect(thrownCode(() => renderToString(Page(0, "comp")))).toBe("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
    expect(thrownCode(() => new RenderTracker({ resolveComponent: () => 0 }).render(Page(0, "comp")))).toBe("CINDER_TEMPLATE_INVALID_CID");
    expect(thrownCode(() => new RenderTracker({ resolveComponent: () => 1.5 }).render(Page(0, "comp")))).toBe("CINDER_TEMPLATE_INVALID_CID");
  });

  it("takes a resolver per render call", () => {
    const tracker = new RenderTracker();
    expect(tracker.render(Page(0, "comp"), { resolveComponent: () => 7 })).toMatchObject({ "1": 7 });
  });
});

describe("streams", () => {
  const Item = (id: string, text: string) => html`<li id="${id}">${text}</li>`;
  const Items = (stream: StreamRender) => html`<ul id="items" phx-update="stream">${stream}</ul>`;
  const Page = (stream: StreamRender) => html`${Items(stream)}`;
  const insert = (domId: string, text: string, at = -1): StreamInsertRender => ({ domId, at, limit: null, updateOnly: false, template: Item(domId, text) });

  it("renders as a comprehension of the inserted items with its stream instruction (spec §3.4.6)", () => {
    const tracker = new RenderTracker();
    const join = tracker.render(Page(new StreamRender("0", [insert("items-1", "one"), insert("items-2", "two")], [])));
    expect(JSON.stringify(join)).toBe(
      '{"0":{"0":{"s":0,"k":{"0":{"0":"items-1","1":"one"},"1":{"0":"items-2","1":"two"},"kc":2},' +
        '"stream":["0",[["items-1",-1,null,false],["items-2",-1,null,false]],[]]},"s":1,"r":1},"s":2,' +
        '"p":{"0":["<li id=\\"","\\">","</li>"],"1":["<ul id=\\"items\\" phx-update=\\"stream\\">","</ul>"],"2":["",""]}}',
    );
    const client = new ClientMirror(join);
    expect(client.html()).toBe('<ul id="items" phx-update="stream"><li id="items-1">one</li><li id="items-2">two</li></ul>');
    expect(client.streams()).toEqual([["0", [["items-1", -1, null, false], ["items-2", -1, null, false]], []]]);

    // every later diff carries only the new items, without statics
    const update = tracker.render(Page(new StreamRender("0", [insert("items-3", "three", 0)], ["items-1"])));
    expect(JSON.stringify(update)).toBe(
      '{"0":{"0":{"k":{"0":{"0":"items-3","1":"three"},"kc":1},"stream":["0",[["items-3",0,null,false]],["items-1"]]}}}',
    );
    client.apply(update);
    expect(client.html()).toBe('<ul id="items" phx-update="stream"><li id="items-3">three</li></ul>');
    expect(client.streams()).toEqual([["0", [["items-3", 0, null, false]], ["items-1"]]]);
  });

  it("sends nothing for a stream with nothing to do, deletes alone, and a reset flag", () => {
    const tracker = new RenderTracker();
    const client = new ClientMirror(tracker.render(Page(new StreamRender("0", [insert("items-1", "one")]))));
    expect(tracker.render(Page(new StreamRender("0", [])))).toEqual({});
    const deletion = tracker.render(Page(new StreamRender("0", [], ["items-1"])));
    expect(deletion).toEqual({ "0": { "0": { k: { kc: 0 }, stream: ["0", [], ["items-1"]] } } });
    expect(client.apply(deletion).streams()).toEqual([["0", [], ["items-1"]]]);
    const reset = tracker.render(Page(new StreamRender("0", [insert("items-9", "nine")], [], true)));
    expect(reset).toEqual({ "0": { "0": { k: { "0": { "0": "items-9", "1": "nine" }, kc: 1 }, stream: ["0", [["items-9", -1, null, false]], [], true] } } });
  });

  it("starts empty with placeholder statics and sends the items' statics once they arrive", () => {
    const tracker = new RenderTracker({ kind: "component" });
    const full = tracker.render(Items(new StreamRender("1-0", [])));
    expect(full).toEqual({ "0": { s: ["", ""], k: { kc: 0 }, stream: ["1-0", [], []] }, s: ['<ul id="items" phx-update="stream">', "</ul>"], r: 1 });
    expect(tracker.render(Items(new StreamRender("1-0", [insert("items-1", "one")])))).toEqual({
      "0": { s: ['<li id="', '">', "</li>"], k: { "0": { "0": "items-1", "1": "one" }, kc: 1 }, stream: ["1-0", [["items-1", -1, null, false]], []] },
    });
    expect(tracker.render(Items(new StreamRender("1-0", [insert("items-2", "two")])))).toEqual({
      "0": { k: { "0": { "0": "items-2", "1": "two" }, kc: 1 }, stream: ["1-0", [["items-2", -1, null, false]], []] },
    });
    // items of different templates in one diff: each entry carries its own statics
    const Note = (id: string) => html`<li id="${id}" class="note">note</li>`;
    const mixed = tracker.render(Items(new StreamRender("1-0", [insert("items-3", "three"), { ...insert("items-4", ""), template: Note("items-4") }])));
    expect(mixed).toEqual({
      "0": {
        s: ["", ""],
        k: { "0": { "0": { "0": "items-3", "1": "three", s: 0, r: 1 } }, "1": { "0": { "0": "items-4", s: 1, r: 1 } }, kc: 2 },
        stream: ["1-0", [["items-3", -1, null, false], ["items-4", -1, null, false]], []],
        p: { "0": ['<li id="', '">', "</li>"], "1": ['<li id="', '" class="note">note</li>'] },
      },
    });
  });

  it("renders stream items in queue order in the dead render", () => {
    expect(renderToString(Items(new StreamRender("0", [insert("items-1", "one"), insert("items-2", "two")])))).toBe(
      '<ul id="items" phx-update="stream"><li id="items-1">one</li><li id="items-2">two</li></ul>',
    );
  });
});
