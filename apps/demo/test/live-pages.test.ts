import { describe, expect, it } from "vitest";
import { useDemoApp } from "./support/demo-app.js";

/*
 * The live pages over HTTP (`app.inject`): the dead render inside the live layout, the CSP that
 * covers it, and the sign-in guard. Their behaviour in a browser, with both LiveView clients, is
 * in tests/e2e/live-*.test.ts.
 */

const secretKeyBase = "demo-live-pages-test-secret-0123456789-abcdefgh";
const demo = useDemoApp(secretKeyBase);

async function signedInCookie(name: string): Promise<string> {
  const response = await demo().inject({
    method: "POST",
    url: "/sign-in",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ name }).toString(),
  });
  const cookie = response.cookies.find((candidate) => candidate.name === "cinder_demo_session");
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie.value;
}

describe("the live pages' HTTP render", () => {
  it.each(["/counter", "/form", "/books", "/hooks", "/crash"])("%s is a live page with tokens, csrf meta, title and the client script", async (path) => {
    const response = await demo().inject({ url: path });
    expect(response.statusCode).toBe(200);
    const page = response.body;
    expect(page).toMatch(/<div id="phx-[\w-]+" data-phx-main data-phx-session="[^"]+" data-phx-static="[^"]*"/);
    expect(page).toMatch(/<meta name="csrf-token" content="[\w-]+">/);
    expect(page).toMatch(/<title data-default="Cinder demo" data-suffix=" · Cinder demo">[^<]+ · Cinder demo<\/title>/);
    expect(page).toContain(`<a href="${path}" data-phx-link="redirect" data-phx-link-state="push" aria-current="page">`);
    // The only script is the external client bundle, with the nonce the CSP allows.
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(String(response.headers["content-security-policy"]))?.[1];
    expect(nonce).toBeDefined();
    expect(page.match(/<script[^>]*>/g)).toEqual([`<script defer phx-track-static type="module" nonce="${nonce}" src="/assets/live.js">`]);
    expect(page).not.toMatch(/\son[a-z]+=/i);
  });

  it("renders the first state of each page on the server", async () => {
    expect((await demo().inject({ url: "/counter" })).body).toContain('<p class="count" id="count" aria-live="polite">0</p>');
    const books = (await demo().inject({ url: "/books?sort=year&dir=desc&page=2" })).body;
    expect(books).toContain('<tr id="books-11">');
    expect(books).toContain('<title data-default="Cinder demo" data-suffix=" · Cinder demo">Books · page 2 · Cinder demo</title>');
    expect(books).toContain('aria-sort="descending"');
  });

  it("serves the LiveSocket bundle", async () => {
    const response = await demo().inject({ url: "/assets/live.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(response.body).toContain("phx-connected");
  });
});

describe("the header's links", () => {
  /** `href` → `data-phx-link` (or "plain") of each header link. */
  function headerLinks(page: string): Record<string, string> {
    const nav = /<nav class="site-nav"[^>]*>(.*?)<\/nav>/s.exec(page)?.[1] ?? "";
    const links: Record<string, string> = {};
    for (const match of nav.matchAll(/<a href="([^"]+)"([^>]*)>/g)) {
      links[match[1] as string] = /data-phx-link="(\w+)" data-phx-link-state="push"/.exec(match[2] ?? "")?.[1] ?? "plain";
    }
    return links;
  }

  it("navigate live between the pages of the same live session, and load the others in full", async () => {
    expect(headerLinks((await demo().inject({ url: "/counter" })).body)).toEqual({
      "/": "plain",
      "/chat-live": "plain",
      "/counter": "redirect",
      "/form": "redirect",
      "/books": "redirect",
      "/hooks": "redirect",
      "/crash": "redirect",
    });
    const chatLive = (await demo().inject({ url: "/chat-live", cookies: { cinder_demo_session: await signedInCookie("Ada") } })).body;
    expect(headerLinks(chatLive)).toEqual({
      "/": "plain",
      "/chat-live": "redirect",
      "/counter": "plain",
      "/form": "plain",
      "/books": "plain",
      "/hooks": "plain",
      "/crash": "plain",
    });
  });

  it("are plain on the pages that are not live", async () => {
    const signInPage = (await demo().inject({ url: "/" })).body;
    expect(Object.values(headerLinks(signInPage))).toEqual(Array(7).fill("plain"));
    expect(signInPage).not.toContain("data-phx-link");
  });
});

describe("the live chat's sign-in guard", () => {
  it("sends signed-out visitors to the sign-in page", async () => {
    const response = await demo().inject({ url: "/chat-live" });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/");
  });

  it("renders the room for a signed-in user, with a LiveView session token that carries the session id (not the user id)", async () => {
    const cookie = await signedInCookie("Ada");
    const response = await demo().inject({ url: "/chat-live", cookies: { cinder_demo_session: cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<strong id="current-user">Ada</strong>');
    expect(response.body).toContain('<ol id="live-messages" class="messages" aria-label="Messages">');
    // Signed, not encrypted: the payload segment is readable JSON.
    const token = /data-phx-session="([^"]+)"/.exec(response.body)?.[1] ?? "";
    const claims = Buffer.from(token.split(".")[2] ?? "", "base64url").toString("utf8");
    const sessionId = cookie.slice(0, cookie.lastIndexOf("."));
    expect(claims).toContain(`"sessionId":"${sessionId}"`);
    expect(claims).not.toContain("userId");
  });

  it("sends the old cookie of a signed-out session to the sign-in page", async () => {
    const cookie = await signedInCookie("Ada");
    await demo().inject({ method: "POST", url: "/sign-out", cookies: { cinder_demo_session: cookie } });
    const response = await demo().inject({ url: "/chat-live", cookies: { cinder_demo_session: cookie } });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/");
  });
});
