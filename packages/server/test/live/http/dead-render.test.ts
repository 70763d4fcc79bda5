import { describe, expect, it } from "vitest";
import { renderedToHtml, type RenderedRoot } from "@cinder/protocol";
import { component, defineLiveView, html, keyed, safe, type LiveLayout, type OnMountHook } from "@cinder/server";
import { startLiveServer } from "../support/live-server.js";
import { CounterLive } from "../support/views.js";

interface Todo {
  id: number;
  title: string;
  done: boolean;
}

const Badge = (props: { label: string }) => html`<span class="badge">${props.label}</span>`;

const TodosLive = defineLiveView<{ todos: Todo[]; filter: string }>({
  mount(_params, _session, socket) {
    socket.assign({
      todos: [
        { id: 1, title: "Write <tests>", done: true },
        { id: 2, title: 'Quote " & apostrophe \'', done: false },
      ],
      filter: "all",
    });
  },
  render: (assigns) => html`
    <section id="todos" class=${["list", assigns.filter]}>
      ${component(Badge, { label: `${assigns.todos.length} todos` })}
      <ul>${keyed(assigns.todos, (todo) => todo.id, (todo) => html`<li id=${`todo-${todo.id}`} class=${todo.done && "done"}>${todo.title}</li>`)}</ul>
      ${assigns.todos.length > 1 ? html`<p>Many</p>` : html`<p>Few</p>`}
      <a href=${"javascript:alert(1)"}>bad link</a>
    </section>`,
});

const FormLive = defineLiveView<{ name: string; errors: string[] }>({
  mount: (_params, _session, socket) => socket.assign({ name: "Ada <Lovelace>", errors: [] }),
  render: (assigns) => html`<form id="f" phx-change="validate" phx-submit="save">
    <input name="user[name]" value=${assigns.name}>
    ${assigns.errors.map((message) => html`<p class="error">${message}</p>`)}
    <textarea name="bio"></textarea>
  </form>`,
});

const ParamsLive = defineLiveView<{ id: string; tab: string; path: string }>({
  mount(params, _session, socket) {
    socket.assign({ id: String(params.id), tab: String(params.tab ?? "none"), path: "" });
  },
  handleParams(_params, url, socket) {
    socket.assign({ path: url.pathname + url.search });
  },
  render: (assigns) => html`<p>user ${assigns.id} tab ${assigns.tab} at ${assigns.path}</p>`,
});

const SessionLive = defineLiveView<{ user: string }>({
  mount: (_params, session, socket) => socket.assign({ user: String(session.userId ?? "anonymous") }),
  render: (assigns) => html`<p>Hello ${assigns.user}</p>`,
});

const TitledLive = defineLiveView<{ n: number }>({
  mount(_params, _session, socket) {
    socket.assign({ n: 1 });
    socket.pageTitle("Inbox <1>");
  },
  render: (assigns) => html`<p>${assigns.n}</p>`,
});

const pages = {
  "/counter": CounterLive,
  "/todos": TodosLive,
  "/form": FormLive,
  "/users/:id": ParamsLive,
  "/session": SessionLive,
  "/titled": TitledLive,
};

describe("the HTTP render of a live route", () => {
  it.each(["/counter", "/todos", "/form", "/users/7?tab=posts", "/session"])(
    "%s: the container's HTML equals the client's rendering of the join render",
    async (path) => {
      const server = await startLiveServer({ liveSessions: { public: { routes: pages } }, session: () => ({ userId: "u1" }) });
      const page = await server.get(path);
      expect(page.status).toBe(200);
      const client = await server.connect(page);
      const joined = await server.join(client, page);
      expect(joined.reply.payload.status).toBe("ok");
      expect(page.container.inner).toBe(renderedToHtml(joined.response.rendered as RenderedRoot));
    },
  );

  it("wraps the container in the layout with the csrf meta tag and the title tag", async () => {
    const layout: LiveLayout = (page) =>
      html`<!DOCTYPE html><html><head><meta name="csrf-token" content=${page.csrfToken}>${page.titleTag}<script defer src="/assets/app.js"></script></head><body class="app">${page.inner}</body></html>`;
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } }, layout, title: { default: "App", suffix: " · Cinder" } });
    const titled = await server.get("/titled");
    expect(titled.html).toMatch(/^<!DOCTYPE html><html><head><meta name="csrf-token" content="[A-Za-z0-9_-]{86}">/);
    expect(titled.html).toContain('<title data-default="App" data-suffix=" · Cinder">Inbox &lt;1&gt; · Cinder</title><script defer src="/assets/app.js"></script>');
    expect(titled.html).toContain(`<body class="app"><div id="${titled.container.id}" data-phx-main data-phx-session="`);
    const untitled = await server.get("/counter");
    expect(untitled.html).toContain('<title data-default="App" data-suffix=" · Cinder">App · Cinder</title>');
  });

  it("answers text/html with the container attributes of spec §3.1", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } } });
    const page = await server.get("/counter");
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.container.id).toMatch(/^phx-[A-Za-z0-9_-]{16}$/);
    expect(page.container.session).not.toBe("");
    expect(page.container.static).not.toBe("");
    expect(page.html).not.toContain("data-phx-component");
  });

  it("gives every render a fresh container id and a fresh csrf mask", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } } });
    const first = await server.get("/counter");
    const second = await server.get("/counter", first.cookie);
    expect(second.container.id).not.toBe(first.container.id);
    expect(second.csrfToken).not.toBe(first.csrfToken);
  });

  it("sets an HttpOnly CSRF cookie once and keeps the browser's", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } } });
    const first = await server.get("/counter");
    const setCookie = String([first.headers["set-cookie"]].flat()[0]);
    expect(setCookie).toMatch(/^_cinder_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const second = await server.get("/counter", first.cookie);
    expect(second.headers["set-cookie"]).toBeUndefined();
    // Both pages join over one connection carrying that cookie.
    const client = await server.connect(second);
    expect((await server.join(client, first)).reply.payload.status).toBe("ok");
    expect((await server.join(client, second)).reply.payload.status).toBe("ok");
  });

  it("replaces a cookie that is not one of ours", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } } });
    const page = await server.get("/counter", "_cinder_csrf=<script>");
    expect(page.cookie).toMatch(/^_cinder_csrf=[A-Za-z0-9_-]{43}$/);
  });

  it("passes path and query params to mount and the URL to handleParams", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } } });
    const page = await server.get("/users/a%20b?tab=posts&x[]=1");
    expect(page.container.inner).toBe("<p>user a b tab posts at /users/a%20b?tab=posts&amp;x[]=1</p>");
  });

  it("mounts with the app session from the session option, signed into the token", async () => {
    const server = await startLiveServer({ liveSessions: { public: { routes: pages } }, session: (request) => ({ userId: String(request.headers["x-user"] ?? "nobody") }) });
    const response = await server.app.inject({ method: "GET", url: "/session", headers: { "x-user": "ada" } });
    expect(response.body).toContain("<p>Hello ada</p>");
  });

  it("answers 302 when mount or an onMount hook redirects, with the flash in the flash cookie", async () => {
    const RedirectingLive = defineLiveView<{ never: boolean }>({
      mount(_params, _session, socket) {
        socket.putFlash("error", "Sign in first");
        socket.redirect("/login?from=%2Fprivate");
      },
      render: () => html`<p>never rendered</p>`,
    });
    const requireUser: OnMountHook = (_params, session, socket) => {
      if (session.userId === undefined) socket.pushNavigate("/counter");
    };
    const server = await startLiveServer({
      liveSessions: { public: { routes: { "/private": RedirectingLive, "/counter": CounterLive } }, users: { onMount: [requireUser], routes: { "/settings": CounterLive } } },
    });
    const redirected = await server.get("/private");
    expect(redirected.status).toBe(302);
    expect(redirected.headers.location).toBe("/login?from=%2Fprivate");
    const flashCookie = [redirected.headers["set-cookie"]].flat().find((line) => String(line).startsWith("__phoenix_flash__="));
    expect(String(flashCookie)).toMatch(/^__phoenix_flash__=[^;]+; Max-Age=60; Path=\/; SameSite=Lax$/);

    const guarded = await server.get("/settings");
    expect(guarded.status).toBe(302);
    expect(guarded.headers.location).toBe("/counter");
  });

  it("reads the flash cookie into the first render and clears it", async () => {
    const FlashLive = defineLiveView<{ n: number }>({
      render: (assigns) => html`<p class="info">${assigns.flash.info}</p>`,
    });
    const Redirecting = defineLiveView<{ n: number }>({
      mount(_params, _session, socket) {
        socket.putFlash("info", "Welcome <back>");
        socket.redirect("/flash");
      },
      render: () => html`<p></p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/flash": FlashLive, "/go": Redirecting } } } });
    const redirected = await server.get("/go");
    const flashCookie = String([redirected.headers["set-cookie"]].flat().find((line) => String(line).startsWith("__phoenix_flash__="))).split(";")[0];
    const page = await server.get("/flash", flashCookie);
    expect(page.container.inner).toBe('<p class="info">Welcome &lt;back&gt;</p>');
    expect([page.headers["set-cookie"]].flat().join("\n")).toMatch(/__phoenix_flash__=; Max-Age=0; Path=\//);

    // The static token carries the flash into the first connected mount.
    const client = await server.connect(page);
    const joined = await server.join(client, page);
    expect(renderedToHtml(joined.response.rendered)).toBe('<p class="info">Welcome &lt;back&gt;</p>');
    // ... but not into a rejoin.
    const rejoined = await server.join(client, page, { mounts: 1 });
    expect(renderedToHtml(rejoined.response.rendered)).toBe('<p class="info"></p>');
  });

  it("ignores a forged or expired flash cookie", async () => {
    const FlashLive = defineLiveView<{ n: number }>({ render: (assigns) => html`<p>${assigns.flash.info}</p>` });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/flash": FlashLive } } } });
    const page = await server.get("/flash", "__phoenix_flash__=CS1.forged.token.x.y");
    expect(page.status).toBe(200);
    expect(page.container.inner).toBe("<p></p>");
  });

  it("answers a bare 500 and logs the view, the callback and the cause when mount throws", async () => {
    const Broken = defineLiveView<{ n: number }>({
      name: "BrokenLive",
      mount() {
        throw new Error("database down");
      },
      render: () => html`<p></p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/broken": Broken } } } });
    const response = await server.app.inject({ method: "GET", url: "/broken" });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain("database down");
    expect(response.body).not.toContain("BrokenLive");
    const [record] = server.logger.withCode("CINDER_LIVE_DEAD_RENDER_FAILED");
    expect(record?.fields.route).toBe("/broken");
    expect(String((record?.fields.err as Error).message)).toBe("mount of BrokenLive threw: database down");
  });

  it("renders trusted markup from safe() as is and everything else escaped", async () => {
    const Markup = defineLiveView<{ text: string }>({
      mount: (_params, _session, socket) => socket.assign({ text: "<img src=x onerror=alert(1)>" }),
      render: (assigns) => html`<div>${assigns.text}${safe("<b>ok</b>")}</div>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/markup": Markup } } } });
    const page = await server.get("/markup");
    expect(page.container.inner).toBe("<div>&lt;img src=x onerror=alert(1)&gt;<b>ok</b></div>");
  });
});
