import { describe, expect, it } from "vitest";
import { component, html, keyed, CinderServerError, type Template } from "@cinder/server";
import { isEmptyDiff, RenderTracker } from "../../../src/live/template/render-tracker.js";
import { ClientMirror, wireBytes } from "./support/client-mirror.js";

interface Item {
  id: number;
  name: string;
  done?: boolean;
}
interface Assigns {
  count: number;
  items: Item[];
}

// The example from the template engine's documentation, on one line so statics are exact.
const Counter = (assigns: Assigns) =>
  html`<h1>Count: ${assigns.count}</h1><button phx-click="inc" disabled=${assigns.count > 9}>+</button><ul>${keyed(
    assigns.items,
    (item) => item.id,
    (item) => html`<li class=${["row", item.done && "done"]}>${item.name}</li>`,
  )}</ul>${assigns.count > 5 && html`<p>Big!</p>`}`;

const start: Assigns = { count: 0, items: [{ id: 1, name: "a" }, { id: 2, name: "b" }] };

describe("first render", () => {
  it("is the full tree: every slot, statics through the top-level p, no top-level r", () => {
    const tracker = new RenderTracker();
    expect(JSON.stringify(tracker.render(Counter(start)))).toBe(
      '{"0":"0","1":"","2":{"s":0,"k":{"0":{"0":" class=\\"row\\"","1":"a"},"1":{"0":" class=\\"row\\"","1":"b"},"kc":2}},"3":"",' +
        '"s":1,"p":{"0":["<li",">","</li>"],"1":["<h1>Count: ","</h1><button phx-click=\\"inc\\"",">+</button><ul>","</ul>",""]}}',
    );
    expect(tracker.lastRenderWasFull).toBe(true);
    expect(tracker.hasRendered).toBe(true);
  });

  it("renders to the same HTML on the client as the template describes", () => {
    const client = new ClientMirror(new RenderTracker().render(Counter(start)));
    expect(client.html()).toBe('<h1>Count: 0</h1><button phx-click="inc">+</button><ul><li class="row">a</li><li class="row">b</li></ul>');
  });

  it("never flags the view root with r, which at the top level means an event reply", () => {
    const full = new RenderTracker().render(html`<div>${"single root"}</div>`);
    expect(full).toEqual({ "0": "single root", s: 0, p: { "0": ["<div>", "</div>"] } });
  });
});

describe("later renders send only what changed", () => {
  it("sends {\"0\":\"1\"} for the counter's increment", () => {
    const tracker = new RenderTracker();
    tracker.render(Counter(start));
    const diff = tracker.render(Counter({ ...start, count: 1 }));
    expect(JSON.stringify(diff)).toBe('{"0":"1"}');
    expect(wireBytes(diff)).toBe(9);
    expect(tracker.lastRenderWasFull).toBe(false);
  });

  it("sends an empty diff when nothing changed, even with new item objects", () => {
    const tracker = new RenderTracker();
    tracker.render(Counter(start));
    const diff = tracker.render(Counter({ count: 0, items: start.items.map((item) => ({ ...item })) }));
    expect(diff).toEqual({});
    expect(isEmptyDiff(diff)).toBe(true);
    expect(isEmptyDiff({ "0": "x" })).toBe(false);
  });

  it("sends a whole attribute when it toggles", () => {
    const tracker = new RenderTracker();
    tracker.render(Counter({ ...start, count: 9 }));
    expect(tracker.render(Counter({ ...start, count: 10 }))).toEqual({ "0": "10", "1": " disabled" });
    expect(tracker.render(Counter({ ...start, count: 9 }))).toEqual({ "0": "9", "1": "" });
  });

  it("recurses into a nested template with the same fingerprint", () => {
    const view = (title: string, body: string) => html`<main>${html`<h2>${title}</h2><p>${body}</p>`}</main>`;
    const tracker = new RenderTracker();
    expect(tracker.render(view("t", "b"))).toEqual({
      "0": { "0": "t", "1": "b", s: 0 },
      s: 1,
      p: { "0": ["<h2>", "</h2><p>", "</p>"], "1": ["<main>", "</main>"] },
    });
    expect(tracker.render(view("t", "b2"))).toEqual({ "0": { "1": "b2" } });
  });

  it("sends statics again when a conditional template appears, and an empty string when it goes", () => {
    const tracker = new RenderTracker();
    tracker.render(Counter(start));
    const shown = tracker.render(Counter({ ...start, count: 6 }));
    expect(JSON.stringify(shown)).toBe('{"0":"6","3":{"s":0,"r":1},"p":{"0":["<p>Big!</p>"]}}');
    expect(tracker.render(Counter({ ...start, count: 7 }))).toEqual({ "0": "7" });
    expect(tracker.render(Counter({ ...start, count: 5 }))).toEqual({ "0": "5", "3": "" });
    // the client replaced the node by "", so showing it again needs the statics again
    expect(tracker.render(Counter({ ...start, count: 6 }))).toEqual({ "0": "6", "3": { s: 0, r: 1 }, p: { "0": ["<p>Big!</p>"] } });
  });

  it("sends the whole node with s when a slot switches to another template", () => {
    const view = (bold: boolean, text: string) => html`<div>${bold ? html`<b>${text}</b>` : html`<i>${text}</i>`}</div>`;
    const tracker = new RenderTracker();
    tracker.render(view(true, "x"));
    expect(tracker.render(view(false, "x"))).toEqual({ "0": { "0": "x", s: 0, r: 1 }, p: { "0": ["<i>", "</i>"] } });
    expect(tracker.render(view(false, "y"))).toEqual({ "0": { "0": "y" } });
  });

  it("replaces the whole tree when the root template changes, and says so", () => {
    const tracker = new RenderTracker();
    tracker.render(html`<p>${"a"}</p>`);
    expect(tracker.render(html`<section>${"a"}</section>`)).toEqual({ "0": "a", s: 0, p: { "0": ["<section>", "</section>"] } });
    expect(tracker.lastRenderWasFull).toBe(true);
  });

  it("renders in full again after reset (rejoin)", () => {
    const tracker = new RenderTracker();
    tracker.render(Counter(start));
    tracker.reset();
    expect(tracker.hasRendered).toBe(false);
    const again = tracker.render(Counter(start));
    expect(again.s).toBe(1);
    expect(tracker.lastRenderWasFull).toBe(true);
  });
});

describe("a failing render", () => {
  it("tags the failing callback and commits nothing, so the next diff is against the last good render", () => {
    const Broken = (): Template => {
      throw new Error("boom");
    };
    const view = (count: number, broken: boolean) => html`<p>${count}</p>${broken ? component(Broken, {}) : ""}`;
    const tracker = new RenderTracker();
    tracker.render(view(1, false));
    let error: unknown;
    try {
      tracker.render(view(2, true));
    } catch (caught) {
      error = caught;
    }
    expect((error as CinderServerError).code).toBe("CINDER_TEMPLATE_RENDER_CALLBACK_FAILED");
    expect((error as CinderServerError).message).toBe("function component Broken threw while rendering: boom");
    expect(((error as CinderServerError).cause as Error).message).toBe("boom");
    expect(tracker.render(view(2, false))).toEqual({ "0": "2" });
  });

  it("refuses a root that is not a template", () => {
    const tracker = new RenderTracker();
    expect(() => tracker.render("<p>x</p>" as unknown as Template)).toThrowError(expect.objectContaining({ code: "CINDER_TEMPLATE_INVALID_ROOT" }));
  });
});
