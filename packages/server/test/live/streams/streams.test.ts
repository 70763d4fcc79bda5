import { describe, expect, it } from "vitest";
import { RenderedTree, renderedToHtml, type RenderedRoot } from "@cinder/protocol";
import { defineLiveComponent, defineLiveView, html, liveComponent, type LiveStreams, type LiveViewSocket } from "@cinder/server";
import { retainedStreamItems } from "../../../src/live/streams/stream-registry.js";
import { click, startLiveServer, type Joined, type LivePage, type LiveServer } from "../support/live-server.js";
import type { RawClient } from "../../support/raw-client.js";

interface Song {
  id: number;
  title: string;
}

interface SongsAssigns {
  streams: LiveStreams<{ songs: Song; albums: Song }>;
}

interface SongsEvents {
  insert: { id: string; title: string; at?: string; limit?: string; update_only?: string };
  delete: { id: string };
  delete_dom_id: { dom_id: string };
  reset: { ids: string };
  batch: { from: string; count: string };
  twice: { id: string };
  insert_then_delete: { id: string };
  album: { id: string };
  measure: Record<string, never>;
}

/** The connected view's socket, for the white-box memory accessor. */
let connectedSocket: LiveViewSocket<SongsAssigns> | undefined;
/** Items the server held while the last handler ran (before its render). */
let retainedDuringHandler = -1;

const song = (id: number, title = `song ${id}`): Song => ({ id, title });

const SongsLive = defineLiveView<SongsAssigns, SongsEvents>({
  name: "SongsLive",
  mount(_params, _session, socket) {
    socket.stream("songs", [song(1, "one"), song(2, "two")]);
    socket.stream("albums", [], { domId: (album) => `album-${album.id}` });
    if (socket.connected) connectedSocket = socket;
  },
  handleEvent: {
    insert(value, socket) {
      socket.streamInsert("songs", song(Number(value.id), value.title), {
        at: value.at === undefined ? -1 : Number(value.at),
        limit: value.limit === undefined ? null : Number(value.limit),
        updateOnly: value.update_only === "true",
      });
    },
    delete(value, socket) {
      socket.streamDelete("songs", song(Number(value.id)));
    },
    delete_dom_id(value, socket) {
      socket.streamDeleteByDomId("songs", value.dom_id);
    },
    reset(value, socket) {
      socket.stream(
        "songs",
        value.ids.split(",").map((id) => song(Number(id))),
        { reset: true },
      );
    },
    batch(value, socket) {
      const from = Number(value.from);
      socket.stream("songs", Array.from({ length: Number(value.count) }, (_unused, index) => song(from + index)));
      retainedDuringHandler = retainedStreamItems(socket);
    },
    twice(value, socket) {
      socket.streamInsert("songs", song(Number(value.id), "first"));
      socket.streamInsert("songs", song(Number(value.id), "second"), { at: 0 });
    },
    insert_then_delete(value, socket) {
      socket.streamInsert("songs", song(Number(value.id)));
      socket.streamDelete("songs", song(Number(value.id)));
    },
    album(value, socket) {
      socket.streamInsert("albums", song(Number(value.id), "LP"));
    },
    measure() {},
  },
  render: (assigns) => html`<ul id="songs" phx-update="stream">${assigns.streams.songs.map(([domId, item]) => html`<li id="${domId}">${item.title}</li>`)}</ul><div id="albums" phx-update="stream">${assigns.streams.albums.map(([domId, album]) => html`<p id="${domId}">${album.title}</p>`)}</div>`,
});

interface Session {
  server: LiveServer;
  page: LivePage;
  client: RawClient;
  joined: Joined;
}

async function open(): Promise<Session> {
  const server = await startLiveServer({ liveSessions: { public: { routes: { "/songs": SongsLive, "/playlists": PlaylistsLive, "/broken": BrokenLive } } } });
  const { page, client, joined } = await server.open("/songs");
  return { server, page, client, joined };
}

async function send(session: Session, event: keyof SongsEvents, value: Record<string, string> = {}): Promise<unknown> {
  return (await click(session.client, session.joined, event, value)).payload.response;
}

/** `{diff: {"0": <stream comprehension>}}` for the songs stream. */
const songsDiff = (entries: Array<[string, string]>, inserts: unknown[], deletes: string[] = [], reset = false) => {
  const k: Record<string, unknown> = { kc: entries.length };
  entries.forEach(([domId, title], index) => (k[String(index)] = { "0": domId, "1": title }));
  return { diff: { "0": { k, stream: reset ? ["0", inserts, deletes, true] : ["0", inserts, deletes] } } };
};

describe("streams on the wire (spec §3.4.6)", () => {
  it("joins with the items as a stream comprehension, and the HTTP render shows them in order", async () => {
    const { page, joined } = await open();
    expect(joined.response.rendered).toEqual({
      "0": { s: 0, k: { "0": { "0": "songs-1", "1": "one" }, "1": { "0": "songs-2", "1": "two" }, kc: 2 }, stream: ["0", [["songs-1", -1, null, false], ["songs-2", -1, null, false]], []] },
      "1": { s: 1, k: { kc: 0 }, stream: ["1", [], []] },
      s: 2,
      p: {
        "0": ['<li id="', '">', "</li>"],
        "1": ["", ""],
        "2": ['<ul id="songs" phx-update="stream">', '</ul><div id="albums" phx-update="stream">', "</div>"],
      },
    });
    expect(page.container.inner).toBe('<ul id="songs" phx-update="stream"><li id="songs-1">one</li><li id="songs-2">two</li></ul><div id="albums" phx-update="stream"></div>');
    expect(page.container.inner).toBe(renderedToHtml(joined.response.rendered as RenderedRoot));
  });

  it("sends an insert with only the new item, at -1, 0 or an index", async () => {
    const session = await open();
    expect(await send(session, "insert", { id: "3", title: "three" })).toEqual(songsDiff([["songs-3", "three"]], [["songs-3", -1, null, false]]));
    expect(await send(session, "insert", { id: "4", title: "four", at: "0" })).toEqual(songsDiff([["songs-4", "four"]], [["songs-4", 0, null, false]]));
    expect(await send(session, "insert", { id: "5", title: "five <b>", at: "2" })).toEqual(songsDiff([["songs-5", "five &lt;b&gt;"]], [["songs-5", 2, null, false]]));
  });

  it("passes limits (positive keeps the first N, negative the last N) and update-only inserts", async () => {
    const session = await open();
    expect(await send(session, "insert", { id: "3", title: "three", limit: "-2" })).toEqual(songsDiff([["songs-3", "three"]], [["songs-3", -1, -2, false]]));
    expect(await send(session, "insert", { id: "4", title: "four", at: "0", limit: "2" })).toEqual(songsDiff([["songs-4", "four"]], [["songs-4", 0, 2, false]]));
    expect(await send(session, "insert", { id: "1", title: "ONE", update_only: "true" })).toEqual(songsDiff([["songs-1", "ONE"]], [["songs-1", -1, null, true]]));
  });

  it("deletes by item and by DOM id", async () => {
    const session = await open();
    expect(await send(session, "delete", { id: "1" })).toEqual(songsDiff([], [], ["songs-1"]));
    expect(await send(session, "delete_dom_id", { dom_id: "songs-2" })).toEqual(songsDiff([], [], ["songs-2"]));
  });

  it("resets: the flag plus the new items", async () => {
    const session = await open();
    expect(await send(session, "reset", { ids: "7,8" })).toEqual(songsDiff([["songs-7", "song 7"], ["songs-8", "song 8"]], [["songs-7", -1, null, false], ["songs-8", -1, null, false]], [], true));
    // The next operation is a plain insert again.
    expect(await send(session, "insert", { id: "9", title: "nine" })).toEqual(songsDiff([["songs-9", "nine"]], [["songs-9", -1, null, false]]));
  });

  it("keeps one insert per DOM id in a render, and drops an insert deleted in the same callback", async () => {
    const session = await open();
    expect(await send(session, "twice", { id: "3" })).toEqual(songsDiff([["songs-3", "second"]], [["songs-3", 0, null, false]]));
    expect(await send(session, "insert_then_delete", { id: "4" })).toEqual(songsDiff([], [], ["songs-4"]));
  });

  it("gives each stream of a view its own ref and DOM id function", async () => {
    const session = await open();
    expect(await send(session, "album", { id: "1" })).toEqual({
      diff: { "1": { s: 0, k: { "0": { "0": "album-1", "1": "LP" }, kc: 1 }, stream: ["1", [["album-1", -1, null, false]], []] }, p: { "0": ['<p id="', '">', "</p>"] } },
    });
  });

  it("answers a callback without stream operations with {}", async () => {
    const session = await open();
    expect(await send(session, "measure")).toEqual({});
  });

  it("lets the client turn the diffs into the stream instructions it patches with", async () => {
    const session = await open();
    const tree = new RenderedTree(session.joined.response.rendered as RenderedRoot);
    expect(tree.toHtml().streams).toEqual([["0", [["songs-1", -1, null, false], ["songs-2", -1, null, false]], []]]);
    const diff = (await send(session, "insert", { id: "3", title: "three", at: "0" })) as { diff: RenderedRoot };
    tree.merge(diff.diff);
    const rendered = tree.toHtml();
    // Only the new item is rendered; the client keeps the others in the DOM.
    expect(rendered.html).toBe('<ul id="songs" phx-update="stream"><li id="songs-3">three</li></ul><div id="albums" phx-update="stream"></div>');
    expect(rendered.streams).toEqual([["0", [["songs-3", 0, null, false]], []]]);
  });
});

describe("stream memory", () => {
  it("keeps no item after a render, however many were streamed; every diff carries only its own items", async () => {
    const session = await open();
    expect(retainedStreamItems(connectedSocket as object)).toBe(0);
    const batch = 250;
    for (let round = 0; round < 40; round++) {
      const from = 100 + round * batch;
      const response = (await send(session, "batch", { from: String(from), count: String(batch) })) as { diff: Record<string, any> };
      // While the handler ran, the queued batch was held; once sent, nothing is.
      expect(retainedDuringHandler).toBe(batch);
      expect(retainedStreamItems(connectedSocket as object)).toBe(0);
      const stream = response.diff["0"];
      expect(stream.k.kc).toBe(batch);
      expect(stream.k["0"]).toEqual({ "0": `songs-${from}`, "1": `song ${from}` });
      expect(stream.stream[1]).toHaveLength(batch);
    }
  });
});

// ---- a stream inside a live component ----------------------------------------------------------

interface PlaylistState {
  streams: LiveStreams<{ tracks: Song }>;
  next: number;
}

const Playlist = defineLiveComponent<{ name: string }, PlaylistState, { add: Record<string, never>; clear: Record<string, never> }>({
  name: "Playlist",
  mount(socket) {
    socket.assign({ next: 2 });
    socket.stream("tracks", [song(1, "intro")], { domId: (track) => `${socket.assigns.id}-track-${track.id}` });
  },
  handleEvent: {
    add(_value, socket) {
      socket.streamInsert("tracks", song(socket.assigns.next, "more"));
      socket.update("next", (next) => next + 1);
    },
    clear(_value, socket) {
      socket.stream("tracks", [], { reset: true });
    },
  },
  render: (assigns) => html`<ol id="${assigns.id}" phx-update="stream">${assigns.streams.tracks.map(([domId, track]) => html`<li id="${domId}">${track.title}</li>`)}</ol>`,
});

const PlaylistsLive = defineLiveView<{ names: string[] }>({
  name: "PlaylistsLive",
  mount: (_params, _session, socket) => socket.assign({ names: ["rock", "jazz"] }),
  render: (assigns) => html`<div>${assigns.names.map((name) => liveComponent(Playlist, { id: name, name }))}</div>`,
});

describe("streams inside live components", () => {
  it("use refs \"<cid>-<n>\", send only new items in the component's diff, and reset", async () => {
    const { server } = await open();
    const { page, client, joined } = await server.open("/playlists");
    const rendered = joined.response.rendered as RenderedRoot;
    expect(page.container.inner).toBe(renderedToHtml(rendered));
    expect(rendered.c?.["2"]).toEqual({
      "0": "jazz",
      "1": { s: ['<li id="', '">', "</li>"], k: { "0": { "0": "jazz-track-1", "1": "intro" }, kc: 1 }, stream: ["2-0", [["jazz-track-1", -1, null, false]], []] },
      s: ['<ol id="', '" phx-update="stream">', "</ol>"],
      r: 1,
    });
    // Without phx-target (no cid) the click goes to the view, which has no "add".
    expect((await click(client, joined, "add")).payload).toEqual({ status: "error", response: { reason: "unknown event", event: "add" } });
    const added = await client.replyTo(client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "add", value: {}, cid: 2 }));
    expect(added.payload.response).toEqual({ diff: { c: { "2": { "1": { k: { "0": { "0": "jazz-track-2", "1": "more" }, kc: 1 }, stream: ["2-0", [["jazz-track-2", -1, null, false]], []] } } } } });
    const cleared = await client.replyTo(client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "clear", value: {}, cid: 1 }));
    expect(cleared.payload.response).toEqual({ diff: { c: { "1": { "1": { k: { kc: 0 }, stream: ["1-0", [], [], true] } } } } });
  });
});

// ---- misuse --------------------------------------------------------------------------------------

interface BrokenAssigns {
  streams: LiveStreams<{ songs: Song }>;
}
type Misuse = "no_id" | "unknown" | "bad_at" | "reserved" | "not_iterable" | "bad_option";

const BrokenLive = defineLiveView<BrokenAssigns, Record<Misuse, Record<string, never>>>({
  name: "BrokenLive",
  mount: (_params, _session, socket) => socket.stream("songs", []),
  handleEvent: {
    no_id: (_value, socket) => socket.streamInsert("songs", { title: "no id" } as Song),
    unknown: (_value, socket) => (socket as unknown as LiveViewSocket<{ streams: LiveStreams<{ other: Song }> }>).streamInsert("other", song(1)),
    bad_at: (_value, socket) => socket.streamInsert("songs", song(1), { at: -5 }),
    reserved: (_value, socket) => socket.assign({ streams: {} } as never),
    not_iterable: (_value, socket) => socket.stream("songs", 42 as never),
    bad_option: (_value, socket) => socket.stream("songs", [], { prepend: true } as never),
  },
  render: (assigns) => html`<ul id="songs" phx-update="stream">${assigns.streams.songs.map(([domId, item]) => html`<li id="${domId}">${item.title}</li>`)}</ul>`,
});

describe("stream misuse", () => {
  it.each([
    ["no_id", "CINDER_STREAM_ITEM_WITHOUT_ID", 'An item of the stream "songs" has no id'],
    ["unknown", "CINDER_STREAM_UNKNOWN", 'streamInsert("other", …) was called before the stream exists'],
    ["bad_at", "CINDER_STREAM_INVALID_OPTION", "The option at of the stream \"songs\" must be -1 (append), 0 (prepend) or a positive index; got number -5"],
    ["reserved", "CINDER_STREAM_RESERVED_ASSIGN", 'The assign "streams" is managed by Cinder'],
    ["not_iterable", "CINDER_STREAM_NOT_ITERABLE", 'socket.stream("songs", items) needs an array'],
    ["bad_option", "CINDER_STREAM_INVALID_OPTION", "The option prepend of the stream \"songs\" is not known here (known: at, limit, reset, domId); got boolean true"],
  ])("%s crashes the view with %s and a message saying what to do", async (event, code, message) => {
    const { server } = await open();
    const { client, joined } = await server.open("/broken");
    client.push(joined.joinRef, joined.topic, "event", { type: "click", event, value: {} });
    await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    const record = server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0];
    expect(record?.message).toContain(`handleEvent "${event}" of BrokenLive threw: ${message}`);
    expect(((record?.fields.err as Error).cause as { code?: string }).code).toBe(code);
  });
});
