import { describe, expect, it } from "vitest";
import { RenderedTree, renderedToHtml, type RenderedRoot } from "@cinder/protocol";
import { defineLiveView, html, keyed, liveRender, type LiveViewTerminateReason } from "@cinder/server";
import { click, startLiveServer, type LiveServer } from "../support/live-server.js";
import { until } from "../../support/test-server.js";
import { CounterLive } from "../support/views.js";

interface Message {
  id: number;
  body: string;
}

const infoLog: string[] = [];
const terminations: LiveViewTerminateReason[] = [];

const RoomLive = defineLiveView<{ messages: Message[]; ticks: number; stopTicking: (() => void) | undefined }, { tick: { ms: string }; stop: Record<string, never>; remind: Record<string, never> }, Message | "tick" | "reminder">({
  name: "RoomLive",
  async mount(_params, _session, socket) {
    socket.assign({ messages: [], ticks: 0, stopTicking: undefined });
    if (socket.connected) await socket.subscribe("room:lobby");
  },
  handleEvent: {
    tick(value, socket) {
      socket.assign({ stopTicking: socket.sendInterval(Number(value.ms), "tick") });
    },
    stop(_value, socket) {
      socket.assigns.stopTicking?.();
    },
    remind(_value, socket) {
      socket.sendAfter(20, "reminder");
    },
  },
  handleInfo(message, socket) {
    infoLog.push(typeof message === "string" ? message : `message ${message.id}`);
    if (message === "tick") socket.assign({ ticks: socket.assigns.ticks + 1 });
    else if (message === "reminder") socket.putFlash("info", "Reminder");
    else socket.assign({ messages: [...socket.assigns.messages, message] });
  },
  terminate(reason) {
    terminations.push(reason);
  },
  render: (assigns) =>
    html`<ul>${keyed(assigns.messages, (message) => message.id, (message) => html`<li>${message.body}</li>`)}</ul><p>${assigns.ticks}</p><p>${assigns.flash.info}</p>`,
});

const CrashLive = defineLiveView<{ mounts: number }, { boom: Record<string, never>; ok: Record<string, never> }>({
  name: "CrashLive",
  mount(_params, _session, socket) {
    socket.assign({ mounts: 1 });
  },
  handleEvent: {
    boom() {
      throw new Error("kaboom");
    },
    ok(_value, socket) {
      socket.assign({ mounts: socket.assigns.mounts + 1 });
    },
  },
  render: (assigns) => html`<p>${assigns.mounts}</p>`,
});

function processServer(): Promise<LiveServer> {
  infoLog.length = 0;
  terminations.length = 0;
  return startLiveServer({ liveSessions: { public: { routes: { "/room": RoomLive, "/crash": CrashLive, "/counter": CounterLive } } } });
}

describe("a view is a process", () => {
  it("receives PubSub messages in handleInfo and pushes the diff (one new row)", async () => {
    const server = await processServer();
    const { client, joined } = await server.open("/room");
    await server.app.cinder.pubsub.broadcast("room:lobby", { id: 1, body: "hi <there>" } as never);
    const first = await client.waitForText((frame) => frame.event === "diff", "first diff");
    // A diff's "p" is its own: the entry template is index 0 of this diff, not of the join's.
    expect(first.payload).toEqual({ "0": { k: { "0": { "0": "hi &lt;there&gt;" }, kc: 1 }, s: 0 }, p: { "0": ["<li>", "</li>"] } });
    await server.app.cinder.pubsub.broadcast("room:lobby", { id: 2, body: "second" } as never);
    const second = await client.waitForText((frame) => frame.event === "diff" && frame !== first, "second diff");
    expect(second.payload).toEqual({ "0": { k: { "1": { "0": "second" }, kc: 2 } } });
    // As the client does: render after every merge (that is when "p" references resolve).
    const tree = new RenderedTree(joined.response.rendered as RenderedRoot);
    tree.toHtml();
    tree.merge(first.payload);
    tree.toHtml();
    tree.merge(second.payload);
    expect(tree.toHtml().html).toBe("<ul><li>hi &lt;there&gt;</li><li>second</li></ul><p>0</p><p></p>");
  });

  it("does not subscribe during the HTTP render", async () => {
    const server = await processServer();
    await server.get("/room");
    await server.app.cinder.pubsub.broadcast("room:lobby", { id: 1, body: "nobody listens" } as never);
    expect(infoLog).toEqual([]);
  });

  it("delivers sendAfter and sendInterval messages to handleInfo, and cancels intervals", async () => {
    const server = await processServer();
    const { client, joined } = await server.open("/room");
    await click(client, joined, "remind");
    const reminded = await client.waitForText((frame) => frame.event === "diff" && frame.payload["2"] === "Reminder", "reminder diff");
    expect(reminded.payload).toEqual({ "2": "Reminder" });

    await click(client, joined, "tick", { ms: "5" });
    await client.waitForText((frame) => frame.event === "diff" && frame.payload["1"] === "3", "third tick");
    await click(client, joined, "stop");
    const ticksAtStop = infoLog.filter((entry) => entry === "tick").length;
    // Another timer, scheduled after the stop, proves the mailbox moved on without more ticks.
    await click(client, joined, "remind");
    await until(() => infoLog.filter((entry) => entry === "reminder").length === 2, "second reminder");
    expect(infoLog.filter((entry) => entry === "tick").length).toBe(ticksAtStop);
  });

  it("ends timers and subscriptions with the view: nothing reaches handleInfo after leave", async () => {
    const server = await processServer();
    const { page, client, joined } = await server.open("/room");
    await click(client, joined, "tick", { ms: "5" });
    await click(client, joined, "remind");
    await until(() => infoLog.includes("tick"), "a first tick");
    const leave = client.push(joined.joinRef, joined.topic, "phx_leave", {});
    await client.replyTo(leave);
    await until(() => terminations.length === 1, "terminate");
    expect(terminations).toEqual(["left"]);
    const seen = infoLog.length;
    await server.app.cinder.pubsub.broadcast("room:lobby", { id: 9, body: "too late" } as never);
    // A fresh view on the same socket gets a reminder 20 ms later: by then the old timers had their chance.
    const again = await server.get("/room", page.cookie);
    const second = await server.join(client, again);
    await click(client, second, "remind");
    await until(() => infoLog.filter((entry) => entry === "reminder").length >= 1 && infoLog.length > seen, "the new view's reminder");
    expect(infoLog.slice(seen)).toEqual(["reminder"]);
  });

  it("calls terminate with the reason the view ended", async () => {
    const server = await processServer();
    const page = await server.get("/room");
    const client = await server.connect(page);
    await server.join(client, page);
    client.terminate();
    await until(() => terminations.length === 1, "terminate after the socket closed");
    expect(terminations).toEqual(["closed"]);
  });
});

describe("crash isolation", () => {
  it("crashes only the view whose callback threw; the socket and other views keep working; the crashed view rejoins and remounts", async () => {
    const server = await processServer();
    const crashPage = await server.get("/crash");
    const counterPage = await server.get("/counter", crashPage.cookie);
    const client = await server.connect(crashPage);
    const crash = await server.join(client, crashPage);
    const counter = await server.join(client, counterPage);

    expect((await click(client, crash, "ok")).payload.response).toEqual({ diff: { "0": "2" } });
    client.push(crash.joinRef, crash.topic, "event", { type: "click", event: "boom", value: {} });
    const error = await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(error.raw).toBe(`["${crash.joinRef}","${crash.joinRef}","${crash.topic}","phx_error",{"reason":"channel_crash"}]`);

    const [record] = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(record?.message).toBe(`handleIn of channel "${crash.topic}" failed: handleEvent "boom" of CrashLive threw: kaboom`);
    expect((record?.fields.err as Error).cause).toBeInstanceOf(Error);

    // The other view on the same socket is untouched.
    expect((await click(client, counter, "inc", { by: "5" })).payload.response).toEqual({ diff: { "0": "5" } });
    expect(client.isClosed).toBe(false);

    // The client rejoins after phx_error (_mounts incremented): a fresh mount, full render.
    const rejoined = await server.join(client, crashPage, { mounts: 1 });
    expect(renderedToHtml(rejoined.response.rendered)).toBe("<p>1</p>");
    expect((await click(client, rejoined, "ok")).payload.response).toEqual({ diff: { "0": "2" } });
  });

  it("a crashing render crashes the view, not the socket", async () => {
    const BadRender = defineLiveView<{ n: number }, { go: Record<string, never> }>({
      name: "BadRenderLive",
      mount: (_params, _session, socket) => socket.assign({ n: 0 }),
      handleEvent: { go: (_value, socket) => socket.assign({ n: 1 }) },
      render: (assigns) => {
        if (assigns.n === 1) throw new TypeError("cannot read 'name' of undefined");
        return html`<p>${assigns.n}</p>`;
      },
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/bad": BadRender } } } });
    const { client, joined } = await server.open("/bad");
    client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "go", value: {} });
    await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.message).toContain("render of BadRenderLive threw: cannot read 'name' of undefined");
  });

  it("a mount that throws on join answers join crashed and logs the view", async () => {
    const FlakyLive = defineLiveView<{ n: number }>({
      name: "FlakyLive",
      mount(_params, _session, socket) {
        if (socket.connected) throw new Error("no database");
      },
      render: () => html`<p>flaky</p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/flaky": FlakyLive } } } });
    const { joined } = await server.open("/flaky");
    expect(joined.reply.payload).toEqual({ status: "error", response: { reason: "join crashed" } });
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.message).toContain("mount of FlakyLive threw: no database");
  });
});

describe("several views on one socket", () => {
  it("are independent: each has its own state and diffs", async () => {
    const server = await processServer();
    const first = await server.get("/counter");
    const second = await server.get("/counter", first.cookie);
    const client = await server.connect(first);
    const a = await server.join(client, first);
    const b = await server.join(client, second);
    expect((await click(client, a, "inc", { by: "2" })).payload.response).toEqual({ diff: { "0": "2" } });
    expect((await click(client, b, "inc", { by: "7" })).payload.response).toEqual({ diff: { "0": "7" } });
    expect((await click(client, a, "inc", { by: "1" })).payload.response).toEqual({ diff: { "0": "3" } });
  });

  it("nested views: the parent renders containers with data-phx-parent-id; children join and run on their own", async () => {
    const ParentLive = defineLiveView<{ title: string }, { rename: { title: string } }>({
      name: "ParentLive",
      mount: (_params, _session, socket) => socket.assign({ title: "Dashboard" }),
      handleEvent: { rename: (value, socket) => socket.assign({ title: value.title }) },
      render: (assigns) =>
        html`<h1>${assigns.title}</h1>${liveRender(CounterLive, { id: "counter-a" })}${liveRender(CounterLive, { id: "counter-b", session: { start: 5 } })}`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/dashboard": ParentLive } } } });
    const page = await server.get("/dashboard");
    expect(page.containers.map((container) => [container.id, container.parentId])).toEqual([
      [page.container.id, undefined],
      ["counter-a", page.container.id],
      ["counter-b", page.container.id],
    ]);
    // The HTTP render includes each child's first render inside its container.
    expect(page.html).toContain(`data-phx-parent-id="${page.container.id}"><h1>Count: 0</h1>`);

    const client = await server.connect(page);
    const parent = await server.join(client, page);
    // Rendered by a connected parent, children are empty containers with an empty static token.
    const parentHtml = renderedToHtml(parent.response.rendered);
    expect(parentHtml).toMatch(/^<h1>Dashboard<\/h1><div id="counter-a" data-phx-session="[^"]+" data-phx-static="" data-phx-parent-id="phx-[^"]+"><\/div><div id="counter-b"/);

    const childA = page.containers[1]!;
    const childB = page.containers[2]!;
    const a = await server.join(client, page, { container: childA });
    const b = await server.join(client, page, { container: childB });
    expect(renderedToHtml(a.response.rendered)).toBe('<h1>Count: 0</h1><button phx-click="inc" phx-value-by="1">+</button>');
    expect((await click(client, a, "inc", { by: "1" })).payload.response).toEqual({ diff: { "0": "1" } });
    expect((await click(client, b, "inc", { by: "4" })).payload.response).toEqual({ diff: { "0": "4" } });

    // Re-rendering the parent keeps the children's containers byte for byte: nothing to send for them.
    const renamed = await click(client, parent, "rename", { title: "Home" });
    expect(renamed.payload.response).toEqual({ diff: { "0": "Home" } });
  });

  it("liveRender outside a view's render, or without an id, is a coded error", async () => {
    expect(() => liveRender(CounterLive, { id: "x" })).toThrow(expect.objectContaining({ code: "CINDER_LIVE_RENDER_OUTSIDE_VIEW" }));
    const NoId = defineLiveView<{ n: number }>({ name: "NoIdLive", render: () => html`<div>${liveRender(CounterLive, { id: "" })}</div>` });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/no-id": NoId } } } });
    const response = await server.app.inject({ url: "/no-id" });
    expect(response.statusCode).toBe(500);
    const [record] = server.logger.withCode("CINDER_LIVE_DEAD_RENDER_FAILED");
    expect(String((record?.fields.err as Error).message)).toMatch(/^render of NoIdLive threw: liveRender: options.id must be a non-empty string/);
  });

  it("a child's token joins only its own container", async () => {
    const ParentLive = defineLiveView<{ n: number }>({ render: () => html`<div>${liveRender(CounterLive, { id: "kid" })}</div>` });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/parent": ParentLive } } } });
    const page = await server.get("/parent");
    const client = await server.connect(page);
    const child = page.containers[1]!;
    const stolen = await server.join(client, page, { container: child, topic: "lv:other-kid" });
    expect(stolen.response).toEqual({ reason: "stale" });
  });
});

describe("rendering", () => {
  it("re-renders only when an assign changed (Object.is), and resets temporary assigns after each render", async () => {
    const renders: number[] = [];
    const LogLive = defineLiveView<{ lines: string[]; version: number }, { add: { line: string }; touch: Record<string, never> }>({
      temporaryAssigns: { lines: [] },
      mount: (_params, _session, socket) => socket.assign({ lines: ["boot"], version: 1 }),
      handleEvent: {
        add: (value, socket) => socket.assign({ lines: [value.line], version: socket.assigns.version + 1 }),
        touch: (_value, socket) => socket.assign({ version: socket.assigns.version }),
      },
      render: (assigns) => {
        renders.push(assigns.lines.length);
        return html`<p>v${assigns.version}</p><pre>${assigns.lines.join("\n")}</pre>`;
      },
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/log": LogLive } } } });
    const { client, joined } = await server.open("/log");
    expect(renderedToHtml(joined.response.rendered)).toBe("<p>v1</p><pre>boot</pre>");
    renders.length = 0;
    expect((await click(client, joined, "touch")).payload.response).toEqual({});
    expect(renders).toEqual([]);
    expect((await click(client, joined, "add", { line: "second" })).payload.response).toEqual({ diff: { "0": "2", "1": "second" } });
    expect(renders).toEqual([1]);
  });
});
