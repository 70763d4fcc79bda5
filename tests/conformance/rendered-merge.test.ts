import { beforeAll, describe, expect, it } from "vitest";
import { RenderedTree, type RenderedRoot } from "@cinder/protocol";
import { loadOfficialRendered, type OfficialRenderedClass } from "../support/official-rendered.js";

/**
 * Differential test: random but valid sequences of LiveView diffs go through the official
 * client's `Rendered` and through `@cinder/protocol`'s `RenderedTree`; after every diff both must
 * produce the same HTML, byte for byte, including magic ids, skip placeholders and component
 * markers.
 */
let OfficialRendered: OfficialRenderedClass;
beforeAll(async () => {
  OfficialRendered = await loadOfficialRendered();
});

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The "server" side of the simulation: what the client should hold, and diffs that get it there. */
class DiffScript {
  readonly #random: () => number;
  #counter = 0;
  #entries: string[] = ["a", "b", "c"];
  #components = new Map<number, string>([[1, "one"]]);
  #nextCid = 2;
  #shownCid = 1;
  #nestedVariant = 0;

  constructor(seed: number) {
    this.#random = createRandom(seed);
  }

  join(): RenderedRoot {
    return {
      s: ["<main><h1>", "</h1>", '<ul id="list">', "</ul>", "", "</main>"],
      "0": "title",
      "1": this.#nested("nested"),
      "2": { s: ['<li class="row">', "", "</li>"], k: this.#fullEntries() },
      "3": this.#shownCid,
      "4": "",
      c: { "1": this.#componentFull(1, "one") },
    } as RenderedRoot;
  }

  next(): RenderedRoot {
    const diff: Record<string, unknown> = {};
    const pick = () => this.#random() < 0.4;
    if (pick()) diff["0"] = this.#text("t");
    if (pick()) {
      if (this.#random() < 0.3) {
        this.#nestedVariant = 1 - this.#nestedVariant;
        diff["1"] = this.#nested(this.#text("n"));
      } else {
        diff["1"] = { "0": this.#text("n") };
      }
    }
    if (pick()) diff["2"] = { k: this.#keyedUpdate() };
    if (pick()) {
      const components: Record<string, unknown> = {};
      if (this.#random() < 0.3) {
        const cid = this.#nextCid++;
        const label = this.#text("c");
        this.#components.set(cid, label);
        components[String(cid)] = this.#componentFull(cid, label);
        this.#shownCid = cid;
        diff["3"] = cid;
      }
      const changed = [...this.#components.keys()][Math.floor(this.#random() * this.#components.size)] ?? 1;
      if (components[String(changed)] === undefined) {
        const label = this.#text("c");
        this.#components.set(changed, label);
        components[String(changed)] = { "1": label };
      }
      diff.c = components;
    }
    if (this.#random() < 0.1) diff["4"] = { s: ["<em>", "</em>"], "0": this.#text("e"), r: 1 };
    return diff as RenderedRoot;
  }

  #nested(text: string): unknown {
    return this.#nestedVariant === 0
      ? { s: ['<section id="n">', "</section>"], "0": text, r: 1 }
      : { s: ['<aside class="n">', "!</aside>"], "0": text, r: 1 };
  }

  #componentFull(cid: number, label: string): unknown {
    return { s: ['<div id="comp-', '">', "</div>"], "0": String(cid), "1": label, r: 1 };
  }

  #text(prefix: string): string {
    this.#counter += 1;
    return `${prefix}${this.#counter}`;
  }

  #fullEntries(): Record<string, unknown> {
    const keyed: Record<string, unknown> = { kc: this.#entries.length };
    this.#entries.forEach((text, index) => {
      keyed[String(index)] = { "0": text, "1": { s: ["<b>", "</b>"], "0": text.toUpperCase(), r: 1 } };
    });
    return keyed;
  }

  /** A random keyed update: some moves, some changes, some inserts and deletes. */
  #keyedUpdate(): Record<string, unknown> {
    const previous = this.#entries.map((text, index) => ({ text, from: index as number | undefined }));
    let next = [...previous];
    if (this.#random() < 0.5) next.reverse();
    if (this.#random() < 0.4 && next.length > 0) next.splice(Math.floor(this.#random() * next.length), 1);
    if (this.#random() < 0.5) next.splice(Math.floor(this.#random() * (next.length + 1)), 0, { text: this.#text("i"), from: undefined });
    const changedIndex = Math.floor(this.#random() * next.length);
    next = next.map((entry, index) => (index === changedIndex && entry.from !== undefined ? { text: this.#text("x"), from: entry.from } : entry));

    const keyed: Record<string, unknown> = { kc: next.length };
    let moved = false;
    next.forEach((entry, index) => {
      const original = entry.from === undefined ? undefined : previous[entry.from];
      const changed = original !== undefined && original.text !== entry.text;
      if (entry.from === undefined) {
        keyed[String(index)] = { "0": entry.text, "1": { s: ["<b>", "</b>"], "0": entry.text.toUpperCase(), r: 1 } };
      } else if (entry.from !== index) {
        moved = true;
        keyed[String(index)] = changed ? [entry.from, { "0": entry.text }] : entry.from;
      } else if (changed) {
        keyed[String(index)] = { "0": entry.text };
      }
    });
    if (moved) keyed.km = true;
    this.#entries = next.map((entry) => entry.text);
    return keyed;
  }
}

describe("RenderedTree against the official client's Rendered", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("produces identical HTML for random diff sequence #%i", (seed) => {
    const script = new DiffScript(seed);
    const join = script.join();
    const official = new OfficialRendered("phx-view", clone(join));
    const ours = new RenderedTree(clone(join), "phx-view");
    expect(ours.toHtml().html).toBe(official.toString().buffer);

    for (let step = 0; step < 60; step++) {
      const diff = script.next();
      const componentOnly = RenderedTree.isComponentOnlyDiff(diff);
      const cids = RenderedTree.componentIds(diff);
      official.mergeDiff(clone(diff));
      ours.merge(clone(diff));
      const expected = official.toString(componentOnly ? cids : undefined).buffer;
      const actual = ours.toHtml(componentOnly ? { onlyComponents: new Set(cids) } : {}).html;
      expect(actual, `step ${step}, diff ${JSON.stringify(diff)}`).toBe(expected);
    }
  });
});
