import { describe, expect, it } from "vitest";
import type { RenderedRoot } from "@cinder/protocol";
import { component, html, keyed, renderToString, safe, type Template } from "@cinder/server";
import { LiveComponentRef } from "../../../src/live/template/live-component-ref.js";
import { RenderTracker } from "../../../src/live/template/render-tracker.js";
import { ClientMirror } from "./support/client-mirror.js";
import { seededRandom } from "../../support/seeded-random.js";

/**
 * Property: for any sequence of state changes, merging each diff into the client's tree (the
 * official client's semantics, via @cinder/protocol) gives the same HTML as rendering the current
 * state directly. Random but seeded, so a failure names the seed and step that reproduce it.
 */

interface Task {
  id: number;
  title: string;
  done: boolean;
  pinned: boolean;
  tags: string[];
}
interface State {
  layout: "a" | "b";
  title: string;
  memoRows: boolean;
  count: number;
  flag: boolean | null;
  url: string;
  attrs: Record<string, unknown> | null;
  tasks: Task[];
  mixed: unknown[];
  banner: "none" | "info" | "warn";
  widgets: string[];
  widgetLabels: Record<string, string>;
}

const TEXTS = ["", "plain", "<b>bold</b>", `"quoted" & 'single'`, "javascript:alert(1)", " \tjava\nscript:x", "/users/1?x=1&y=2", "é ü 😀"];

const Tag = (props: { name: string }) => html`<span class="tag">${props.name}</span>`;
const TaskRow = (task: Task) =>
  html`<li id=${`task-${task.id}`} class=${["task", task.done && "done"]}><input type="checkbox" checked=${task.done}>${task.title}<small>${keyed(
    task.tags,
    (tag) => tag,
    (tag) => component(Tag, { name: tag }),
  )}</small></li>`;
const PinnedRow = (task: Task) => html`<li class="pinned">📌 ${task.title}</li>`;
const TaskRowComponent = (task: Task) => (task.pinned ? PinnedRow(task) : TaskRow(task));
const Banner = (kind: State["banner"], text: string) =>
  kind === "none" ? null : kind === "info" ? html`<p class="info">${text}</p>` : html`<div class="warn"><strong>${text}</strong></div>`;

const WIDGET = { name: "Widget" };
const WidgetTemplate = (id: string, label: string) => html`<div id=${id} class="widget">${label}</div>`;

const LayoutA = (state: State) =>
  html`<header><h1 title="${state.title}">${state.title}</h1><a href=${state.url} ${state.attrs}>link</a><button disabled=${state.flag}>${state.count}</button></header>${Banner(
    state.banner,
    state.title,
  )}<ul>${keyed(state.tasks, (task) => task.id, (task) => (state.memoRows ? component(TaskRowComponent, task) : TaskRow(task)))}</ul><div>${state.mixed}</div>${state.widgets.map(
    (id) => new LiveComponentRef(WIDGET, id, {}),
  )}<!-- ${state.title} -->`;
const LayoutB = (state: State) =>
  html`<main><p>${state.count}</p><ol>${state.tasks.map((task) => html`<li>${task.title}</li>`)}</ol>${safe("<hr>")}</main>`;
const View = (state: State): Template => (state.layout === "a" ? LayoutA(state) : LayoutB(state));

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomTask(random: () => number, id: number): Task {
  return { id, title: pick(random, TEXTS), done: random() < 0.5, pinned: random() < 0.1, tags: randomTags(random) };
}

function randomTags(random: () => number): string[] {
  return Array.from({ length: Math.floor(random() * 4) }, () => pick(random, ["a", "b", "c", "<x>"]));
}

function randomMixed(random: () => number): unknown[] {
  return Array.from({ length: Math.floor(random() * 4) }, () =>
    pick(random, [
      () => html`<b>${pick(random, TEXTS)}</b>`,
      () => html`<i>${pick(random, TEXTS)}</i>`,
      () => pick(random, TEXTS),
      () => Math.floor(random() * 100),
      () => null,
      () => [html`<u>${pick(random, TEXTS)}</u>`],
    ])(),
  );
}

function nextState(random: () => number, state: State, nextId: () => number): State {
  const next: State = { ...state, tasks: state.tasks.map((task) => ({ ...task })), widgetLabels: { ...state.widgetLabels } };
  const changes = 1 + Math.floor(random() * 3);
  for (let change = 0; change < changes; change++) {
    const roll = random();
    if (roll < 0.1) next.title = pick(random, TEXTS);
    else if (roll < 0.2) next.count += 1;
    else if (roll < 0.25) next.flag = pick(random, [true, false, null]);
    else if (roll < 0.3) next.url = pick(random, TEXTS);
    else if (roll < 0.35) next.attrs = pick(random, [null, { title: pick(random, TEXTS) }, { "data-x": 1, hidden: true, onclick: "x" }]);
    else if (roll < 0.42) next.banner = pick(random, ["none", "info", "warn"] as const);
    else if (roll < 0.5) next.mixed = randomMixed(random);
    else if (roll < 0.58) next.tasks.splice(Math.floor(random() * (next.tasks.length + 1)), 0, randomTask(random, nextId()));
    else if (roll < 0.64) next.tasks.splice(Math.floor(random() * next.tasks.length), 1);
    else if (roll < 0.7) next.tasks.reverse();
    else if (roll < 0.76) next.tasks.sort(() => random() - 0.5);
    else if (roll < 0.84 && next.tasks.length > 0) {
      const task = pick(random, next.tasks);
      if (random() < 0.5) task.title = pick(random, TEXTS);
      else if (random() < 0.5) task.done = !task.done;
      else if (random() < 0.3) task.pinned = !task.pinned;
      else task.tags = randomTags(random);
    } else if (roll < 0.86 && next.tasks.length > 0) next.tasks.push({ ...pick(random, next.tasks) }); // duplicate key
    else if (roll < 0.88) next.tasks = [];
    else if (roll < 0.92) next.widgets = pick(random, [[], ["w1"], ["w1", "w2"], ["w2", "w1"]]);
    else if (roll < 0.96) next.widgetLabels[pick(random, ["w1", "w2"])] = pick(random, TEXTS);
    else if (roll < 0.97) next.memoRows = !next.memoRows;
    else if (roll < 0.99) next.layout = next.layout === "a" ? "b" : "a";
  }
  return next;
}

/**
 * A LiveView in miniature: one view tracker, one tracker per live component, cids allocated on
 * first sight. When the view's tree is replaced, the client forgets its components, so every
 * component still in use is sent in full again.
 */
class MiniView {
  readonly #view: RenderTracker;
  readonly #components = new Map<string, { cid: number; tracker: RenderTracker }>();
  #nextCid = 1;
  #used = new Set<string>();

  constructor() {
    this.#view = new RenderTracker({ resolveComponent: (ref) => this.#resolve(String(ref.id)) });
  }

  render(state: State): RenderedRoot {
    this.#used = new Set();
    const diff = this.#view.render(View(state)) as RenderedRoot;
    // A replaced tree comes without components: the client holds none of them any more.
    if (this.#view.lastRenderWasFull) for (const entry of this.#components.values()) entry.tracker.reset();
    const components: Record<string, unknown> = {};
    for (const id of this.#used) {
      const entry = this.#components.get(id);
      if (entry === undefined) continue;
      const componentDiff = entry.tracker.render(WidgetTemplate(id, state.widgetLabels[id] ?? id));
      if (Object.keys(componentDiff).length > 0) components[String(entry.cid)] = componentDiff;
    }
    return Object.keys(components).length > 0 ? ({ ...diff, c: components } as RenderedRoot) : diff;
  }

  #resolve(id: string): number {
    this.#used.add(id);
    let entry = this.#components.get(id);
    if (entry === undefined) {
      entry = { cid: this.#nextCid++, tracker: new RenderTracker({ kind: "component" }) };
      this.#components.set(id, entry);
    }
    return entry.cid;
  }
}

function deadRender(state: State): string {
  return renderToString(View(state), { resolveComponentHtml: (ref) => renderToString(WidgetTemplate(String(ref.id), state.widgetLabels[String(ref.id)] ?? String(ref.id))) });
}

describe("round trip: diffs merged by the client reproduce the direct render", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("seed %i, 120 random state changes", (seed) => {
    const random = seededRandom(seed);
    let id = 0;
    const nextId = () => ++id;
    let state: State = {
      layout: "a",
      title: "start",
      memoRows: seed % 2 === 0,
      count: 0,
      flag: false,
      url: "/",
      attrs: null,
      tasks: [randomTask(random, nextId()), randomTask(random, nextId())],
      mixed: [],
      banner: "none",
      widgets: ["w1"],
      widgetLabels: {},
    };
    const view = new MiniView();
    const client = new ClientMirror(view.render(state));
    expect(client.html(), `seed ${seed} join`).toBe(deadRender(state));
    for (let step = 1; step <= 120; step++) {
      state = nextState(random, state, nextId);
      const diff = view.render(state);
      client.apply(diff);
      expect(client.html(), `seed ${seed} step ${step}`).toBe(deadRender(state));
      // rendering the same state again changes nothing
      expect(view.render(state), `seed ${seed} step ${step} (repeat)`).toEqual({});
    }
  });
});
