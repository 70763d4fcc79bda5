// LiveView rendering benchmark: what one update costs with change tracking (RenderTracker: the
// diff Cinder sends) against the baseline of re-rendering the whole page to HTML and sending it
// (what a server without change tracking does), both measured in this run.
//
//   node --expose-gc tests/bench/live-render.mjs
import { html, keyed, component, renderToString } from "@cinder/server";
import { RenderTracker } from "@cinder/server/template-engine";
import { median, report } from "./lib/harness.mjs";

const Row = (book) => html`<tr id=${`book-${book.id}`}><td>${book.title}</td><td>${book.author}</td><td class=${["stock", book.stock === 0 && "out"]}>${book.stock}</td></tr>`;

const scenarios = {
  "counter +1": {
    initial: { count: 0 },
    update: (state) => ({ count: state.count + 1 }),
    render: (state) => html`<main><h1>Count: ${state.count}</h1><button phx-click="dec">-</button><button phx-click="inc" phx-value-by="1">+</button></main>`,
  },
  "form validate (one field + error)": {
    initial: { name: "", email: "", errors: {} },
    update: (state) => {
      const name = state.name.length > 8 ? "A" : `${state.name}a`;
      return { ...state, name, errors: name.length < 3 ? { name: "must be at least 3 characters" } : {} };
    },
    render: (state) => html`<form id="signup" phx-change="validate" phx-submit="save">
      <label>Name <input name="user[name]" value=${state.name}></label>${state.errors.name && html`<p class="error">${state.errors.name}</p>`}
      <label>Email <input name="user[email]" value=${state.email}></label>${state.errors.email && html`<p class="error">${state.errors.email}</p>`}
      <button phx-disable-with="Saving…">Save</button></form>`,
  },
  "1,000-row table: one row changes": {
    initial: { books: Array.from({ length: 1000 }, (_, id) => ({ id, title: `Book ${id}`, author: `Author ${id % 97}`, stock: id % 5 })) },
    update: (state) => {
      const books = [...state.books];
      const index = (state.tick ?? 0) % books.length;
      books[index] = { ...books[index], stock: books[index].stock + 1 };
      return { books, tick: (state.tick ?? 0) + 7 };
    },
    render: (state) => html`<table><tbody>${keyed(state.books, (book) => book.id, (book) => component(Row, book))}</tbody></table>`,
  },
  "1,000-row table: sorted the other way": {
    initial: { books: Array.from({ length: 1000 }, (_, id) => ({ id, title: `Book ${id}`, author: `Author ${id % 97}`, stock: id % 5 })) },
    update: (state) => ({ books: [...state.books].reverse() }),
    render: (state) => html`<table><tbody>${keyed(state.books, (book) => book.id, (book) => component(Row, book))}</tbody></table>`,
  },
};

function measureScenario(scenario, updates) {
  const tracker = new RenderTracker();
  let state = scenario.initial;
  const fullRender = JSON.stringify(tracker.render(scenario.render(state)));
  const diffBytes = [];
  const htmlBytes = [];
  const trackedMicros = [];
  const fullHtmlMicros = [];
  for (let index = 0; index < updates; index++) {
    state = scenario.update(state);
    // Interleave contestant and baseline on the same state.
    let started = performance.now();
    const diff = JSON.stringify(tracker.render(scenario.render(state)));
    trackedMicros.push((performance.now() - started) * 1000);
    started = performance.now();
    const page = renderToString(scenario.render(state));
    fullHtmlMicros.push((performance.now() - started) * 1000);
    diffBytes.push(Buffer.byteLength(diff));
    htmlBytes.push(Buffer.byteLength(page));
  }
  return { joinBytes: Buffer.byteLength(fullRender), diffBytes: median(diffBytes), htmlBytes: median(htmlBytes), trackedMicros: median(trackedMicros), fullHtmlMicros: median(fullHtmlMicros) };
}

const rows = {};
for (const [name, scenario] of Object.entries(scenarios)) {
  measureScenario(scenario, 50); // warm-up
  const result = measureScenario(scenario, 200);
  rows[name] = {
    "join bytes": result.joinBytes,
    "diff bytes": result.diffBytes,
    "full HTML bytes": result.htmlBytes,
    "bytes ratio": Math.round((result.diffBytes / result.htmlBytes) * 1000) / 1000,
    "diff µs": Math.round(result.trackedMicros),
    "full HTML µs": Math.round(result.fullHtmlMicros),
    "CPU ratio": Math.round((result.trackedMicros / result.fullHtmlMicros) * 100) / 100,
  };
}
report("live-render: one update, change-tracked diff vs full HTML re-render (medians of 200)", rows);
