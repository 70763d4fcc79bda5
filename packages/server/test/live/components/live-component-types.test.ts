import { describe, expect, expectTypeOf, it } from "vitest";
import {
  defineLiveComponent,
  defineLiveView,
  html,
  liveComponent,
  LiveComponent,
  CinderServerError,
  type ComponentId,
  type LiveComponentSocket,
  type LiveStream,
  type LiveStreams,
  type StreamRender,
} from "@cinder/server";
import { LiveComponentRef } from "../../../src/live/template/live-component-ref.js";
import { thrownCode } from "../../support/thrown-code.js";

/*
 * The typing of live components and streams is API: these assertions are checked by
 * `npm run typecheck` (tsc -p tsconfig.tests.json), where an unused @ts-expect-error fails.
 */

interface Todo {
  id: number;
  title: string;
}
interface ItemProps {
  item: Todo;
}
interface ItemState {
  editing: boolean;
}
interface ItemEvents {
  toggle: Record<string, never>;
  rename: { title: string };
}
type ParentInfo = { kind: "saved"; id: number };

const todo: Todo = { id: 1, title: "Write" };

describe("live component typing", () => {
  it("types props, own assigns, events and the parent's messages", () => {
    const Item = defineLiveComponent<ItemProps, ItemState, ItemEvents, ParentInfo>({
      mount(socket) {
        expectTypeOf(socket).toEqualTypeOf<LiveComponentSocket<ItemProps & ItemState, ParentInfo>>();
        socket.assign({ editing: false });
        // @ts-expect-error an assign that is not declared
        socket.assign({ edting: true });
        socket.sendParent({ kind: "saved", id: 1 });
        // @ts-expect-error a message the parent view does not accept
        socket.sendParent("saved");
      },
      update(props, socket) {
        expectTypeOf(props.item).toEqualTypeOf<Todo>();
        expectTypeOf(props.id).toEqualTypeOf<ComponentId>();
        socket.assign(props);
      },
      handleEvent: {
        toggle(value, socket) {
          expectTypeOf(value).toEqualTypeOf<Record<string, never>>();
          socket.update("editing", (editing) => !editing);
        },
        rename(value, socket) {
          expectTypeOf(value).toEqualTypeOf<{ title: string }>();
          socket.assign({ item: { ...socket.assigns.item, title: value.title } });
          return { reply: { ok: true } };
        },
      },
      render: (assigns) => {
        expectTypeOf(assigns.myself).toEqualTypeOf<number>();
        expectTypeOf(assigns.id).toEqualTypeOf<ComponentId>();
        expectTypeOf(assigns.editing).toEqualTypeOf<boolean>();
        return html`<li phx-target=${assigns.myself}>${assigns.item.title}</li>`;
      },
    });
    expect(Item).toBeInstanceOf(LiveComponent);

    defineLiveComponent<ItemProps, ItemState, ItemEvents>({
      handleEvent: {
        toggle() {},
        rename() {},
        // @ts-expect-error an event that is not declared
        rnme() {},
      },
      render: () => html`<li></li>`,
    });
    defineLiveComponent<ItemProps, ItemState, ItemEvents>({
      // @ts-expect-error a declared event without a handler
      handleEvent: { toggle() {} },
      render: () => html`<li></li>`,
    });

    const ref = liveComponent(Item, { id: 1, item: todo });
    expect(ref).toBeInstanceOf(LiveComponentRef);
    // @ts-expect-error the id is required
    expect(() => liveComponent(Item, { item: todo })).toThrow(expect.objectContaining({ name: "CinderServerError", code: "CINDER_COMPONENT_INVALID_ID" }));
    // @ts-expect-error a prop of the wrong type
    liveComponent(Item, { id: 1, item: "Write" });
    // @ts-expect-error a prop the component does not declare
    liveComponent(Item, { id: 1, item: todo, extra: true });

    defineLiveView<{ todos: Todo[] }, { rename: { id: string } }>({
      handleEvent: {
        rename(value, socket) {
          socket.sendUpdate(Item, Number(value.id), { item: todo });
          // @ts-expect-error a prop of the wrong type
          socket.sendUpdate(Item, 1, { item: 42 });
        },
      },
      render: (assigns) => html`<ul>${assigns.todos.map((item) => liveComponent(Item, { id: item.id, item }))}</ul>`,
    });
  });

  it("checks definitions and references at runtime too (plain JavaScript callers)", () => {
    expect(thrownCode(() => defineLiveComponent(undefined as never))).toBe("CINDER_COMPONENT_INVALID_DEFINITION");
    expect(thrownCode(() => defineLiveComponent({} as never))).toBe("CINDER_COMPONENT_INVALID_DEFINITION");
    expect(thrownCode(() => defineLiveComponent({ render: () => html`<p></p>`, update: 1 } as never))).toBe("CINDER_COMPONENT_INVALID_DEFINITION");
    expect(thrownCode(() => defineLiveComponent({ render: () => html`<p></p>`, handleEvent: { go: "x" } } as never))).toBe("CINDER_COMPONENT_INVALID_DEFINITION");
    const Plain = defineLiveComponent<{ n: number }>({ render: (assigns) => html`<p>${assigns.n}</p>` });
    expect(thrownCode(() => liveComponent({ render: () => html`<p></p>` } as never, { id: 1 }))).toBe("CINDER_COMPONENT_NOT_A_COMPONENT");
    expect(thrownCode(() => liveComponent(Plain, { id: "", n: 1 }))).toBe("CINDER_COMPONENT_INVALID_ID");
    expect(thrownCode(() => liveComponent(Plain, { id: Number.NaN, n: 1 }))).toBe("CINDER_COMPONENT_INVALID_ID");
    expect(thrownCode(() => liveComponent(Plain, null as never))).toBe("CINDER_COMPONENT_INVALID_PROPS");
  });
});

interface Song {
  id: number;
  title: string;
}

describe("stream typing", () => {
  it("lets declared stream names and item types flow into the socket and assigns.streams", () => {
    defineLiveView<{ page: number; streams: LiveStreams<{ songs: Song }> }>({
      mount(_params, _session, socket) {
        socket.stream("songs", [{ id: 1, title: "one" }], { at: 0, limit: 10, domId: (song) => `song-${song.id}` });
        socket.streamInsert("songs", { id: 2, title: "two" }, { updateOnly: true });
        socket.streamDelete("songs", { id: 2, title: "two" });
        socket.streamDeleteByDomId("songs", "songs-2");
        // @ts-expect-error a stream that is not declared
        socket.stream("sngs", []);
        // @ts-expect-error an item of the wrong type
        socket.streamInsert("songs", { id: 3 });
        // @ts-expect-error an option streamInsert does not take
        socket.streamInsert("songs", { id: 3, title: "three" }, { reset: true });
      },
      render: (assigns) => {
        expectTypeOf(assigns.streams.songs).toEqualTypeOf<LiveStream<Song>>();
        const items = assigns.streams.songs.map(([domId, song]) => {
          expectTypeOf(domId).toEqualTypeOf<string>();
          expectTypeOf(song).toEqualTypeOf<Song>();
          return html`<li id=${domId}>${song.title}</li>`;
        });
        expectTypeOf(items).toEqualTypeOf<StreamRender>();
        return html`<ul id="songs" phx-update="stream">${items}</ul>`;
      },
    });

    defineLiveView<{ count: number }>({
      mount(_params, _session, socket) {
        // @ts-expect-error a view that declares no streams has none
        socket.stream("songs", []);
      },
      render: (assigns) => html`<p>${assigns.count}</p>`,
    });

    defineLiveComponent<{ title: string }, { streams: LiveStreams<{ tracks: Song }> }>({
      mount(socket) {
        socket.stream("tracks", []);
        // @ts-expect-error a stream the component does not declare
        socket.stream("songs", []);
      },
      render: (assigns) => html`<ol id="tracks" phx-update="stream">${assigns.streams.tracks.map(([domId, track]) => html`<li id=${domId}>${track.title}</li>`)}</ol>`,
    });
  });
});
