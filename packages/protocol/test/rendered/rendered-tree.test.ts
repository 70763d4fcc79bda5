import { describe, expect, it } from "vitest";
import { RenderedTree, renderedToHtml, splitDiffExtras, type RenderedRoot } from "@cinder/protocol";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("merging diffs (spec Appendix B, verified against the official client)", () => {
  const joined = (): RenderedRoot => ({
    s: ["<p>", "</p><ul>", "</ul>"],
    "0": "Hello",
    "1": { s: ["<li>", "</li>"], k: { "0": { "0": "a" }, "1": { "0": "b" }, "2": { "0": "c" }, kc: 3 } },
  });

  it("renders the join", () => {
    expect(new RenderedTree(joined()).toHtml().html).toBe("<p>Hello</p><ul><li>a</li><li>b</li><li>c</li></ul>");
  });

  it("applies a slot change, a move, a move with a change and a truncation at once", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ "0": "Bye", "1": { k: { "0": 2, "1": [0, { "0": "A" }], kc: 2, km: true } } });
    expect(tree.toHtml().html).toBe("<p>Bye</p><ul><li>c</li><li>A</li></ul>");
  });

  it("replaces a comprehension wholesale when the diff brings statics", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ "1": { s: ["<li class=x>", "</li>"], k: { "0": { "0": "z" }, kc: 1 } } });
    expect(tree.toHtml().html).toBe("<p>Hello</p><ul><li class=x>z</li></ul>");
  });

  it("replaces the whole tree when the root diff brings statics", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ s: ["<div>", "</div>"], "0": "new root" });
    expect(tree.toHtml().html).toBe("<div>new root</div>");
  });

  it("reverses a keyed list from indexes alone", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ "1": { k: { "0": 2, "1": 1, "2": 0, kc: 3, km: true } } });
    expect(tree.toHtml().html).toBe("<p>Hello</p><ul><li>c</li><li>b</li><li>a</li></ul>");
  });

  it("updates entries in place and appends new ones without moves", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ "1": { k: { "1": { "0": "B" }, "3": { "0": "d" }, kc: 4 } } });
    expect(tree.toHtml().html).toBe("<p>Hello</p><ul><li>a</li><li>B</li><li>c</li><li>d</li></ul>");
  });

  it("empties a comprehension", () => {
    const tree = new RenderedTree(joined());
    tree.merge({ "1": { k: { kc: 0 } } });
    expect(tree.toHtml().html).toBe("<p>Hello</p><ul></ul>");
  });

  it("merges nested templates without statics into what is there", () => {
    const tree = new RenderedTree({ s: ["<main>", "</main>"], "0": { s: ["<b>", "</b><i>", "</i>"], "0": "x", "1": "y" } });
    tree.merge({ "0": { "1": "Y" } });
    expect(tree.toHtml().html).toBe("<main><b>x</b><i>Y</i></main>");
  });
});

describe("shared templates (p)", () => {
  it("resolves integer statics against the root templates (spec §3.4.2)", () => {
    const rendered: RenderedRoot = {
      "0": "hi",
      "1": { "0": "abc", "1": "efg", s: 0 },
      "2": { "0": "efg", s: 1 },
      s: 2,
      p: { "0": ["s1", "s2", "s3"], "1": ["s1", "s2"], "2": ["<h2>", "</h2>", "<span>", "</span>"] },
    } as RenderedRoot;
    expect(renderedToHtml(rendered)).toBe("<h2>hi</h2>s1abcs2efgs3<span>s1efgs2</span>");
  });

  it("lets a later diff bring its own templates for the nodes it introduces", () => {
    const tree = new RenderedTree({ s: ["<div>", "</div>"], "0": "" });
    tree.merge({ "0": { s: 0, "0": "new" }, p: { "0": ["<em>", "</em>"] } } as RenderedRoot);
    expect(tree.toHtml().html).toBe("<div><em>new</em></div>");
    tree.merge({ "0": { "0": "newer" } });
    expect(tree.toHtml().html).toBe("<div><em>newer</em></div>");
  });

  it("uses a comprehension's own templates for its entries outside any root templates", () => {
    const rendered = {
      s: ["<ul>", "</ul>"],
      "0": {
        s: ["<li>", "</li>"],
        p: { "0": ["<b>", "</b>"] },
        k: { "0": { "0": { s: 0, "0": "x" } }, "1": { "0": { s: 0, "0": "y" } }, kc: 2 },
      },
    } as RenderedRoot;
    expect(renderedToHtml(rendered)).toBe("<ul><li><b>x</b></li><li><b>y</b></li></ul>");
  });
});

describe("components", () => {
  const join = (): RenderedRoot =>
    ({
      s: ["<h1>", "</h1>", ""],
      "0": "title",
      "1": 1,
      c: { "1": { s: ['<div id="comp" phx-target="', '">Comp ', "</div>"], "0": "1", "1": "x", r: 1 } },
    }) as RenderedRoot;

  it("renders components with the client's markers (spec §3.6 observed rendering)", () => {
    const tree = new RenderedTree(join(), "phx-F1");
    expect(tree.toHtml().html).toBe(
      '<h1>title</h1><div data-phx-id="c1-phx-F1" data-phx-component="1" data-phx-view="phx-F1" id="comp" phx-target="1">Comp x</div>',
    );
  });

  it("renders components plainly without a view id (the dead render's shape)", () => {
    expect(renderedToHtml(join())).toBe('<h1>title</h1><div id="comp" phx-target="1">Comp x</div>');
  });

  it("merges a component diff and marks the others as skipped in a component-only patch", () => {
    const rendered = join();
    rendered["2" as "0"] = 2;
    rendered.s = ["<h1>", "</h1>", "", ""];
    rendered.c!["2"] = { s: ['<p id="two">', "</p>"], "0": "second", r: 1 } as never;
    const tree = new RenderedTree(rendered, "v");
    tree.toHtml();
    const diff: RenderedRoot = { c: { "1": { "1": "y" } } } as RenderedRoot;
    expect(RenderedTree.isComponentOnlyDiff(diff)).toBe(true);
    tree.merge(diff);
    const html = tree.toHtml({ onlyComponents: new Set(RenderedTree.componentIds(diff)) }).html;
    expect(html).toContain('id="comp" phx-target="1">Comp y</div>');
    expect(html).toContain('<p id="two" data-phx-id="c2-v" data-phx-component="2" data-phx-view="v" data-phx-skip></p>');
  });

  it("shares statics with a stored component (negative cid) and one of the same diff (positive cid)", () => {
    const tree = new RenderedTree(join());
    tree.merge({ "1": 2, c: { "2": { "0": "2", "1": "two", s: -1 } } } as RenderedRoot);
    expect(tree.toHtml().html).toBe('<h1>title</h1><div id="comp" phx-target="2">Comp two</div>');
    tree.merge({ "0": "t", "1": 4, c: { "3": { "0": "3", "1": "three", s: -1 }, "4": { "0": "4", "1": "four", s: 3 } } } as RenderedRoot);
    expect(tree.toHtml().html).toBe('<h1>t</h1><div id="comp" phx-target="4">Comp four</div>');
    expect(tree.componentIds()).toEqual([1, 2, 3, 4]);
  });

  it("forgets components when the root is re-templated unless the diff resends them", () => {
    const tree = new RenderedTree(join());
    tree.merge({ s: ["<p>", "</p>"], "0": "plain" });
    expect(tree.componentIds()).toEqual([]);
  });

  it("prunes destroyed components", () => {
    const tree = new RenderedTree(join());
    tree.pruneComponents([1]);
    expect(tree.componentIds()).toEqual([]);
  });

  it("renders one component alone for a component-only patch", () => {
    const tree = new RenderedTree(join(), "v");
    expect(tree.componentToHtml(1).html).toBe(
      '<div data-phx-id="c1-v" data-phx-component="1" data-phx-view="v" id="comp" phx-target="1">Comp x</div>',
    );
  });
});

describe("root elements and the skip optimisation", () => {
  const rendered = (): RenderedRoot =>
    ({
      s: ["<main>", "", "</main>"],
      "0": { s: ['<section id="a">', "</section>"], "0": "A", r: 1 },
      "1": { s: ["<aside>", "</aside>"], "0": "B", r: 1 },
    }) as RenderedRoot;

  it("stamps root elements with stable magic ids", () => {
    const tree = new RenderedTree(rendered(), "v");
    expect(tree.toHtml().html).toBe('<main><section data-phx-id="m1-v" id="a">A</section><aside data-phx-id="m2-v">B</aside></main>');
  });

  it("sends unchanged roots as empty placeholders that keep their id", () => {
    const tree = new RenderedTree(rendered(), "v");
    tree.toHtml();
    tree.merge({ "1": { "0": "B2" } });
    expect(tree.toHtml().html).toBe(
      '<main><section id="a" data-phx-id="m1-v" data-phx-skip></section><aside data-phx-id="m2-v">B2</aside></main>',
    );
  });
});

describe("streams", () => {
  it("renders inserted items once, reports the instruction, and forgets the items", () => {
    const tree = new RenderedTree({
      s: ['<ul id="items" phx-update="stream">', "</ul>"],
      "0": {
        s: ['<li id="', '">', "</li>"],
        k: { "0": { "0": "items-1", "1": "one" }, "1": { "0": "items-2", "1": "two" }, kc: 2 },
        stream: ["0", [["items-1", -1, null, false], ["items-2", -1, null, false]], []],
      },
    } as RenderedRoot);
    const first = tree.toHtml();
    expect(first.html).toBe('<ul id="items" phx-update="stream"><li id="items-1">one</li><li id="items-2">two</li></ul>');
    expect(first.streams).toEqual([["0", [["items-1", -1, null, false], ["items-2", -1, null, false]], []]]);

    tree.merge({
      "0": { k: { "0": { "0": "items-3", "1": "three" }, kc: 1 }, stream: ["0", [["items-3", 0, null, false]], ["items-1"]] },
    } as RenderedRoot);
    const second = tree.toHtml();
    expect(second.html).toBe('<ul id="items" phx-update="stream"><li id="items-3">three</li></ul>');
    expect(second.streams).toEqual([["0", [["items-3", 0, null, false]], ["items-1"]]]);
    expect(tree.toHtml().html).toBe('<ul id="items" phx-update="stream"></ul>');
  });
});

describe("top-level extras", () => {
  it("takes out the reply, events and title", () => {
    const extras = splitDiffExtras({ "0": "1", r: { hookreply: true }, e: [["my_event", { a: 1 }]], t: "New Title" } as RenderedRoot);
    expect(extras).toEqual({ diff: { "0": "1" }, reply: { hookreply: true }, events: [["my_event", { a: 1 }]], title: "New Title" });
  });

  it("drops a join render's root flag instead of treating it as a reply", () => {
    expect(splitDiffExtras({ s: ["<p>", "</p>"], "0": "x", r: 1 } as RenderedRoot).reply).toBeNull();
  });
});

describe("the observed §3.3 join from the spec", () => {
  const join = {
    s: [
      "<h1>Count: ",
      '</h1>\n<button id="inc" phx-click="inc" phx-value-by="1">+</button>\n<p id="page">',
      "</p>",
      "",
      "\n",
    ],
    "0": "0",
    "1": "page 1",
    "2": { s: ['<ul id="list">', "</ul>"], "0": { s: ["<li>", "</li>"], k: { "0": { "0": "a" }, "1": { "0": "b" }, kc: 2 } } },
    "3": 1,
    c: { "1": { s: ['<div id="comp" phx-click="cclick" phx-target="', '">Comp ', "</div>"], "0": "1", "1": "x", r: 1 } },
  } as unknown as RenderedRoot;

  it("renders, then applies the click reply, the diff push and the component reply", () => {
    const tree = new RenderedTree(clone(join), "phx-F1");
    tree.toHtml();
    tree.merge({ "0": "1", "2": { "0": { k: { "0": 1, "1": 0, kc: 2, km: true } } } } as RenderedRoot);
    const { diff } = splitDiffExtras({ t: "New Title", e: [["my_event", { a: 1 }]], c: { "1": { "1": "y" } } } as RenderedRoot);
    tree.merge(diff);
    const html = tree.toHtml().html;
    expect(html).toContain("<h1>Count: 1</h1>");
    expect(html).toContain('<ul id="list"><li>b</li><li>a</li></ul>');
    expect(html).toContain(">Comp y</div>");
  });
});
