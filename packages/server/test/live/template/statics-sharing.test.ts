import { describe, expect, it } from "vitest";
import { component, html, keyed, type Template } from "@cinder/server";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { ClientMirror, renderBothWays } from "./support/client-mirror.js";

interface Person {
  id: number;
  name: string;
  admin: boolean;
}
const Badge = (props: { label: string }) => html`<em class="badge">${props.label}</em>`;
const PeopleTable = (people: Person[]) =>
  html`<table>${keyed(
    people,
    (person) => person.id,
    (person) => html`<tr><td>${person.name}</td><td>${person.admin ? component(Badge, { label: "admin" }) : ""}</td></tr>`,
  )}</table><footer>${component(Badge, { label: `${people.length} people` })}</footer>`;

const people: Person[] = [
  { id: 1, name: "ann", admin: true },
  { id: 2, name: "bob", admin: true },
  { id: 3, name: "cy", admin: false },
];

describe("statics sharing with p in a LiveView render", () => {
  it("sends each template once, however many entries and places use it", () => {
    const full = new RenderTracker().render(PeopleTable(people));
    expect(full).toEqual({
      "0": {
        s: 1,
        k: {
          "0": { "0": "ann", "1": { "0": "admin", s: 0, r: 1 } },
          "1": { "0": "bob", "1": { "0": "admin", s: 0, r: 1 } },
          "2": { "0": "cy", "1": "" },
          kc: 3,
        },
      },
      "1": { "0": "3 people", s: 0, r: 1 },
      s: 2,
      p: {
        "0": ['<em class="badge">', "</em>"],
        "1": ["<tr><td>", "</td><td>", "</td></tr>"],
        "2": ["<table>", "</table><footer>", "</footer>"],
      },
    });
    const badgeStatics = JSON.stringify(full).match(/<em class=\\"badge\\">/g);
    expect(badgeStatics).toHaveLength(1);
  });

  it("numbers a diff's templates from 0 in that diff's own p", () => {
    const tracker = new RenderTracker();
    const client = new ClientMirror(tracker.render(PeopleTable(people)));
    const promoted = people.map((person) => ({ ...person, admin: true }));
    const diff = tracker.render(PeopleTable(promoted));
    expect(diff).toEqual({ "0": { k: { "2": { "1": { "0": "admin", s: 0, r: 1 } }, kc: 3 } }, p: { "0": ['<em class="badge">', "</em>"] } });
    expect(client.apply(diff).html()).toBe(renderBothWays(PeopleTable(promoted)));
  });
});

describe("statics in a live component's tree", () => {
  const Card = (items: string[], title: string) =>
    html`<div class="card"><h3>${html`<span>${title}</span>`}</h3><ul>${items.map((item) => html`<li>${html`<b>${item}</b>`}</li>`)}</ul></div>`;

  it("keeps statics inline, except that a comprehension shares its entries' statics in its own p", () => {
    const tracker = new RenderTracker({ kind: "component" });
    const full = tracker.render(Card(["x", "y"], "T"));
    expect(full).toEqual({
      "0": { "0": "T", s: ["<span>", "</span>"], r: 1 },
      "1": {
        s: ["<li>", "</li>"],
        k: { "0": { "0": { "0": "x", s: 0, r: 1 } }, "1": { "0": { "0": "y", s: 0, r: 1 } }, kc: 2 },
        p: { "0": ["<b>", "</b>"] },
      },
      s: ['<div class="card"><h3>', "</h3><ul>", "</ul></div>"],
      r: 1,
    });
    // A component tree lives under "c"; the client renders it without any top-level p.
    const client = new ClientMirror({ "0": 1, s: ["", ""], c: { "1": full } });
    expect(client.html()).toBe('<div class="card"><h3><span>T</span></h3><ul><li><b>x</b></li><li><b>y</b></li></ul></div>');

    const diff = tracker.render(Card(["x", "y", "z"], "T"));
    expect(diff).toEqual({ "1": { k: { "2": { "0": { "0": "z", s: 0, r: 1 } }, kc: 3 }, p: { "0": ["<b>", "</b>"] } } });
    expect(client.apply({ c: { "1": diff } }).html()).toBe(
      '<div class="card"><h3><span>T</span></h3><ul><li><b>x</b></li><li><b>y</b></li><li><b>z</b></li></ul></div>',
    );
  });

  it("lets a nested comprehension use the statics scope of the comprehension around it", () => {
    const Grid = (rows: string[][]) => html`<table>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</table>`;
    const tracker = new RenderTracker({ kind: "component" });
    const full = tracker.render(Grid([["a", "b"], ["c"]]));
    expect(full).toEqual({
      "0": {
        s: ["<tr>", "</tr>"],
        k: {
          "0": { "0": { s: 0, k: { "0": { "0": "a" }, "1": { "0": "b" }, kc: 2 } } },
          "1": { "0": { s: 0, k: { "0": { "0": "c" }, kc: 1 } } },
          kc: 2,
        },
        p: { "0": ["<td>", "</td>"] },
      },
      s: ["<table>", "</table>"],
      r: 1,
    });
    const client = new ClientMirror({ "0": 1, s: ["", ""], c: { "1": full } });
    expect(client.html()).toBe("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
    const next: Template = Grid([["a", "B"], ["c"], []]);
    client.apply({ c: { "1": tracker.render(next) } });
    expect(client.html()).toBe(renderBothWays(next));
  });
});
