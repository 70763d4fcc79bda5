import { describe, expect, it } from "vitest";
import { component, html, keyed, renderToString, type Template } from "@cinder/server";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { ClientMirror, renderBothWays } from "./support/client-mirror.js";

/** A function component that counts its evaluations. */
function counted<Props extends object>(render: (props: Props) => Template) {
  const calls: Props[] = [];
  const Component = (props: Props) => {
    calls.push(props);
    return render(props);
  };
  return { Component, calls };
}

describe("memoised function components", () => {
  it("are not evaluated again while their props are shallow-equal", () => {
    const { Component: Header, calls } = counted((props: { title: string }) => html`<header>${props.title}</header>`);
    const view = (title: string, count: number) => html`${component(Header, { title })}<p>${count}</p>`;
    const tracker = new RenderTracker();
    tracker.render(view("Hello", 0));
    expect(tracker.render(view("Hello", 1))).toEqual({ "1": "1" });
    expect(tracker.render(view("Hello", 2))).toEqual({ "1": "2" });
    expect(calls).toHaveLength(1);
    expect(tracker.render(view("Bye", 2))).toEqual({ "0": { "0": "Bye" } });
    expect(calls).toHaveLength(2);
  });

  it("are invisible on the wire: the first render is the component's template", () => {
    const Header = (props: { title: string }) => html`<header>${props.title}</header>`;
    expect(new RenderTracker().render(html`<div>${component(Header, { title: "x" })}</div>`)).toEqual({
      "0": { "0": "x", s: 0, r: 1 },
      s: 1,
      p: { "0": ["<header>", "</header>"], "1": ["<div>", "</div>"] },
    });
    expect(renderToString(html`<div>${component(Header, { title: "x" })}</div>`)).toBe("<div><header>x</header></div>");
  });

  it("evaluate only the rows whose props changed in a keyed list", () => {
    const { Component: Row, calls } = counted((props: { id: number; name: string }) => html`<li id=${`row-${props.id}`}>${props.name}</li>`);
    const List = (rows: { id: number; name: string }[]) =>
      html`<ul>${keyed(rows, (row) => row.id, (row) => component(Row, { id: row.id, name: row.name }))}</ul>`;
    const rows = Array.from({ length: 50 }, (_, index) => ({ id: index, name: `n${index}` }));
    const tracker = new RenderTracker();
    const full = tracker.render(List(rows));
    expect(calls).toHaveLength(50);
    // the rows share the row template's statics, as if they were rendered without component()
    expect(full).toMatchObject({ "0": { s: 0, k: { "0": { "0": ' id="row-0"', "1": "n0" }, kc: 50 } }, p: { "0": ["<li", ">", "</li>"] } });
    const client = new ClientMirror(full);
    const changed = rows.map((row) => (row.id === 7 ? { ...row, name: "seven" } : { ...row }));
    const diff = tracker.render(List(changed));
    expect(calls).toHaveLength(51);
    expect(diff).toEqual({ "0": { k: { "7": { "1": "seven" }, kc: 50 } } });
    expect(client.apply(diff).html()).toBe(renderBothWays(List(changed)));
    // moved rows are not evaluated either: a move is an index
    const moved = [...changed].reverse();
    const callsBefore = calls.length;
    const moveDiff = tracker.render(List(moved));
    expect(calls.length - callsBefore).toBe(0);
    expect(moveDiff).toMatchObject({ "0": { k: { "0": 49, "49": 0, kc: 50, km: true } } });
    expect(client.apply(moveDiff).html()).toBe(renderBothWays(List(moved)));
  });

  it("render children passed as a template prop, skipping when the children's values are unchanged", () => {
    const { Component: Card, calls } = counted(
      (props: { title: string; inner: Template }) => html`<section><h2>${props.title}</h2>${props.inner}</section>`,
    );
    const view = (title: string, body: string, clock: number) =>
      html`${component(Card, { title, inner: html`<p>${body}</p>` })}<time>${clock}</time>`;
    const tracker = new RenderTracker();
    const client = new ClientMirror(tracker.render(view("T", "body", 0)));
    expect(client.html()).toBe("<section><h2>T</h2><p>body</p></section><time>0</time>");
    const clockTick = tracker.render(view("T", "body", 1));
    expect(clockTick).toEqual({ "1": "1" });
    client.apply(clockTick);
    expect(calls).toHaveLength(1);
    const diff = tracker.render(view("T", "new body", 1));
    expect(diff).toEqual({ "0": { "1": { "0": "new body" } } });
    expect(calls).toHaveLength(2);
    expect(client.apply(diff).html()).toBe("<section><h2>T</h2><p>new body</p></section><time>1</time>");
  });

  it("are evaluated again when the component function changes, diffing against what the client holds", () => {
    const bold = (text: string) => html`<b>${text}</b>`;
    const First = (props: { text: string }) => bold(props.text);
    const Second = (props: { text: string }) => bold(props.text);
    const view = (content: unknown) => html`<div>${content}</div>`;
    const tracker = new RenderTracker();
    tracker.render(view(component(First, { text: "x" })));
    // another function rendering the same call site: evaluated, and nothing changed on the wire
    expect(tracker.render(view(component(Second, { text: "x" })))).toEqual({});
    expect(tracker.render(view(component(Second, { text: "y" })))).toEqual({ "0": { "0": "y" } });
    // a plain template where a component was: diffed against the component's output
    expect(tracker.render(view(bold("y")))).toEqual({});
    expect(tracker.render(view(html`<i>${"y"}</i>`))).toEqual({ "0": { "0": "y", s: 0, r: 1 }, p: { "0": ["<i>", "</i>"] } });
  });
});

describe("component results that are not templates", () => {
  it("render strings, lists and nothing", () => {
    const Label = (props: { text: string | null }) => props.text;
    const view = (text: string | null) => html`<p>${component(Label, { text })}</p>`;
    const tracker = new RenderTracker();
    const client = new ClientMirror(tracker.render(view("<a>")));
    expect(client.html()).toBe("<p>&lt;a&gt;</p>");
    expect(tracker.render(view(null))).toEqual({ "0": "" });
  });
});
