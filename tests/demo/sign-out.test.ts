import { afterEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";
import { Socket, type Channel } from "@cinder/client";
import { createDemoApp } from "@cinder/demo";

/*
 * Signing out ends the session everywhere, over real sockets: the browser's `/socket` channel
 * socket and its `/live` LiveView socket are both named after the session, so the one
 * `disconnect` broadcast of sign-out closes both (1001); the clients reconnect by themselves,
 * the channel socket is refused (the user token names an ended session) and the LiveView rejoin
 * is answered with a redirect to the sign-in page. The same user's other browser — another
 * session — stays connected. The browser view of the same story is tests/e2e/live-sign-out.test.ts.
 */

const secretKeyBase = "demo-sign-out-test-secret-0123456789-abcdefghij";
const SESSION_COOKIE = "cinder_demo_session";

let app: FastifyInstance | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await app?.close();
  app = undefined;
});

async function startApp(): Promise<{ app: FastifyInstance; origin: string }> {
  app = createDemoApp({ secretKeyBase });
  const origin = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, origin };
}

/** What one browser holds after signing in and opening `/` and `/chat-live`. */
interface Browser {
  readonly sessionCookie: string;
  readonly userToken: string;
  readonly live: { csrfCookie: string; csrfToken: string; topic: string; session: string; static: string; url: string };
}

async function signedInBrowser(demo: FastifyInstance, origin: string, name: string): Promise<Browser> {
  const signIn = await demo.inject({ method: "POST", url: "/sign-in", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: `name=${name}` });
  const sessionCookie = signIn.cookies.find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? "";
  const chatPage = await demo.inject({ url: "/", cookies: { [SESSION_COOKIE]: sessionCookie } });
  const userToken = JSON.parse(/window\.userToken = (.*);/.exec(chatPage.body)?.[1] ?? "null") as string;
  const livePage = await demo.inject({ url: "/chat-live", cookies: { [SESSION_COOKIE]: sessionCookie } });
  expect(livePage.statusCode).toBe(200);
  const container = /<div id="([^"]+)" data-phx-main data-phx-session="([^"]*)" data-phx-static="([^"]*)"/.exec(livePage.body);
  return {
    sessionCookie,
    userToken,
    live: {
      csrfCookie: livePage.cookies.find((cookie) => cookie.name === "_cinder_csrf")?.value ?? "",
      csrfToken: /<meta name="csrf-token" content="([^"]*)"/.exec(livePage.body)?.[1] ?? "",
      topic: `lv:${container?.[1]}`,
      session: container?.[2] ?? "",
      static: container?.[3] ?? "",
      url: `${origin}/chat-live`,
    },
  };
}

/** A socket that records its closes and reconnects quickly, as a browser tab's does. */
function trackedSocket(endpoint: string, options: ConstructorParameters<typeof Socket>[1]) {
  const closeCodes: number[] = [];
  const socket = new Socket(endpoint, { reconnectAfterMs: () => 20, rejoinAfterMs: () => 20, ...options });
  sockets.push(socket);
  socket.onClose((event) => closeCodes.push(event.code));
  const opened = new Promise<void>((resolve) => socket.onOpen(resolve));
  socket.connect();
  return { socket, closeCodes, opened };
}

/** `/socket` of the browser's chat page, joined to the lobby. */
async function chatSocket(origin: string, browser: Browser) {
  const tracked = trackedSocket(`${origin.replace("http", "ws")}/socket`, { transport: WebSocket, params: { token: browser.userToken } });
  await tracked.opened;
  const lobby = tracked.socket.channel("room:lobby", {});
  await reply(lobby.join(), "ok");
  return { ...tracked, lobby };
}

/**
 * `/live` of the browser's live chat page, joined like the LiveView client joins: the upgrade
 * carries the browser's cookies (session and CSRF) and an Origin; every join — the rejoins after
 * a reconnect included — sends the page's tokens. `joinReplies` records each join's answer.
 */
async function liveSocket(origin: string, browser: Browser) {
  const cookie = `${SESSION_COOKIE}=${browser.sessionCookie}; _cinder_csrf=${browser.live.csrfCookie}`;
  class BrowserWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  }
  const tracked = trackedSocket(`${origin.replace("http", "ws")}/live`, { transport: BrowserWebSocket, params: { _csrf_token: browser.live.csrfToken } });
  await tracked.opened;
  const channel = tracked.socket.channel(browser.live.topic, {
    url: browser.live.url,
    params: { _csrf_token: browser.live.csrfToken, _mounts: 0 },
    session: browser.live.session,
    static: browser.live.static,
  });
  const joinReplies: Array<{ status: string; response: unknown }> = [];
  const firstJoin = new Promise<void>((resolve) => {
    channel
      .join()
      .receive("ok", (response) => {
        joinReplies.push({ status: "ok", response });
        resolve();
      })
      .receive("error", (response) => joinReplies.push({ status: "error", response }));
  });
  await firstJoin;
  return { ...tracked, channel, joinReplies };
}

function reply(push: ReturnType<Channel["push"]>, expected: "ok" | "error"): Promise<unknown> {
  return new Promise((resolve, reject) => {
    push.receive("ok", (response) => (expected === "ok" ? resolve(response) : reject(new Error(`expected error, got ok ${JSON.stringify(response)}`))));
    push.receive("error", (response) => (expected === "error" ? resolve(response) : reject(new Error(`expected ok, got error ${JSON.stringify(response)}`))));
    push.receive("timeout", () => reject(new Error("the push timed out")));
  });
}

/** Polls until `probe` holds (the clients reconnect on their own timers). */
async function until(what: string, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The HTTP status of the `/socket` upgrade with `token`: 101 accepted, 403 refused. */
function upgradeStatus(origin: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace("http", "ws")}/socket/websocket?vsn=2.0.0&token=${encodeURIComponent(token)}`);
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.once("error", reject);
  });
}

async function signOut(demo: FastifyInstance, browser: Browser): Promise<void> {
  const response = await demo.inject({ method: "POST", url: "/sign-out", cookies: { [SESSION_COOKIE]: browser.sessionCookie } });
  expect(response.statusCode).toBe(303);
}

describe("sign out", () => {
  it("closes the browser's /socket and /live sockets with 1001; the reconnect is refused and the LiveView rejoin redirects to /", async () => {
    const { app: demo, origin } = await startApp();
    const alice = await signedInBrowser(demo, origin, "Alice");
    const chat = await chatSocket(origin, alice);
    const live = await liveSocket(origin, alice);
    expect(await upgradeStatus(origin, alice.userToken)).toBe(101);

    await signOut(demo, alice);

    await until("both sockets closed", () => chat.closeCodes.length > 0 && live.closeCodes.length > 0);
    expect(chat.closeCodes[0]).toBe(1001);
    expect(live.closeCodes[0]).toBe(1001);
    // The user token is as young as before, but its session is gone.
    expect(await upgradeStatus(origin, alice.userToken)).toBe(403);
    // The LiveView client reconnected by itself and rejoined with the page's session token.
    await until("the rejoin's answer", () => live.joinReplies.length > 1);
    expect(live.joinReplies[1]).toEqual({ status: "error", response: { redirect: { to: "/" } } });
    // The chat socket keeps trying and keeps being refused: it never opens again.
    await until("a refused reconnect", () => chat.closeCodes.length > 1);
    expect(chat.socket.isConnected()).toBe(false);
  });

  it("leaves the same user's other browser (another session) connected", async () => {
    const { app: demo, origin } = await startApp();
    const laptop = await signedInBrowser(demo, origin, "Alice");
    const phone = await signedInBrowser(demo, origin, "Alice");
    const laptopChat = await chatSocket(origin, laptop);
    const laptopLive = await liveSocket(origin, laptop);
    const phoneChat = await chatSocket(origin, phone);
    const phoneLive = await liveSocket(origin, phone);

    await signOut(demo, laptop);
    await until("the laptop's sockets closed", () => laptopChat.closeCodes.length > 0 && laptopLive.closeCodes.length > 0);

    // Frames sent after the broadcast are answered: the phone's sockets were never closed.
    await reply(phoneChat.lobby.push("new_msg", { body: "still here" }), "ok");
    await reply(phoneLive.channel.push("event", { type: "form", event: "send", value: "body=still+here" }), "ok");
    expect(phoneChat.closeCodes).toEqual([]);
    expect(phoneLive.closeCodes).toEqual([]);
    expect(await upgradeStatus(origin, phone.userToken)).toBe(101);
  });
});
