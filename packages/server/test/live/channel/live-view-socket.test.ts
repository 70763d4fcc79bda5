import { describe, expect, it } from "vitest";
import { defineLiveView, html, type ConnectInfo } from "@cinder/server";
import { RawClient } from "../../support/raw-client.js";
import { click, startLiveServer, type LivePage, type LiveServer } from "../support/live-server.js";
import { CounterLive } from "../support/views.js";

/*
 * The `socketId` option of cinderLive (Phoenix's `live_socket_id`), over real WebSockets: the
 * `/live` connection is named from its upgrade request, and the endpoint's `disconnect`
 * broadcast to that name closes exactly the sockets carrying it.
 */

/** Names a connection after the `user` cookie of its upgrade request; no cookie, no name. */
function socketIdFromUserCookie(info: ConnectInfo): string | undefined {
  const user = info.cookies["user"];
  return user === undefined ? undefined : `live_user:${user}`;
}

function counterServer(socketId: ((info: ConnectInfo) => string | undefined) | undefined = socketIdFromUserCookie): Promise<LiveServer> {
  return startLiveServer({ socketId, liveSessions: { public: { routes: { "/counter": CounterLive } } } });
}

function cookieFor(page: LivePage, user: string | undefined): string {
  return user === undefined ? page.cookie : `${page.cookie}; user=${user}`;
}

/** A browser of `user` (or an anonymous one) with the counter joined on its own `/live` socket. */
async function joinedCounter(server: LiveServer, user?: string) {
  const page = await server.get("/counter");
  const client = await server.connect(page, { cookie: cookieFor(page, user) });
  const joined = await server.join(client, page);
  expect(joined.reply.payload.status).toBe("ok");
  return { page, client, joined };
}

function liveUrl(server: LiveServer, page: LivePage): string {
  return `${server.origin.replace("http", "ws")}/live/websocket?_csrf_token=${encodeURIComponent(page.csrfToken)}&vsn=2.0.0`;
}

describe("cinderLive socketId", () => {
  it("a disconnect broadcast to the id closes every /live socket of that user with 1001; other users' and anonymous sockets stay open", async () => {
    const server = await counterServer();
    const aliceTab = await joinedCounter(server, "alice");
    const aliceOtherTab = await joinedCounter(server, "alice");
    const bob = await joinedCounter(server, "bob");
    const visitor = await joinedCounter(server);

    await server.app.cinder.broadcast("live_user:alice", "disconnect", {});

    expect(await aliceTab.client.closed).toEqual({ code: 1001, reason: "disconnected" });
    expect(await aliceOtherTab.client.closed).toEqual({ code: 1001, reason: "disconnected" });
    // The others still answer events on their views.
    for (const survivor of [bob, visitor]) {
      const reply = await click(survivor.client, survivor.joined, "inc", { by: "1" });
      expect(reply.payload).toEqual({ status: "ok", response: { diff: { "0": "1" } } });
      expect(survivor.client.isClosed).toBe(false);
    }
  });

  it("the views of a disconnected socket terminate", async () => {
    const terminated: string[] = [];
    const WatchedLive = defineLiveView<{ user: string }>({
      mount: (_params, _session, socket) => socket.assign({ user: "?" }),
      terminate: (reason) => {
        terminated.push(String(reason));
      },
      render: (assigns) => html`<p>${assigns.user}</p>`,
    });
    const server = await startLiveServer({ socketId: socketIdFromUserCookie, liveSessions: { public: { routes: { "/watched": WatchedLive } } } });
    const page = await server.get("/watched");
    const client = await server.connect(page, { cookie: cookieFor(page, "alice") });
    expect((await server.join(client, page)).reply.payload.status).toBe("ok");

    await server.app.cinder.broadcast("live_user:alice", "disconnect", {});
    await client.closed;
    await expect.poll(() => terminated).toHaveLength(1);
  });

  it("after the disconnect the user's browser reconnects and rejoins (the page's token still joins)", async () => {
    const server = await counterServer();
    const alice = await joinedCounter(server, "alice");
    await click(alice.client, alice.joined, "inc", { by: "1" });
    await server.app.cinder.broadcast("live_user:alice", "disconnect", {});
    await alice.client.closed;

    const reconnected = await server.connect(alice.page, { cookie: cookieFor(alice.page, "alice") });
    const rejoined = await server.join(reconnected, alice.page, { mounts: 1 });
    // A fresh mount: what the view held died with the socket.
    expect(rejoined.response.rendered["0"]).toBe("0");
    // And the new socket carries the id again.
    await server.app.cinder.broadcast("live_user:alice", "disconnect", {});
    expect((await reconnected.closed).code).toBe(1001);
  });

  it("is called once per connection with the upgrade request's cookies and headers", async () => {
    const calls: ConnectInfo[] = [];
    const server = await counterServer((info) => {
      calls.push(info);
      return socketIdFromUserCookie(info);
    });
    const { page, client } = await joinedCounter(server, "alice");
    // A second view joined on the same connection does not ask again.
    const secondPage = await server.get("/counter", page.cookie);
    expect((await server.join(client, secondPage)).reply.payload.status).toBe("ok");

    expect(calls).toHaveLength(1);
    expect(calls[0]?.cookies["user"]).toBe("alice");
    expect(calls[0]?.headers["origin"]).toBe(server.origin);
  });

  it("a throwing socketId refuses that connection with 500 and one log record; the server serves the next one", async () => {
    const server = await counterServer((info) => {
      if (info.cookies["user"] === "mallory") throw new Error("session store unavailable");
      return socketIdFromUserCookie(info);
    });
    const page = await server.get("/counter");
    const status = await RawClient.refusalStatus(liveUrl(server, page), { headers: { cookie: cookieFor(page, "mallory"), origin: server.origin } });
    expect(status).toBe(500);
    const failures = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toContain("socketId of the cinderLive options threw: session store unavailable");

    const alice = await joinedCounter(server, "alice");
    expect((await click(alice.client, alice.joined, "inc", { by: "2" })).payload.response).toEqual({ diff: { "0": "2" } });
  });

  it("an async socketId is refused with a message that says to return the id synchronously", async () => {
    const server = await counterServer((async () => "live_user:alice") as unknown as (info: ConnectInfo) => string);
    const page = await server.get("/counter");
    expect(await RawClient.refusalStatus(liveUrl(server, page), { headers: { cookie: page.cookie, origin: server.origin } })).toBe(500);
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.message).toContain("cinderLive option socketId must return a string or undefined synchronously");
  });

  it("must be a function", async () => {
    await expect(counterServer("live_user:alice" as unknown as () => string)).rejects.toMatchObject({
      code: "CINDER_LIVE_INVALID_OPTION",
      message: expect.stringContaining("socketId must be a function (connectInfo) => string | undefined"),
    });
  });
});
