import { describe, expect, it } from "vitest";
import { html, keyed } from "@cinder/server";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { ClientMirror, renderBothWays, wireBytes } from "./support/client-mirror.js";

interface Row {
  id: number;
  name: string;
}
const row = (id: number, name: string): Row => ({ id, name });
const List = (rows: Row[]) => html`<ul>${keyed(rows, (r) => r.id, (r) => html`<li>${r.name}</li>`)}</ul>`;

const a = row(1, "a");
const b = row(2, "b");
const c = row(3, "c");

/** A tracker and a client that already hold `rows`; `next` returns the diff and checks the client. */
function listAt(rows: Row[]) {
  const tracker = new RenderTracker();
  const client = new ClientMirror(tracker.render(List(rows)));
  return {
    next(nextRows: Row[]) {
      const diff = tracker.render(List(nextRows));
      client.apply(diff);
      expect(client.html()).toBe(renderBothWays(List(nextRows)));
      return diff;
    },
  };
}

describe("keyed comprehensions", () => {
  it("renders in full with shared statics", () => {
    expect(new RenderTracker().render(List([a, b]))).toEqual({
      "0": { s: 0, k: { "0": { "0": "a" }, "1": { "0": "b" }, kc: 2 } },
      s: 1,
      p: { "0": ["<li>", "</li>"], "1": ["<ul>", "</ul>"] },
    });
  });

  it("append: only the new entry, without statics", () => {
    expect(JSON.stringify(listAt([a, b]).next([a, b, c]))).toBe('{"0":{"k":{"2":{"0":"c"},"kc":3}}}');
  });

  it("remove the last entry: just the new count", () => {
    expect(listAt([a, b, c]).next([a, b])).toEqual({ "0": { k: { kc: 2 } } });
  });

  it("remove the first entry: the others move up by index", () => {
    expect(listAt([a, b, c]).next([b, c])).toEqual({ "0": { k: { "0": 1, "1": 2, kc: 2, km: true } } });
  });

  it("reverse: moves are indexes, not HTML", () => {
    const diff = listAt([a, b]).next([b, a]);
    expect(JSON.stringify(diff)).toBe('{"0":{"k":{"0":1,"1":0,"kc":2,"km":true}}}');
  });

  it("change one row: only that row's changed slot", () => {
    expect(JSON.stringify(listAt([a, b, c]).next([a, row(2, "B"), c]))).toBe('{"0":{"k":{"1":{"0":"B"},"kc":3}}}');
  });

  it("move and change: [old index, diff]", () => {
    expect(JSON.stringify(listAt([a, b]).next([row(2, "B"), a]))).toBe('{"0":{"k":{"0":[1,{"0":"B"}],"1":0,"kc":2,"km":true}}}');
  });

  it("insert in the middle: the new entry in full, the rest as moves", () => {
    expect(listAt([a, c]).next([a, b, c])).toEqual({ "0": { k: { "1": { "0": "b" }, "2": 1, kc: 3, km: true } } });
  });

  it("emptied, then filled again without statics", () => {
    const list = listAt([a, b]);
    expect(JSON.stringify(list.next([]))).toBe('{"0":{"k":{"kc":0}}}');
    expect(list.next([c])).toEqual({ "0": { k: { "0": { "0": "c" }, kc: 1 } } });
  });

  it("unchanged: omitted entirely", () => {
    expect(listAt([a, b]).next([row(1, "a"), row(2, "b")])).toEqual({});
  });

  it("a list that never rendered anything is an empty string, and gets statics when it fills", () => {
    const list = (() => {
      const tracker = new RenderTracker();
      const client = new ClientMirror(tracker.render(List([])));
      return { tracker, client };
    })();
    expect(new RenderTracker().render(List([]))).toEqual({ "0": "", s: 0, p: { "0": ["<ul>", "</ul>"] } });
    const diff = list.tracker.render(List([a]));
    expect(diff).toEqual({ "0": { s: 0, k: { "0": { "0": "a" }, kc: 1 } }, p: { "0": ["<li>", "</li>"] } });
    expect(list.client.apply(diff).html()).toBe("<ul><li>a</li></ul>");
  });

  it("renders duplicate keys correctly (hostile data must not break the list)", () => {
    const list = listAt([a, b]);
    list.next([a, row(1, "a again"), b, row(2, "b again")]);
    list.next([row(2, "b"), row(1, "x"), row(1, "a")]);
    list.next([]);
  });

  it("keys by any value, including objects", () => {
    const first = { n: 1 };
    const second = { n: 2 };
    const view = (keys: object[]) => html`<ol>${keyed(keys, (key) => key, (key) => html`<li>${(key as { n: number }).n}</li>`)}</ol>`;
    const tracker = new RenderTracker();
    tracker.render(view([first, second]));
    expect(tracker.render(view([second, first]))).toEqual({ "0": { k: { "0": 1, "1": 0, kc: 2, km: true } } });
  });

  it("refuses keyed() calls without functions", () => {
    expect(() => keyed([1], "id" as unknown as () => number, () => "x")).toThrowError(expect.objectContaining({ name: "CinderServerError", code: "CINDER_TEMPLATE_INVALID_KEYED" }));
  });

  it("costs a few bytes per move on a long list", () => {
    const rows = Array.from({ length: 100 }, (_, index) => row(index, `row ${index}`));
    const swapped = [...rows];
    [swapped[10], swapped[90]] = [swapped[90] as Row, swapped[10] as Row];
    const diff = listAt(rows).next(swapped);
    expect(diff).toEqual({ "0": { k: { "10": 90, "90": 10, kc: 100, km: true } } });
    expect(wireBytes(diff)).toBeLessThan(50);
  });
});

describe("plain arrays (keyed by index)", () => {
  const Tags = (tags: string[]) => html`<p>${tags.map((tag) => html`<span>${tag}</span>`)}</p>`;

  it("diffs entries by position", () => {
    const tracker = new RenderTracker();
    const client = new ClientMirror(tracker.render(Tags(["x", "y", "z"])));
    const diff = tracker.render(Tags(["x", "Y"]));
    expect(diff).toEqual({ "0": { k: { "1": { "0": "Y" }, kc: 2 } } });
    expect(client.apply(diff).html()).toBe("<p><span>x</span><span>Y</span></p>");
  });

  it("wraps entries of different templates in empty statics, each entry a node of its own", () => {
    const Mixed = (bold: boolean) => html`<div>${[html`<b>${"1"}</b>`, bold ? html`<b>${"2"}</b>` : html`<i>${"2"}</i>`, "text & more", 3]}</div>`;
    const tracker = new RenderTracker();
    const full = tracker.render(Mixed(false));
    expect(full).toEqual({
      "0": {
        s: 2,
        k: {
          "0": { "0": { "0": "1", s: 0, r: 1 } },
          "1": { "0": { "0": "2", s: 1, r: 1 } },
          "2": { "0": "text &amp; more" },
          "3": { "0": "3" },
          kc: 4,
        },
      },
      s: 3,
      p: { "0": ["<b>", "</b>"], "1": ["<i>", "</i>"], "2": ["", ""], "3": ["<div>", "</div>"] },
    });
    const client = new ClientMirror(full);
    expect(client.html()).toBe("<div><b>1</b><i>2</i>text &amp; more3</div>");
    // the entry whose template changed is resent with statics; the others are untouched
    const diff = tracker.render(Mixed(true));
    expect(diff).toEqual({ "0": { k: { "1": { "0": { "0": "2", s: 0, r: 1 } }, kc: 4 } }, p: { "0": ["<b>", "</b>"] } });
    expect(client.apply(diff).html()).toBe(renderBothWays(Mixed(true)));
  });

  it("keeps the wrapper when a mixed list becomes uniform, and switches templates only when it must", () => {
    const view = (items: unknown[]) => html`<div>${items}</div>`;
    const bold = (text: string) => html`<b>${text}</b>`;
    const italic = (text: string) => html`<i>${text}</i>`;
    const tracker = new RenderTracker();
    tracker.render(view([bold("1"), "x"]));
    expect(tracker.render(view([bold("1"), bold("2")]))).toEqual({
      "0": { k: { "1": { "0": { "0": "2", s: 0, r: 1 } }, kc: 2 } },
      p: { "0": ["<b>", "</b>"] },
    });

    const uniform = new RenderTracker();
    uniform.render(view([bold("1")]));
    expect(uniform.render(view([italic("1")]))).toEqual({ "0": { s: 0, k: { "0": { "0": "1" }, kc: 1 } }, p: { "0": ["<i>", "</i>"] } });
  });
});
