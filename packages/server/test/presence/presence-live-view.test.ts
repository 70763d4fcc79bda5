import { describe, expect, it } from "vitest";
import { Broadcast, defineLiveView, html, Presence } from "@cinder/server";
import { click, startLiveServer } from "../live/support/live-server.js";
import { until } from "../support/test-server.js";

/*
 * A LiveView tracks itself on a topic it names (a view has no topic of its own), subscribes to
 * that topic to hear the presence_diff broadcasts, and re-renders from `list`. Its presence ends
 * with the view, like a channel's.
 */

const TOPIC = "room:lobby";

function createWhoLive(presence: Presence<{ status: string }>) {
  const online = () =>
    Object.entries(presence.list(TOPIC))
      .map(([key, entry]) => `${key}:${entry.metas.map((meta) => meta.status).join("+")}`)
      .join(",");
  return defineLiveView<{ user: string; online: string }, { away: Record<string, never>; crash: Record<string, never> }, unknown>({
    name: "WhoLive",
    async mount(params, _session, socket) {
      const user = String(params.user);
      socket.assign({ user, online: online() });
      if (!socket.connected) return;
      await socket.subscribe(TOPIC);
      await presence.track(socket, TOPIC, user, { status: "here" });
      socket.assign({ online: online() });
    },
    handleEvent: {
      async away(_value, socket) {
        await presence.update(socket, TOPIC, socket.assigns.user, { status: "away" });
      },
      crash() {
        throw new Error("crash requested by the test");
      },
    },
    handleInfo(message, socket) {
      if (message instanceof Broadcast && message.event === "presence_diff") socket.assign({ online: online() });
    },
    render: (assigns) => html`<p id="online">${assigns.online}</p>`,
  });
}

async function startWhoServer() {
  const presence = new Presence<{ status: string }>();
  const server = await startLiveServer({ liveSessions: { main: { routes: { "/who": createWhoLive(presence) } } } }, { presence });
  return { presence, server };
}

describe("Presence in a LiveView", () => {
  it("tracks only once connected: the HTTP render shows who is there without joining them", async () => {
    const { presence, server } = await startWhoServer();
    const page = await server.get("/who?user=alice");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<p id="online"></p>');
    expect(presence.list(TOPIC)).toEqual({});

    const { joined } = await server.open("/who?user=alice");
    expect(JSON.stringify(joined.response)).toContain("alice:here");
    expect(Object.keys(presence.list(TOPIC))).toEqual(["alice"]);
  });

  it("re-renders every view of the topic as users join, change and leave", async () => {
    const { presence, server } = await startWhoServer();
    const alice = await server.open("/who?user=alice");
    const bob = await server.open("/who?user=bob");
    expect(JSON.stringify(bob.joined.response)).toContain("alice:here,bob:here");
    await alice.client.waitForText((frame) => frame.event === "diff" && frame.raw.includes("alice:here,bob:here"), "alice's view showing bob");

    expect((await click(bob.client, bob.joined, "away")).payload.status).toBe("ok");
    await alice.client.waitForText((frame) => frame.event === "diff" && frame.raw.includes("alice:here,bob:away"), "alice's view showing bob away");

    bob.client.terminate();
    await alice.client.waitForText((frame) => frame.event === "diff" && /"alice:here"/.test(frame.raw), "alice's view without bob");
    expect(Object.keys(presence.list(TOPIC))).toEqual(["alice"]);
  });

  it("ends a view's presence when the view crashes", async () => {
    const { presence, server } = await startWhoServer();
    const alice = await server.open("/who?user=alice");
    const bob = await server.open("/who?user=bob");
    await until(() => Object.keys(presence.list(TOPIC)).length === 2, "both tracked");
    bob.client.push(bob.joined.joinRef, bob.joined.topic, "event", { type: "click", event: "crash", value: {} });
    await bob.client.waitForText((frame) => frame.event === "phx_error", "bob's view crashing");
    await alice.client.waitForText((frame) => frame.event === "diff" && /"alice:here"/.test(frame.raw), "alice's view without bob");
    expect(Object.keys(presence.list(TOPIC))).toEqual(["alice"]);
  });
});
