import type { StreamRender } from "../template/stream-render.js";
import type { Template } from "../template/template.js";

/**
 * One stream as a template sees it (`assigns.streams.songs`): the items queued since the last
 * render, ready to be rendered where the stream's children go.
 */
export interface LiveStream<Item> {
  /** The name given to `socket.stream(name, …)`. */
  readonly name: string;
  /**
   * Renders the queued items, each from `[domId, item]`, as the children of an element with
   * `phx-update="stream"` and an `id`. Each item's template must have one root element whose
   * `id` is `domId`. Items already sent are not rendered again: the browser keeps them.
   *
   * @example
   * ```ts
   * html`<ul id="songs" phx-update="stream">${assigns.streams.songs.map(([domId, song]) => html`<li id=${domId}>${song.title}</li>`)}</ul>`
   * ```
   */
  map(render: (entry: readonly [domId: string, item: Item], index: number) => Template): StreamRender;
}

/**
 * The streams of a view or component, declared in its assigns type as
 * `streams: LiveStreams<{ songs: Song }>`: names and item types then flow into `socket.stream`,
 * `socket.streamInsert`, … and into `assigns.streams` in `render`. The `streams` assign is
 * managed by Cinder (it exists once `socket.stream(name, …)` was called).
 *
 * @example
 * ```ts
 * interface PlaylistAssigns { title: string; streams: LiveStreams<{ songs: Song }> }
 * ```
 */
export type LiveStreams<Items extends object> = { readonly [Name in keyof Items]: LiveStream<Items[Name]> };

/** The item type of each declared stream of `Assigns` (none when it declares no `streams`). */
export type StreamItemsOf<Assigns> = Assigns extends { readonly streams: infer Streams }
  ? { [Name in keyof Streams]: Streams[Name] extends LiveStream<infer Item> ? Item : never }
  : {};

/** The declared stream names of `Assigns`. */
export type StreamNameOf<Assigns> = keyof StreamItemsOf<Assigns> & string;

/** The item type of the stream `Name` of `Assigns`. */
export type StreamItemOf<Assigns, Name extends StreamNameOf<Assigns>> = StreamItemsOf<Assigns>[Name];

/** Options of `socket.stream(name, items, options)`. */
export interface StreamOptions<Item> {
  /**
   * Where each item goes: `-1` (default) appends, `0` prepends, `n` inserts at index n. Items
   * are inserted one by one, so a batch inserted at `0` shows up in reverse order (as in Phoenix).
   */
  readonly at?: number;
  /** After each insert, keep only the first N (positive) or the last N (negative) children. */
  readonly limit?: number | null;
  /** Remove every item of the stream from the page before inserting these. */
  readonly reset?: boolean;
  /** The DOM id of an item. Default: `` `${name}-${item.id}` ``. Applies to every later operation on the stream. */
  readonly domId?: (item: Item) => string;
}

/** Options of `socket.streamInsert(name, item, options)`. */
export interface StreamInsertOptions {
  /** `-1` (default) appends, `0` prepends, `n` inserts at index n. An item already on the page is updated in place. */
  readonly at?: number;
  /** After the insert, keep only the first N (positive) or the last N (negative) children. */
  readonly limit?: number | null;
  /** Only update the item if it is already on the page; never add it. */
  readonly updateOnly?: boolean;
}

/**
 * The stream operations of a view's or a component's socket. Operations are queued and sent
 * with the next render; the server forgets the items once they are sent (the browser keeps them
 * in the DOM), so memory stays flat however many items go through a stream.
 *
 * @example
 * ```ts
 * mount(_params, _session, socket) { socket.stream("songs", await songs.list()); },
 * handleEvent: {
 *   add(value, socket) { socket.streamInsert("songs", { id: nextId(), title: value.title }, { at: 0, limit: 50 }); },
 *   remove(value, socket) { socket.streamDeleteByDomId("songs", value.id); },
 * },
 * ```
 */
export interface LiveStreamOperations<Assigns extends object> {
  /** Creates the stream (first call) or inserts `items` into it; `{ reset: true }` empties it first. */
  stream<Name extends StreamNameOf<Assigns>>(name: Name, items: Iterable<StreamItemOf<Assigns, Name>>, options?: StreamOptions<StreamItemOf<Assigns, Name>>): void;
  /** Inserts one item, or updates it in place when its DOM id is already on the page. */
  streamInsert<Name extends StreamNameOf<Assigns>>(name: Name, item: StreamItemOf<Assigns, Name>, options?: StreamInsertOptions): void;
  /** Removes the item (found by its DOM id) from the page. */
  streamDelete<Name extends StreamNameOf<Assigns>>(name: Name, item: StreamItemOf<Assigns, Name>): void;
  /** Removes the element with this DOM id from the page (e.g. an id sent by `phx-value-id`). */
  streamDeleteByDomId(name: StreamNameOf<Assigns>, domId: string): void;
}
