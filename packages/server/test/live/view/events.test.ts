import { describe, expect, it } from "vitest";
import { encodeBinaryClientPush, RenderedTree, type RenderedRoot } from "@cinder/protocol";
import { defineLiveView, escapeHtml, html, type JsonObject } from "@cinder/server";
import { click, pushEvent, startLiveServer, type Joined } from "../support/live-server.js";
import type { RawClient } from "../../support/raw-client.js";
import { CounterLive } from "../support/views.js";

/** Records every value a handler received, and renders the last one. */
interface EchoAssigns {
  received: Array<{ event: string; value: unknown }>;
  last: string;
}
interface EchoEvents {
  clicked: Record<string, string>;
  pressed: { key: string };
  released: { key: string };
  focused: Record<string, string>;
  blurred: Record<string, string>;
  validate: Record<string, unknown>;
  save: Record<string, unknown>;
  hooked: unknown;
  scrolled: Record<string, unknown>;
  ask: { question: string };
  same: Record<string, never>;
  notify: { name: string };
  titled: { title: string };
}

const received: Array<{ event: string; value: unknown }> = [];
function record(event: string) {
  return (value: unknown, socket: { assign(values: Partial<EchoAssigns>): void }) => {
    received.push({ event, value });
    socket.assign({ last: `${event}:${JSON.stringify(value)}` });
  };
}

const EchoLive = defineLiveView<EchoAssigns, EchoEvents>({
  name: "EchoLive",
  mount: (_params, _session, socket) => socket.assign({ last: "" }),
  handleEvent: {
    clicked: record("clicked"),
    pressed: record("pressed"),
    released: record("released"),
    focused: record("focused"),
    blurred: record("blurred"),
    validate: record("validate"),
    save: record("save"),
    hooked: record("hooked"),
    scrolled: record("scrolled"),
    ask(value) {
      return { reply: { answer: value.question.toUpperCase() } };
    },
    same(_value, socket) {
      socket.assign({ last: socket.assigns.last });
    },
    notify(value, socket) {
      socket.pushEvent("highlight", { name: value.name });
    },
    titled(value, socket) {
      socket.pageTitle(value.title);
    },
  },
  render: (assigns) => html`<p id="last">${assigns.last}</p><p id="flash">${assigns.flash.info}</p>`,
});

async function echo(): Promise<{ client: RawClient; joined: Joined; server: Awaited<ReturnType<typeof startLiveServer>> }> {
  received.length = 0;
  const server = await startLiveServer({ liveSessions: { public: { routes: { "/echo": EchoLive, "/counter": CounterLive } } } });
  const { client, joined } = await server.open("/echo");
  return { client, joined, server };
}

describe("LiveView events", () => {
  it("answers the counter's increment with exactly {\"diff\":{\"0\":\"1\"}}", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/counter": CounterLive } } } });
    const { client, joined } = await server.open("/counter");
    const reply = await click(client, joined, "inc", { by: "1", value: "" });
    expect(reply.raw).toBe(`["${joined.joinRef}","${reply.ref}","${joined.topic}","phx_reply",{"status":"ok","response":{"diff":{"0":"1"}}}]`);
    const twice = await click(client, joined, "inc", { by: "2", value: "" });
    expect(twice.payload.response).toEqual({ diff: { "0": "3" } });
  });

  it.each([
    ["click", "clicked", { id: "7", value: "" }],
    ["keydown", "pressed", { key: "Enter" }],
    ["keyup", "released", { key: "Escape" }],
    ["focus", "focused", { field: "name" }],
    ["blur", "blurred", { field: "name" }],
    ["hook", "hooked", { any: ["json", 1, true, null] }],
    ["js", "scrolled", { _overran: true }],
  ])("passes a %s event's value to the handler as sent", async (type, event, value) => {
    const { client, joined } = await echo();
    const reply = await pushEvent(client, joined, { type, event, value });
    expect(reply.payload.response).toEqual({ diff: { "0": escapeHtml(`${event}:${JSON.stringify(value)}`) } });
    expect(received).toEqual([{ event, value }]);
  });

  it("passes a hook's non-object value through (a hook may push any JSON)", async () => {
    const { client, joined } = await echo();
    await pushEvent(client, joined, { type: "hook", event: "hooked", value: [1, "two"] });
    await pushEvent(client, joined, { type: "hook", event: "hooked" });
    expect(received).toEqual([
      { event: "hooked", value: [1, "two"] },
      { event: "hooked", value: {} },
    ]);
  });

  describe("form events", () => {
    it("decode the URL-encoded value into nested params, merge meta and split _target", async () => {
      const { client, joined } = await echo();
      await pushEvent(client, joined, {
        type: "form",
        event: "validate",
        value: "user%5Bname%5D=Ada+Lovelace&user%5Bemail%5D=ada%40example.com&_unused_agree=&agree=yes&tags%5B%5D=a&tags%5B%5D=b",
        meta: { _target: "user[name]" },
        uploads: {},
      });
      expect(received[0]?.value).toEqual({
        user: { name: "Ada Lovelace", email: "ada@example.com" },
        _unused_agree: "",
        agree: "yes",
        tags: ["a", "b"],
        _target: ["user", "name"],
      });
    });

    it("merge phx-value-* meta into a submit and keep the submitter", async () => {
      const { client, joined } = await echo();
      await pushEvent(client, joined, { type: "form", event: "save", value: "user%5Bname%5D=bob&action=go", meta: { id: "42" } });
      expect(received[0]?.value).toEqual({ user: { name: "bob" }, action: "go", id: "42" });
    });

    it.each([
      ["an empty form", "", {}],
      ["a repeated key (last wins)", "a=1&a=2", { a: "2" }],
      ["conflicting shapes (first wins)", "a=1&a%5Bb%5D=2", { a: "1" }],
      ["malformed percent escapes (as URLSearchParams reads them)", "a=%E0%A4%A&b=%&c=%zz", { a: "\ufffd%A", b: "%", c: "%zz" }],
      ["prototype keys kept as data", "__proto__%5Bpolluted%5D=1&constructor%5Bprototype%5D%5Bx%5D=1", { ["__proto__"]: { polluted: "1" }, constructor: { prototype: { x: "1" } } }],
      ["deep nesting kept as a literal key", `${"a%5Bb%5D".repeat(1)}${"%5Bc%5D".repeat(20)}=1`, { [`a[b]${"[c]".repeat(20)}`]: "1" }],
      ["markup in values (escaped when rendered, never interpreted)", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", { q: "<script>alert(1)</script>" }],
      ["unicode and plus signs", "n=%F0%9F%94%A5+fire&p=1%2B1", { n: "🔥 fire", p: "1+1" }],
    ])("decode %s", async (_name, value, expected) => {
      const { client, joined } = await echo();
      const reply = await pushEvent(client, joined, { type: "form", event: "validate", value });
      expect(reply.payload.status).toBe("ok");
      expect(received[0]?.value).toEqual(expected);
      expect(Object.getPrototypeOf(received[0]?.value)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("render hostile values inert", async () => {
      const { client, joined } = await echo();
      const reply = await pushEvent(client, joined, { type: "form", event: "validate", value: "q=%3C%2Fp%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E" });
      expect(reply.payload.response.diff["0"]).toBe("validate:{&quot;q&quot;:&quot;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;}");
    });

    it("keep a _target of \"undefined\" as the official client sends it", async () => {
      const { client, joined } = await echo();
      await pushEvent(client, joined, { type: "form", event: "validate", value: "a=1", meta: { _target: "undefined" } });
      expect(received[0]?.value).toEqual({ a: "1", _target: ["undefined"] });
    });
  });

  it("sends a hook's reply as \"r\" in the diff", async () => {
    const { client, joined } = await echo();
    const reply = await pushEvent(client, joined, { type: "hook", event: "ask", value: { question: "why?" } });
    expect(reply.payload).toEqual({ status: "ok", response: { diff: { r: { answer: "WHY?" } } } });
  });

  it("replies {} when the handler changed nothing (Object.is per assign)", async () => {
    const { client, joined } = await echo();
    const reply = await pushEvent(client, joined, { type: "click", event: "same", value: {} });
    expect(reply.raw).toContain('"response":{}');
  });

  it("sends pushEvent as \"e\" and pageTitle as \"t\" (only when it changes)", async () => {
    const { client, joined } = await echo();
    expect((await click(client, joined, "notify", { name: "row-3" })).payload.response).toEqual({ diff: { e: [["highlight", { name: "row-3" }]] } });
    expect((await click(client, joined, "titled", { title: "Inbox (2)" })).payload.response).toEqual({ diff: { t: "Inbox (2)" } });
    expect((await click(client, joined, "titled", { title: "Inbox (2)" })).payload.response).toEqual({});
  });

  it("clears the flash with the built-in lv:clear-flash event", async () => {
    const FlashLive = defineLiveView<{ n: number }, { flash: Record<string, never> }>({
      handleEvent: {
        flash(_value, socket) {
          socket.putFlash("info", "Saved");
          socket.putFlash("error", "But not that");
        },
      },
      render: (assigns) => html`<p>${assigns.flash.info}|${assigns.flash.error}</p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/flash": FlashLive } } } });
    const { client, joined } = await server.open("/flash");
    const tree = new RenderedTree(joined.response.rendered as RenderedRoot);
    tree.merge((await click(client, joined, "flash")).payload.response.diff);
    expect(tree.toHtml().html).toBe("<p>Saved|But not that</p>");
    tree.merge((await click(client, joined, "lv:clear-flash", { key: "info" })).payload.response.diff);
    expect(tree.toHtml().html).toBe("<p>|But not that</p>");
    tree.merge((await click(client, joined, "lv:clear-flash", {})).payload.response.diff);
    expect(tree.toHtml().html).toBe("<p>|</p>");
  });

  describe("bad input never crashes the view", () => {
    it("answers an unknown event name with an error reply, logs it once, and keeps the view running", async () => {
      const { client, joined, server } = await echo();
      const first = await click(client, joined, "nope", {});
      expect(first.payload).toEqual({ status: "error", response: { reason: "unknown event", event: "nope" } });
      await click(client, joined, "nope", {});
      expect(server.logger.withCode("CINDER_LIVE_UNKNOWN_EVENT")).toHaveLength(1);
      expect(server.logger.withCode("CINDER_LIVE_UNKNOWN_EVENT")[0]?.message).toContain('EchoLive received the event "nope"');
      expect((await click(client, joined, "clicked", { a: "1" })).payload.response).toEqual({ diff: { "0": 'clicked:{&quot;a&quot;:&quot;1&quot;}' } });
    });

    it.each(["toString", "__proto__", "constructor", "hasOwnProperty"])("treats the inherited name %s as unknown", async (event) => {
      const { client, joined } = await echo();
      expect((await click(client, joined, event, {})).payload.status).toBe("error");
      expect((await click(client, joined, "clicked", {})).payload.status).toBe("ok");
    });

    it.each([
      ["a missing event name", { type: "click", value: {} }],
      ["a non-string event name", { type: "click", event: 42, value: {} }],
      ["a missing type", { event: "clicked", value: {} }],
      ["a form value that is not a string", { type: "form", event: "validate", value: { a: 1 } }],
    ])("answers %s with an error reply", async (_name, payload) => {
      const { client, joined, server } = await echo();
      const ref = client.push(joined.joinRef, joined.topic, "event", payload);
      expect((await client.replyTo(ref)).payload).toEqual({ status: "error", response: { reason: "malformed payload" } });
      expect(server.logger.withCode("CINDER_LIVE_MALFORMED_MESSAGE")).toHaveLength(1);
      expect((await click(client, joined, "clicked", {})).payload.status).toBe("ok");
    });

    it("answers a binary push and unknown channel events with error replies", async () => {
      const { client, joined } = await echo();
      const binaryRef = client.makeRef();
      client.sendRaw(encodeBinaryClientPush({ joinRef: joined.joinRef, ref: binaryRef, topic: joined.topic, event: "event", payload: new Uint8Array([1, 2, 3]) }));
      expect((await client.replyTo(binaryRef)).payload).toEqual({ status: "error", response: { reason: "malformed payload" } });
      const unknown = client.push(joined.joinRef, joined.topic, "allow_upload", { ref: "0", entries: [] });
      expect((await client.replyTo(unknown)).payload).toEqual({ status: "error", response: { reason: "unknown event", event: "allow_upload" } });
      const badPatch = client.push(joined.joinRef, joined.topic, "live_patch", { url: 42 });
      expect((await client.replyTo(badPatch)).payload.status).toBe("error");
      expect((await click(client, joined, "clicked", {})).payload.status).toBe("ok");
    });
  });

  it("answers component lifecycle messages before components exist", async () => {
    const { client, joined } = await echo();
    const willDestroy = client.push(joined.joinRef, joined.topic, "cids_will_destroy", { cids: [1, 2] });
    expect((await client.replyTo(willDestroy)).payload).toEqual({ status: "ok", response: {} });
    const destroyed = client.push(joined.joinRef, joined.topic, "cids_destroyed", { cids: [1, 2] });
    expect((await client.replyTo(destroyed)).payload).toEqual({ status: "ok", response: { cids: [] } });
    const malformed = client.push(joined.joinRef, joined.topic, "cids_destroyed", { cids: ["1"] });
    expect((await client.replyTo(malformed)).payload.status).toBe("error");
    // An event for a cid nobody has (a component already gone) is answered, not an error.
    expect((await pushEvent(client, joined, { type: "click", event: "clicked", value: {}, cid: 9 })).payload).toEqual({ status: "ok", response: {} });
  });

  it("handles events one at a time, in order, even when handlers are slow", async () => {
    const order: string[] = [];
    const SlowLive = defineLiveView<{ log: string }, { step: { n: string } }>({
      mount: (_params, _session, socket) => socket.assign({ log: "" }),
      handleEvent: {
        async step(value, socket) {
          order.push(`start ${value.n}`);
          await new Promise((resolve) => setTimeout(resolve, value.n === "1" ? 30 : 0));
          order.push(`end ${value.n}`);
          socket.assign({ log: socket.assigns.log + value.n });
        },
      },
      render: (assigns) => html`<p>${assigns.log}</p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/slow": SlowLive } } } });
    const { client, joined } = await server.open("/slow");
    const first = client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "step", value: { n: "1" } });
    const second = client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "step", value: { n: "2" } });
    expect((await client.replyTo(first)).payload.response).toEqual({ diff: { "0": "1" } });
    expect((await client.replyTo(second)).payload.response).toEqual({ diff: { "0": "12" } });
    expect(order).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });
});

/** Bytes of a reply's `response` as it goes on the wire. */
export function responseBytes(response: JsonObject): number {
  return Buffer.byteLength(JSON.stringify(response));
}
