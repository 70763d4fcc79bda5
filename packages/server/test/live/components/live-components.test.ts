import { beforeEach, describe, expect, it } from "vitest";
import { renderedToHtml, type RenderedRoot } from "@cinder/protocol";
import { defineLiveComponent, defineLiveView, html, liveComponent, type ComponentId, type LiveComponent } from "@cinder/server";
import { click, pushEvent, startLiveServer, type Joined, type LivePage, type LiveServer } from "../support/live-server.js";
import type { RawClient } from "../../support/raw-client.js";
import { BoardsLive, ClientTree, log, resetLog, TodosLive } from "./fixtures.js";
import { CounterLive } from "../support/views.js";

interface Session {
  server: LiveServer;
  page: LivePage;
  client: RawClient;
  joined: Joined;
  tree: ClientTree;
}

async function open(path = "/todos"): Promise<Session> {
  const server = await startLiveServer({ liveSessions: { public: { routes: { "/todos": TodosLive, "/boards": BoardsLive, "/counter": CounterLive } } } });
  const page = await server.get(path);
  resetLog(); // the log holds the connected mount
  const client = await server.connect(page);
  const joined = await server.join(client, page);
  return { server, page, client, joined, tree: new ClientTree(joined.response.rendered as RenderedRoot) };
}

/** An event sent with phx-target=cid. */
async function componentEvent(session: Session, cid: number, event: string, value: Record<string, unknown> = {}) {
  const reply = await pushEvent(session.client, session.joined, { type: "click", event, value, cid });
  return reply.payload as { status: string; response: { diff?: RenderedRoot } & Record<string, unknown> };
}

async function viewEvent(session: Session, event: string, value: Record<string, unknown> = {}) {
  return (await click(session.client, session.joined, event, value)).payload as { status: string; response: { diff?: RenderedRoot } & Record<string, unknown> };
}

async function lifecycle(session: Session, event: "cids_will_destroy" | "cids_destroyed", cids: number[]) {
  const ref = session.client.push(session.joined.joinRef, session.joined.topic, event, { cids });
  return (await session.client.replyTo(ref, session.joined.topic)).payload;
}

const ROW_STATICS = ["<li", ' phx-click="toggle"', ">", " ", "</li>"];
const row = (id: number, cid: number, title: string, clicks: number) => ({ "0": ` id="todo-${id}"`, "1": ` phx-target="${cid}"`, "2": title, "3": String(clicks), s: ROW_STATICS, r: 1 });

beforeEach(resetLog);

describe("live components: first render", () => {
  it("joins with each component in \"c\" (r: 1, inline statics), cids 1, 2 in order of appearance, and cid references in the view", async () => {
    const { joined } = await open();
    expect(joined.response.rendered).toEqual({
      "0": "Todos",
      "1": { s: 0, k: { "0": { "0": 1 }, "1": { "0": 2 }, kc: 2 } },
      "2": "",
      s: 1,
      p: { "0": ["", ""], "1": ["<h1>", "</h1><ul>", "</ul><p>", "</p>"] },
      c: { "1": row(1, 1, "Write", 0), "2": row(2, 2, "Test", 0) },
    });
    expect(log).toEqual(["mount 1", "update 1 Write", "mount 2", "update 2 Test"]);
  });

  it("renders components inline in the HTTP render, equal to the client's rendering of the join", async () => {
    const { page, joined } = await open();
    expect(page.container.inner).toBe(
      '<h1>Todos</h1><ul><li id="todo-1" phx-click="toggle" phx-target="1">Write 0</li><li id="todo-2" phx-click="toggle" phx-target="2">Test 0</li></ul><p></p>',
    );
    expect(page.container.inner).toBe(renderedToHtml(joined.response.rendered as RenderedRoot));
  });

  it("renders nested components and a stream inside a component the same way over HTTP and in the join (cids breadth first)", async () => {
    const { page, joined } = await open("/boards");
    const rendered = joined.response.rendered as RenderedRoot;
    expect(page.container.inner).toBe(renderedToHtml(rendered));
    // Boards a and b are met by the view (cids 1, 2), then their cards (3, 4 in a; 5 in b).
    expect(Object.keys(rendered.c ?? {})).toEqual(["1", "2", "3", "4", "5"]);
    expect(page.container.inner).toContain('<article id="card-3" phx-click="flip" phx-target="5">three</article>');
    expect(page.container.inner).toContain('<ol id="notes-a" phx-update="stream"><li id="notes-1">first note</li></ol>');
    // The stream inside component 1 has the ref "<cid>-0".
    expect(JSON.stringify(rendered.c?.["1"])).toContain('"stream":["1-0",[["notes-1",-1,null,false]],[]]');
  });
});

describe("live components: events and diffs", () => {
  it("answers a component's own event with a component-only diff: only {\"c\":{cid:{…}}}, without rendering the view", async () => {
    const session = await open();
    resetLog();
    const reply = await componentEvent(session, 2, "toggle");
    expect(JSON.stringify(reply)).toBe('{"status":"ok","response":{"diff":{"c":{"2":{"3":"1"}}}}}');
    expect(log).toEqual([]); // neither mount nor update ran again
    expect(session.tree.apply(reply.response.diff as RenderedRoot).html()).toContain('<li id="todo-2" phx-click="toggle" phx-target="2">Test 1</li>');
    // The other component of the same definition kept its own state.
    expect(JSON.stringify((await componentEvent(session, 1, "toggle")).response)).toBe('{"diff":{"c":{"1":{"3":"1"}}}}');
    expect(JSON.stringify((await componentEvent(session, 2, "toggle")).response)).toBe('{"diff":{"c":{"2":{"3":"2"}}}}');
  });

  it("does not update or send components when the parent re-renders with shallow-equal props", async () => {
    const session = await open();
    resetLog();
    expect((await viewEvent(session, "heading", { text: "Mine" })).response).toEqual({ diff: { "0": "Mine" } });
    expect((await viewEvent(session, "same_props")).response).toEqual({});
    expect(log).toEqual([]);
  });

  it("updates a component given new props and sends only its changes; a new component comes whole with a new cid", async () => {
    const session = await open();
    resetLog();
    const added = await viewEvent(session, "add", { id: "3", title: "Ship" });
    expect(added.response.diff).toEqual({ "1": { k: { "2": { "0": 3 }, kc: 3 } }, c: { "3": row(3, 3, "Ship", 0) } });
    expect(log).toEqual(["mount 3", "update 3 Ship"]);
    expect(session.tree.apply(added.response.diff as RenderedRoot).html()).toBe(
      '<h1>Todos</h1><ul><li id="todo-1" phx-click="toggle" phx-target="1">Write 0</li><li id="todo-2" phx-click="toggle" phx-target="2">Test 0</li><li id="todo-3" phx-click="toggle" phx-target="3">Ship 0</li></ul><p></p>',
    );
  });

  it("resends every component whole (same cids) when the view's root template changes", async () => {
    const session = await open();
    await componentEvent(session, 1, "toggle").then((reply) => session.tree.apply(reply.response.diff as RenderedRoot));
    const relayout = await viewEvent(session, "relayout");
    const diff = relayout.response.diff as RenderedRoot;
    expect(diff).toEqual({
      "0": { s: 0, k: { "0": { "0": 1 }, "1": { "0": 2 }, kc: 2 } },
      "1": "",
      s: 1,
      p: { "0": ["", ""], "1": ['<div class="grid">', "</div><p>", "</p>"] },
      c: { "1": row(1, 1, "Write", 1), "2": row(2, 2, "Test", 0) },
    });
    expect(session.tree.apply(diff).html()).toBe(
      '<div class="grid"><li id="todo-1" phx-click="toggle" phx-target="1">Write 1</li><li id="todo-2" phx-click="toggle" phx-target="2">Test 0</li></div><p></p>',
    );
    // After the full render, diffs are small again.
    expect(JSON.stringify((await componentEvent(session, 1, "toggle")).response)).toBe('{"diff":{"c":{"1":{"3":"2"}}}}');
  });

  it("routes events of nested components to them: a Card's flip sends only that card", async () => {
    const session = await open("/boards");
    expect(JSON.stringify((await componentEvent(session, 4, "flip")).response)).toBe('{"diff":{"c":{"4":{"2":"back"}}}}');
    // A new board mounts with the next cids (its own card after it).
    const more = (await viewEvent(session, "more")).response.diff as RenderedRoot;
    expect(Object.keys(more.c ?? {})).toEqual(["6", "7"]);
    expect(more["0"]).toEqual({ k: { "2": { "0": 6 }, kc: 3 } });
  });

  it("sends a stream insert made inside a component with the component's stream ref", async () => {
    const session = await open("/boards");
    const reply = await componentEvent(session, 2, "note", { text: "second <note>" });
    expect(reply.response.diff).toEqual({
      c: { "2": { "4": { k: { "0": { "0": ' id="notes-2"', "1": "second &lt;note&gt;" }, kc: 1 }, stream: ["2-0", [["notes-2", 0, null, false]], []] } } },
    });
  });

  it("lets a component act on its view: pushEvent into \"e\", a hook reply into \"r\", sendParent → handleInfo, navigation with flash", async () => {
    const session = await open();
    expect((await componentEvent(session, 1, "ping")).response).toEqual({ diff: { e: [["pinged", { cid: 1 }]], r: { pong: 1 } } });

    expect((await componentEvent(session, 2, "tell_parent")).response).toEqual({});
    const told = await session.client.waitForText((frame) => frame.event === "diff" && frame.topic === session.joined.topic, "the parent's diff");
    expect(told.payload).toEqual({ "2": "todo 2 toggled" });

    const leave = await componentEvent(session, 1, "leave");
    expect(leave).toEqual({ status: "ok", response: { live_redirect: { to: "/todos?page=2", kind: "push", flash: expect.any(String) } } });
    const flash = (leave.response.live_redirect as { flash: string }).flash;
    // The token's payload (base64url JSON, signed not encrypted) carries the component's flash.
    expect(Buffer.from(flash.split(".")[2] ?? "", "base64url").toString()).toContain('"info":"Item 1 says bye"');
  });

  it("sendUpdate from the view runs the component's update with its props merged, and sends only that component", async () => {
    const session = await open();
    resetLog();
    const reply = await viewEvent(session, "rename", { id: "2", title: "Review" });
    expect(JSON.stringify(reply.response)).toBe('{"diff":{"c":{"2":{"2":"Review"}}}}');
    expect(log).toEqual(["update 2 Review"]);
  });

  it("sendUpdate from one component to another sends the other one", async () => {
    const session = await open();
    const reply = await componentEvent(session, 1, "rename_sibling", { id: "2", title: "Renamed" });
    expect(JSON.stringify(reply.response)).toBe('{"diff":{"c":{"2":{"2":"Renamed"}}}}');
    // A target that does not exist is dropped (logged at debug level), nothing else happens.
    expect((await componentEvent(session, 1, "rename_sibling", { id: "99", title: "nobody" })).response).toEqual({});
    expect(session.server.logger.withCode("CINDER_COMPONENT_UPDATE_TARGET_MISSING")).toHaveLength(1);
  });
});

describe("live components: updates within one render", () => {
  // A child reports its value to its parent while the parent renders it: the parent, already
  // rendered in this pass, is rendered again — whole, so the "c" map stays one consistent diff.
  const Reporter = defineLiveComponent<{ value: number; parentId: ComponentId }>({
    name: "Reporter",
    update(props, socket) {
      socket.assign(props);
      socket.sendUpdate(Gauge, props.parentId, { seen: props.value });
    },
    render: (assigns) => html`<i>${assigns.value}</i>`,
  });
  const Gauge: LiveComponent<{ value: number; seen?: number }> = defineLiveComponent<{ value: number; seen?: number }>({
    name: "Gauge",
    render: (assigns) => html`<b>seen ${assigns.seen ?? "nothing"}: ${liveComponent(Reporter, { id: "r", value: assigns.value, parentId: assigns.id })}</b>`,
  });
  const GaugeLive = defineLiveView<{ value: number }, { inc: Record<string, never> }>({
    name: "GaugeLive",
    mount: (_params, _session, socket) => socket.assign({ value: 1 }),
    handleEvent: { inc: (_value, socket) => socket.update("value", (value) => value + 1) },
    render: (assigns) => html`<div>${liveComponent(Gauge, { id: "g", value: assigns.value })}</div>`,
  });

  it("renders a component again, whole, when a child updates it during the same render", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/gauge": GaugeLive } } } });
    const { page, client, joined } = await server.open("/gauge");
    const tree = new ClientTree(joined.response.rendered as RenderedRoot);
    expect(page.container.inner).toBe("<div><b>seen 1: <i>1</i></b></div>");
    expect(tree.html()).toBe(page.container.inner);
    const reply = (await click(client, joined, "inc")).payload.response as { diff: RenderedRoot };
    expect(reply.diff).toEqual({
      c: { "1": { "0": "2", "1": 2, s: ["<b>seen ", ": ", "</b>"], r: 1 }, "2": { "0": "2" } },
    });
    expect(tree.apply(reply.diff).html()).toBe("<div><b>seen 2: <i>2</i></b></div>");
  });
});

describe("live components: the client's lifecycle messages (spec §3.13)", () => {
  it("keeps a component the parent stopped rendering until cids_destroyed, then forgets it; the id mounts anew with a new cid", async () => {
    const session = await open();
    const removed = await viewEvent(session, "remove", { id: "1" });
    expect(removed.response.diff).toEqual({ "1": { k: { "0": { "0": 2 }, kc: 1 } } });
    // Still alive: the client may still send it events until it says it destroyed it.
    expect(JSON.stringify((await componentEvent(session, 1, "toggle")).response)).toBe('{"diff":{"c":{"1":{"3":"1"}}}}');

    expect(await lifecycle(session, "cids_will_destroy", [1])).toEqual({ status: "ok", response: {} });
    expect(await lifecycle(session, "cids_destroyed", [1])).toEqual({ status: "ok", response: { cids: [1] } });
    expect(await componentEvent(session, 1, "toggle")).toEqual({ status: "ok", response: {} });

    resetLog();
    const readded = await viewEvent(session, "add", { id: "1", title: "Write again" });
    expect(readded.response.diff).toEqual({ "1": { k: { "1": { "0": 3 }, kc: 2 } }, c: { "3": row(1, 3, "Write again", 0) } });
    expect(log).toEqual(["mount 3", "update 3 Write again"]);
  });

  it("revives a marked component rendered again before cids_destroyed: sent whole, same cid, not deleted", async () => {
    const session = await open();
    await componentEvent(session, 1, "toggle");
    await viewEvent(session, "remove", { id: "1" });
    expect(await lifecycle(session, "cids_will_destroy", [1])).toEqual({ status: "ok", response: {} });
    resetLog();
    const back = await viewEvent(session, "add", { id: "1", title: "Write" });
    // Its state survived (1 click), and it comes whole because the client is about to drop it.
    expect(back.response.diff).toEqual({ "1": { k: { "1": { "0": 1 }, kc: 2 } }, c: { "1": row(1, 1, "Write", 1) } });
    expect(log).toEqual(["update 1 Write"]);
    expect(await lifecycle(session, "cids_destroyed", [1])).toEqual({ status: "ok", response: { cids: [] } });
    expect(JSON.stringify((await componentEvent(session, 1, "toggle")).response)).toBe('{"diff":{"c":{"1":{"3":"2"}}}}');
  });

  it("deletes only announced cids, answers unknown ones with nothing, and refuses malformed lists", async () => {
    const session = await open();
    expect(await lifecycle(session, "cids_destroyed", [2, 42])).toEqual({ status: "ok", response: { cids: [] } });
    expect(JSON.stringify((await componentEvent(session, 2, "toggle")).response)).toBe('{"diff":{"c":{"2":{"3":"1"}}}}');
    const ref = session.client.push(session.joined.joinRef, session.joined.topic, "cids_will_destroy", { cids: [1, "2"] });
    expect((await session.client.replyTo(ref)).payload.status).toBe("error");
  });
});

describe("live components: bad input and crashes", () => {
  it("answers an event for an unknown cid with {} and logs it once", async () => {
    const session = await open();
    expect(await componentEvent(session, 77, "toggle")).toEqual({ status: "ok", response: {} });
    expect(await componentEvent(session, 78, "toggle")).toEqual({ status: "ok", response: {} });
    const records = session.server.logger.withCode("CINDER_COMPONENT_UNKNOWN_CID");
    expect(records).toHaveLength(1);
    expect(records[0]?.message).toContain("TodosLive received an event for the live component 77");
  });

  it("answers an event the component does not handle with an error reply, logs it, and keeps the view running", async () => {
    const session = await open();
    expect(await componentEvent(session, 1, "toString")).toEqual({ status: "error", response: { reason: "unknown event", event: "toString" } });
    expect(await componentEvent(session, 1, "nope")).toEqual({ status: "error", response: { reason: "unknown event", event: "nope" } });
    expect(session.server.logger.withCode("CINDER_COMPONENT_UNKNOWN_EVENT")[1]?.message).toContain(
      'The live component component TodoItem (id 1) in TodosLive received the event "nope"',
    );
    expect(JSON.stringify((await componentEvent(session, 1, "toggle")).response)).toBe('{"diff":{"c":{"1":{"3":"1"}}}}');
  });

  it("a throw in a component's handler crashes its view (log names view, component, callback); another view on the socket lives on", async () => {
    const session = await open();
    const counterPage = await session.server.get("/counter", session.page.cookie);
    const counter = await session.server.join(session.client, counterPage);
    session.client.push(session.joined.joinRef, session.joined.topic, "event", { type: "click", event: "boom", value: {}, cid: 2 });
    const error = await session.client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(error.topic).toBe(session.joined.topic);
    expect(session.server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.message).toContain(
      'handleEvent "boom" of component TodoItem (id 2) of TodosLive threw: the row exploded',
    );
    expect((await click(session.client, counter, "inc", { by: "1" })).payload.response).toEqual({ diff: { "0": "1" } });
    // The crashed view rejoins and mounts its components afresh.
    const rejoined = await session.server.join(session.client, session.page, { mounts: 1 });
    expect(Object.keys(rejoined.response.rendered.c)).toEqual(["1", "2"]);
  });

  it.each([
    ["mount", 'mount of component Fragile (id "x") of FragileLive threw: mount failed'],
    ["update", 'update of component Fragile (id "x") of FragileLive threw: update failed'],
    ["render", 'render of component Fragile (id "x") of FragileLive threw: render failed'],
    ["async", 'mount of component Fragile (id "x") of FragileLive threw: mount of component Fragile (id "x") returned a promise'],
    ["two roots", "exactly one root element"],
    ["duplicate", 'The live component Fragile with id "x" is rendered twice in FragileLive'],
    ["loop", "The live components of FragileLive kept updating each other"],
  ])("a component failing in %s crashes the view with a log naming it", async (failure, message) => {
    const Fragile: LiveComponent<{ failure: string }> = defineLiveComponent<{ failure: string }>({
      name: "Fragile",
      mount(socket) {
        if (failure === "mount") throw new Error("mount failed");
        if (failure === "async") return Promise.resolve() as unknown as void;
        socket.assign({});
      },
      update(props, socket) {
        if (props.failure === "update") throw new Error("update failed");
        if (props.failure === "loop") socket.sendUpdate(Fragile, "x", { failure: "loop" });
        socket.assign(props);
      },
      render: (assigns) => {
        if (assigns.failure === "render") throw new Error("render failed");
        return assigns.failure === "two roots" ? html`<p>a</p><p>b</p>` : html`<p>${assigns.failure}</p>`;
      },
    });
    const FragileLive = defineLiveView<{ failure: string }, { fail: Record<string, never> }>({
      name: "FragileLive",
      mount: (_params, _session, socket) => socket.assign({ failure: "none" }),
      handleEvent: { fail: (_value, socket) => socket.assign({ failure }) },
      render: (assigns) =>
        assigns.failure === "none"
          ? html`<div>none</div>`
          : html`<div>${liveComponent(Fragile, { id: "x", failure: assigns.failure })}${assigns.failure === "duplicate" ? liveComponent(Fragile, { id: "x", failure: "again" }) : ""}</div>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/fragile": FragileLive } } } });
    const { client, joined } = await server.open("/fragile");
    client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "fail", value: {} });
    await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.message).toContain(message);
  });
});
