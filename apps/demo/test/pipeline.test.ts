import { describe, expect, it } from "vitest";
import { sign, verify } from "@cinder/server";
import { createDemoApp } from "@cinder/demo";
import { useDemoApp } from "./support/demo-app.js";

const secretKeyBase = "demo-pipeline-test-secret-0123456789-abcdefghij";
const demo = useDemoApp(secretKeyBase);

async function signIn(name: string, headers: Record<string, string> = {}, currentCookie?: string) {
  return demo().inject({
    method: "POST",
    url: "/sign-in",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    cookies: currentCookie === undefined ? {} : { cinder_demo_session: currentCookie },
    payload: new URLSearchParams({ name }).toString(),
  });
}

/** The session id inside a signed session cookie (`<value>.<signature>`). */
function sessionIdOf(cookieValue: string): string {
  return cookieValue.slice(0, cookieValue.lastIndexOf("."));
}

/** What `/session/status` says about a page's user token. */
async function sessionStatus(token: string | undefined): Promise<unknown> {
  const response = await demo().inject({ method: "GET", url: "/session/status", headers: token === undefined ? {} : { "x-user-token": token } });
  expect(response.statusCode).toBe(200);
  expect(response.headers["cache-control"]).toBe("no-store");
  return response.json();
}

function sessionCookieOf(response: Awaited<ReturnType<typeof signIn>>) {
  const cookie = response.cookies.find((candidate) => candidate.name === "cinder_demo_session");
  if (!cookie) throw new Error("no session cookie was set");
  return cookie;
}

async function pageWith(cookieValue: string | undefined) {
  return demo().inject({ method: "GET", url: "/", cookies: cookieValue === undefined ? {} : { cinder_demo_session: cookieValue } });
}

/** The JSON literal assigned to `window.<name>` in the layout's inline script. */
function pageGlobal(page: string, name: string): unknown {
  const match = new RegExp(`window\\.${name} = (.*);`).exec(page);
  if (!match?.[1]) throw new Error(`window.${name} is not set in the page`);
  return JSON.parse(match[1]);
}

describe("signed out", () => {
  it("shows the sign-in form and no user token", async () => {
    const response = await pageWith(undefined);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('action="/sign-in"');
    expect(response.body).not.toContain("window.userToken");
  });
});

describe("sign in", () => {
  it("sets a signed, httpOnly, SameSite=Lax session cookie and redirects to the chat", async () => {
    const response = await signIn("Alice");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    const cookie = sessionCookieOf(response);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.path).toBe("/");
    expect(cookie.value).toMatch(/^[\w-]+\.[\w+/=-]+$/);
  });

  it("renders the chat with the user's name and a user token that carries the session id, not the user id", async () => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    const page = (await pageWith(cookie.value)).body;
    expect(page).toContain('<strong id="current-user">Alice</strong>');
    const currentUser = pageGlobal(page, "currentUser") as { id: string; name: string };
    expect(currentUser.name).toBe("Alice");
    const token = verify(secretKeyBase, "user socket", pageGlobal(page, "userToken"), { maxAge: 1_209_600 });
    // The cookie is `<session id>.<signature>`.
    expect(token).toEqual({ ok: true, data: sessionIdOf(cookie.value) });
    expect(sessionIdOf(cookie.value)).not.toBe(currentUser.id);
  });

  it("starts a new session per sign-in, even for the same name", async () => {
    const first = sessionCookieOf(await signIn("Alice"));
    const second = sessionCookieOf(await signIn("Alice"));
    expect(sessionIdOf(first.value)).not.toBe(sessionIdOf(second.value));
    const currentUserOf = async (cookie: string) => pageGlobal((await pageWith(cookie)).body, "currentUser");
    expect(await currentUserOf(first.value)).toEqual(await currentUserOf(second.value));
  });

  it("ends the browser's previous session when it signs in again", async () => {
    const first = sessionCookieOf(await signIn("Alice"));
    const oldToken = pageGlobal((await pageWith(first.value)).body, "userToken") as string;
    const second = sessionCookieOf(await signIn("Bob", {}, first.value));
    expect((await pageWith(second.value)).body).toContain('<strong id="current-user">Bob</strong>');
    expect((await pageWith(first.value)).body).toContain('action="/sign-in"');
    expect(await sessionStatus(oldToken)).toEqual({ active: false });
  });

  it("refuses an empty name with a message", async () => {
    const response = await signIn("   ");
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain("Please enter a name.");
    expect(response.cookies).toHaveLength(0);
  });

  it("refuses a cross-site form post", async () => {
    const response = await signIn("Mallory", { origin: "https://evil.example" });
    expect(response.statusCode).toBe(403);
    expect(response.cookies).toHaveLength(0);
  });
});

describe("forged and tampered cookies count as signed out", () => {
  it.each([
    ["a changed session id", (value: string) => `x${value}`],
    ["a changed signature", (value: string) => value.slice(0, -2) + (value.endsWith("AA") ? "BB" : "AA")],
    ["the signature removed", (value: string) => value.slice(0, value.lastIndexOf("."))],
    ["garbage", () => "%%%not-a-cookie"],
  ])("%s", async (_label, tamper) => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    const page = (await pageWith(tamper(cookie.value))).body;
    expect(page).toContain('action="/sign-in"');
    expect(page).not.toContain("window.userToken");
  });

  it("a cookie signed with another secret", async () => {
    const otherApp = createDemoApp({ secretKeyBase: "another-demo-secret-0123456789-abcdefghijklmn" });
    const cookie = sessionCookieOf(
      await otherApp.inject({
        method: "POST",
        url: "/sign-in",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "name=Alice",
      }),
    );
    await otherApp.close();
    expect((await pageWith(cookie.value)).body).toContain('action="/sign-in"');
  });
});

describe("hostile names", () => {
  const hostileName = `</script><script>alert(1)//<!--"'&`;

  it("cannot break out of the layout's inline script, and are shown as text", async () => {
    const cookie = sessionCookieOf(await signIn(hostileName));
    const page = (await pageWith(cookie.value)).body;
    expect(page).not.toContain("<script>alert(1)");
    expect(page).not.toContain("<!--");
    // Exactly the two script elements of the layout open and close.
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect((pageGlobal(page, "currentUser") as { name: string }).name).toBe(hostileName);
    expect(page).toContain("&lt;/script&gt;&lt;script&gt;alert(1)//&lt;!--&quot;&#39;&amp;");
  });
});

describe("sign out", () => {
  async function signOut(cookieValue: string, headers: Record<string, string> = {}) {
    return demo().inject({ method: "POST", url: "/sign-out", headers, cookies: { cinder_demo_session: cookieValue } });
  }

  it("clears the session cookie", async () => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    const response = await signOut(cookie.value);
    expect(response.statusCode).toBe(303);
    const cleared = sessionCookieOf(response);
    expect(cleared.value).toBe("");
    expect(new Date(cleared.expires ?? 0).getTime()).toBeLessThan(Date.now());
  });

  it("ends the session: the old cookie means signed out, and the page's user token is revoked", async () => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    const token = pageGlobal((await pageWith(cookie.value)).body, "userToken") as string;
    expect(await sessionStatus(token)).toEqual({ active: true });
    await signOut(cookie.value);
    // A browser that kept the cookie (or a copy of it) is signed out all the same.
    const page = (await pageWith(cookie.value)).body;
    expect(page).toContain('action="/sign-in"');
    expect(page).not.toContain("window.userToken");
    expect(await sessionStatus(token)).toEqual({ active: false });
  });

  it("ends only that browser's session: the same user's other browser stays signed in", async () => {
    const laptop = sessionCookieOf(await signIn("Alice"));
    const phone = sessionCookieOf(await signIn("Alice"));
    const phoneToken = pageGlobal((await pageWith(phone.value)).body, "userToken") as string;
    await signOut(laptop.value);
    expect((await pageWith(phone.value)).body).toContain('<strong id="current-user">Alice</strong>');
    expect(await sessionStatus(phoneToken)).toEqual({ active: true });
  });

  it("refuses a cross-site sign-out, which ends nothing", async () => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    expect((await signOut(cookie.value, { origin: "https://evil.example" })).statusCode).toBe(403);
    expect((await pageWith(cookie.value)).body).toContain('<strong id="current-user">Alice</strong>');
  });
});

describe("session status (asked by the chat page when its socket closes)", () => {
  it.each([
    ["no token", undefined],
    ["a forged token", "SFMyNTY.forged.token"],
    ["a token of another salt", sign(secretKeyBase, "password reset", "x")],
  ])("answers inactive for %s", async (_label, token) => {
    expect(await sessionStatus(token)).toEqual({ active: false });
  });
});

describe("page security", () => {
  it("sends a Content-Security-Policy whose nonce is the inline script's", async () => {
    const cookie = sessionCookieOf(await signIn("Alice"));
    const response = await pageWith(cookie.value);
    const policy = String(response.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    expect(policy).toContain("script-src 'self'");
  });

  it("serves the chat script bundled from the workspace sources", async () => {
    const response = await demo().inject({ method: "GET", url: "/assets/chat.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("javascript");
    expect(response.body).toContain("new_msg");
    expect(response.body).not.toMatch(/^import /m);
  });
});
