import { RenderedTree, splitDiffExtras, type RenderedRoot } from "@cinder/protocol";
import { defineLiveComponent, defineLiveView, html, liveComponent, type LiveStreams } from "@cinder/server";

/** What the components under test did, in order (reset by `resetLog`). */
export const log: string[] = [];
export function resetLog(): void {
  log.length = 0;
}

export interface Todo {
  id: number;
  title: string;
}

export type TodosInfo = { kind: "toggled"; id: number } | { kind: "rename-all"; title: string };

interface ItemProps {
  item: Todo;
}
interface ItemState {
  clicks: number;
}
interface ItemEvents {
  toggle: Record<string, never>;
  tell_parent: Record<string, never>;
  rename_sibling: { id: string; title: string };
  ping: Record<string, never>;
  leave: Record<string, never>;
  boom: Record<string, never>;
}

/** A row with its own click counter; phx-target=myself sends its clicks to it. */
export const TodoItem = defineLiveComponent<ItemProps, ItemState, ItemEvents, TodosInfo>({
  name: "TodoItem",
  mount(socket) {
    log.push(`mount ${socket.cid}`);
    socket.assign({ clicks: 0 });
  },
  update(props, socket) {
    log.push(`update ${socket.cid} ${props.item.title}`);
    socket.assign(props);
  },
  handleEvent: {
    toggle(_value, socket) {
      socket.update("clicks", (clicks) => clicks + 1);
    },
    tell_parent(_value, socket) {
      socket.sendParent({ kind: "toggled", id: socket.assigns.item.id });
    },
    rename_sibling(value, socket) {
      socket.sendUpdate(TodoItem, Number(value.id), { item: { id: Number(value.id), title: value.title } });
    },
    ping(_value, socket) {
      socket.pushEvent("pinged", { cid: socket.cid });
      return { reply: { pong: socket.assigns.item.id } };
    },
    leave(_value, socket) {
      socket.putFlash("info", `Item ${socket.assigns.item.id} says bye`);
      socket.pushNavigate("/todos?page=2");
    },
    boom() {
      throw new Error("the row exploded");
    },
  },
  render: (assigns) => html`<li id=${`todo-${assigns.item.id}`} phx-click="toggle" phx-target=${assigns.myself}>${assigns.item.title} ${assigns.clicks}</li>`,
});

interface TodosAssigns {
  todos: Todo[];
  layout: "list" | "grid";
  heading: string;
  told: string;
}
interface TodosEvents {
  add: { id: string; title: string };
  remove: { id: string };
  heading: { text: string };
  relayout: Record<string, never>;
  rename: { id: string; title: string };
  same_props: Record<string, never>;
}

export const initialTodos: readonly Todo[] = [
  { id: 1, title: "Write" },
  { id: 2, title: "Test" },
];

/** A list of TodoItem components, with a heading the components do not depend on. */
export const TodosLive = defineLiveView<TodosAssigns, TodosEvents, TodosInfo>({
  name: "TodosLive",
  mount(_params, _session, socket) {
    socket.assign({ todos: [...initialTodos], layout: "list", heading: "Todos", told: "" });
  },
  handleEvent: {
    add(value, socket) {
      socket.assign({ todos: [...socket.assigns.todos, { id: Number(value.id), title: value.title }] });
    },
    remove(value, socket) {
      socket.assign({ todos: socket.assigns.todos.filter((todo) => todo.id !== Number(value.id)) });
    },
    heading(value, socket) {
      socket.assign({ heading: value.text });
    },
    relayout(_value, socket) {
      socket.assign({ layout: socket.assigns.layout === "list" ? "grid" : "list" });
    },
    rename(value, socket) {
      socket.sendUpdate(TodoItem, Number(value.id), { item: { id: Number(value.id), title: value.title } });
    },
    same_props(_value, socket) {
      // New array, same todo objects: every component's props are shallow-equal to last time.
      socket.assign({ todos: [...socket.assigns.todos] });
    },
  },
  handleInfo(message, socket) {
    if (message.kind === "toggled") socket.assign({ told: `todo ${message.id} toggled` });
  },
  render: (assigns) =>
    assigns.layout === "list"
      ? html`<h1>${assigns.heading}</h1><ul>${assigns.todos.map((todo) => liveComponent(TodoItem, { id: todo.id, item: todo }))}</ul><p>${assigns.told}</p>`
      : html`<div class="grid">${assigns.todos.map((todo) => liveComponent(TodoItem, { id: todo.id, item: todo }))}</div><p>${assigns.told}</p>`,
});

// ---- nested components and a stream inside a component ----------------------------------------

interface BoardProps {
  title: string;
  cards: Todo[];
}
interface BoardState {
  streams: LiveStreams<{ notes: Todo }>;
  noteCount: number;
}
interface BoardEvents {
  note: { text: string };
}

export const Card = defineLiveComponent<{ card: Todo }, { flipped: boolean }, { flip: Record<string, never> }>({
  name: "Card",
  mount(socket) {
    socket.assign({ flipped: false });
  },
  handleEvent: {
    flip(_value, socket) {
      socket.update("flipped", (flipped) => !flipped);
    },
  },
  render: (assigns) => html`<article id=${`card-${assigns.card.id}`} phx-click="flip" phx-target=${assigns.myself}>${assigns.flipped ? "back" : assigns.card.title}</article>`,
});

/** A component holding Card components and a stream of notes. */
export const Board = defineLiveComponent<BoardProps, BoardState, BoardEvents>({
  name: "Board",
  mount(socket) {
    socket.assign({ noteCount: 1 });
    socket.stream("notes", [{ id: 1, title: "first note" }]);
  },
  handleEvent: {
    note(value, socket) {
      const id = socket.assigns.noteCount + 1;
      socket.assign({ noteCount: id });
      socket.streamInsert("notes", { id, title: value.text }, { at: 0 });
    },
  },
  render: (assigns) => html`<section id=${`board-${assigns.id}`}>
    <h2>${assigns.title}</h2>
    ${assigns.cards.map((card) => liveComponent(Card, { id: card.id, card }))}
    <ol id=${`notes-${assigns.id}`} phx-update="stream">${assigns.streams.notes.map(([domId, note]) => html`<li id=${domId}>${note.title}</li>`)}</ol>
  </section>`,
});

/** Card ids are unique across boards: a Card is identified by its id within the whole view. */
const cardsOf: Record<string, Todo[]> = {
  a: [
    { id: 1, title: "one" },
    { id: 2, title: "two" },
  ],
  b: [{ id: 3, title: "three" }],
  c: [{ id: 6, title: "six" }],
};

export const BoardsLive = defineLiveView<{ boards: string[] }, { more: Record<string, never> }>({
  name: "BoardsLive",
  mount(_params, _session, socket) {
    socket.assign({ boards: ["a", "b"] });
  },
  handleEvent: {
    more(_value, socket) {
      socket.assign({ boards: [...socket.assigns.boards, "c"] });
    },
  },
  render: (assigns) =>
    html`<main>${assigns.boards.map((board) => liveComponent(Board, { id: board, title: `Board ${board}`, cards: cardsOf[board] ?? [] }))}</main>`,
});

/**
 * The client's copy of a view's tree, as the official client keeps it: diffs merged after their
 * extras are taken off, HTML without client markers (what the dead render looks like).
 */
export class ClientTree {
  readonly #tree: RenderedTree;

  constructor(join: RenderedRoot) {
    this.#tree = new RenderedTree(structuredClone(join));
  }

  apply(diff: RenderedRoot): this {
    this.#tree.merge(structuredClone(splitDiffExtras(diff).diff));
    return this;
  }

  prune(cids: number[]): this {
    this.#tree.pruneComponents(cids);
    return this;
  }

  get componentIds(): number[] {
    return this.#tree.componentIds();
  }

  html(): string {
    return this.#tree.toHtml().html;
  }
}
