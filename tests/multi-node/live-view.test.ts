import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { Socket } from "phoenix";
import { cinderLive, defineLiveView, html } from "@cinder/server";
import { pushResult } from "../support/push-result.js";
import { nextMessage, nextOpen } from "../support/channel-clients.js";
import { startNode, type CinderNode } from "../support/cinder-nodes.js";
import { describeWithRedis, startRedisServer, type RedisServer } from "../support/redis-server.js";

/*
 * A LiveView on node B subscribed to a PubSub topic updates when node A publishes to it. The
 * browser's part is played by the official `phoenix` client in Node: the page's HTTP render
 * gives the session, static token and CSRF token, and the view is joined over `/live` with the
 * payload the official LiveView client sends.
 */

const SECRET = "a-test-secret-that-is-long-enough-for-cinder-tokens";

interface Headline {
  title: string;
}

const HeadlinesLive = defineLiveView<{ headline: string }, {}, Headline>({
  name: "HeadlinesLive",
  async mount(_params, _session, socket) {
    socket.assign({ headline: "no news yet" });
    if (socket.connected) await socket.subscribe("headlines");
  },
  handleInfo(message, socket) {
    socket.assign({ headline: message.title });
  },
  render: (assigns) => html`<h1 id="headline">${assigns.headline}</h1>`,
});

let redis: RedisServer;
let nodeA: CinderNode;
let nodeB: CinderNode;
const sockets: Socket[] = [];

describeWithRedis("LiveViews on several nodes", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    nodeA = await startNode("a", redis.url);
    nodeB = await startNode("b", redis.url, {
      configure: async (app) => {
        await app.register(cinderLive, { secretKeyBase: SECRET, liveSessions: { public: { routes: { "/headlines": HeadlinesLive } } } });
      },
    });
  });

  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => new Promise<void>((resolve) => socket.disconnect(() => resolve()))));
  });

  afterAll(async () => {
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await redis?.close();
  });

  it("a view on node B re-renders when node A publishes to the topic it subscribed to", async () => {
    const app = nodeB.server.app;
    if (app === undefined) throw new Error("node B is not running");
    const page = await app.inject({ method: "GET", url: "/headlines" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("no news yet");
    const csrfToken = /<meta name="csrf-token" content="([^"]+)"/.exec(page.body)?.[1];
    const container = /<div id="([^"]+)" data-phx-main data-phx-session="([^"]+)" data-phx-static="([^"]*)"/.exec(page.body);
    const cookie = [page.headers["set-cookie"] ?? []].flat().map((line) => String(line).split(";")[0]).join("; ");
    if (csrfToken === undefined || container === null) throw new Error(`not a live page:\n${page.body}`);
    const [, containerId, session, staticToken] = container as unknown as [string, string, string, string];

    // The browser sends its cookies with the upgrade; `ws` needs them as a header.
    class BrowserLikeWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin: nodeB.server.httpUrl } });
      }
    }
    const socket = new Socket(nodeB.server.socketUrl("/live"), { transport: BrowserLikeWebSocket, params: { _csrf_token: csrfToken, _mounts: 0 } });
    sockets.push(socket);
    const opened = nextOpen(socket);
    socket.connect();
    await opened;
    const view = socket.channel(`lv:${containerId}`, {
      url: `${nodeB.server.httpUrl}/headlines`,
      params: { _csrf_token: csrfToken, _mounts: 0, _mount_attempts: 0 },
      session,
      static: staticToken === "" ? null : staticToken,
      sticky: false,
    });
    const joined = await pushResult<{ rendered: Record<string, unknown> }>(view.join());
    expect(joined.status).toBe("ok");
    expect(JSON.stringify(joined.response.rendered)).toContain("no news yet");

    // The join answered after mount's subscribe resolved: node B's subscription is in Redis now.
    const diff = nextMessage<Record<string, unknown>>(view, "diff");
    await nodeA.pubsub.broadcast("headlines", { title: "Cinder runs on two nodes" });
    expect(await diff).toEqual({ "0": "Cinder runs on two nodes" });
    expect([...nodeA.pubsubLog, ...nodeB.pubsubLog]).toEqual([]);
  });
});
