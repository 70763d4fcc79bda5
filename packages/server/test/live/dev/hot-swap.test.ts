import { describe, expect, it } from "vitest";
import { RenderedTree, type RenderedRoot } from "@cinder/protocol";
import { defineLiveComponent, defineLiveView, html, liveComponent } from "@cinder/server";
import { enableHotSwap, swapLiveComponent, swapLiveView } from "@cinder/server/devtools";
import { click, startLiveServer } from "../support/live-server.js";

interface CounterAssigns {
  count: number;
}
interface CounterEvents {
  inc: Record<string, string>;
}

function counter(label: string) {
  return defineLiveView<CounterAssigns, CounterEvents>({
    name: "SwappedCounter",
    mount: (_params, _session, socket) => socket.assign({ count: 0 }),
    handleEvent: { inc: (_value, socket) => socket.assign({ count: socket.assigns.count + 1 }) },
    render: (assigns) => html`<h1>${label}: ${assigns.count}</h1>`,
  });
}

enableHotSwap();

describe("@cinder/server/devtools: swapping a LiveView's code", () => {
  it("re-renders every connected view with the new render and the assigns it had, without a remount", async () => {
    const View = counter("Count");
    const server = await startLiveServer({ liveSessions: { main: { routes: { "/": View } } } });
    const first = await server.open("/");
    const second = await server.open("/");
    const trees = [first, second].map(({ joined }) => new RenderedTree(joined.response.rendered as RenderedRoot));
    const firstTree = trees[0]!;
    for (let clicks = 0; clicks < 2; clicks++) {
      const reply = await click(first.client, first.joined, "inc");
      firstTree.merge((reply.payload as { response: { diff: RenderedRoot } }).response.diff);
    }
    expect(firstTree.toHtml().html).toBe("<h1>Count: 2</h1>");

    expect(swapLiveView(View, counter("Total"))).toBe(2);
    for (const [index, { client, joined }] of [first, second].entries()) {
      const diff = await client.waitForText((frame) => frame.event === "diff" && frame.topic === joined.topic, "the diff of the swapped render");
      trees[index]!.merge(diff.payload as RenderedRoot);
    }
    expect(trees.map((tree) => tree.toHtml().html)).toEqual(["<h1>Total: 2</h1>", "<h1>Total: 0</h1>"]);

    // The new code handles events from now on, and views that mount later get it too.
    const reply = await click(first.client, first.joined, "inc");
    firstTree.merge((reply.payload as { response: { diff: RenderedRoot } }).response.diff);
    expect(firstTree.toHtml().html).toBe("<h1>Total: 3</h1>");
    const later = await server.open("/");
    expect(later.page.html).toContain("Total: 0");
    await server.app.close();
  });

  it("swaps a live component's render inside every connected view, keeping the component's state", async () => {
    const badge = (prefix: string) =>
      defineLiveComponent<{ id: string }, { hits: number }, { hit: Record<string, string> }>({
        name: "Badge",
        mount: (socket) => socket.assign({ hits: 0 }),
        handleEvent: { hit: (_value, socket) => socket.assign({ hits: socket.assigns.hits + 1 }) },
        render: (assigns) => html`<span>${prefix} ${assigns.hits}</span>`,
      });
    const Badge = badge("hits");
    const View = defineLiveView({ name: "WithBadge", render: () => html`<div>${liveComponent(Badge, { id: "b" })}</div>` });
    const server = await startLiveServer({ liveSessions: { main: { routes: { "/": View } } } });
    const { client, joined } = await server.open("/");
    const tree = new RenderedTree(joined.response.rendered as RenderedRoot);
    const hit = await client.replyTo(client.push(joined.joinRef, joined.topic, "event", { type: "click", event: "hit", value: {}, cid: 1 }), joined.topic);
    tree.merge((hit.payload as { response: { diff: RenderedRoot } }).response.diff);
    expect(tree.toHtml().html).toContain("hits 1");

    expect(swapLiveComponent(Badge, badge("clicks"))).toBeGreaterThanOrEqual(1);
    const diff = await client.waitForText((frame) => frame.event === "diff" && frame.topic === joined.topic, "the component's new render");
    tree.merge(diff.payload as RenderedRoot);
    expect(tree.toHtml().html).toContain("clicks 1");
    await server.app.close();
  });

  it("refuses what is not a LiveView or a live component", () => {
    expect(() => swapLiveView({} as never, counter("x"))).toThrow(/two LiveViews/);
    expect(() => swapLiveComponent(counter("x") as never, counter("y") as never)).toThrow(/two components/);
  });
});
