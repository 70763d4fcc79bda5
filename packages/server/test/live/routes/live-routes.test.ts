import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { cinder, cinderLive, defineChannel, defineLiveView, defineSocket, html, ok } from "@cinder/server";
import { LiveRoutes } from "../../../src/live/routes/live-routes.js";
import { RoutePattern } from "../../../src/live/routes/route-pattern.js";
import { SECRET, startLiveServer } from "../support/live-server.js";

const A = defineLiveView<{ n: number }>({ name: "A", render: () => html`<p>a</p>` });
const B = defineLiveView<{ n: number }>({ name: "B", render: (assigns) => html`<p>b ${String(assigns.n)}</p>` });

describe("route patterns", () => {
  it.each([
    ["/", "/", {}],
    ["/counter", "/counter", {}],
    ["/users/:id", "/users/7", { id: "7" }],
    ["/users/:id", "/users/a%20b", { id: "a b" }],
    ["/users/:id/posts/:postId", "/users/7/posts/x", { id: "7", postId: "x" }],
    ["/files/*path", "/files/a/b/c.txt", { path: "a/b/c.txt" }],
    ["/files/*path", "/files", { path: "" }],
  ])("%s matches %s", (pattern, pathname, params) => {
    expect(new RoutePattern(pattern).match(pathname)).toEqual(params);
  });

  it.each([
    ["/counter", "/counter/"],
    ["/counter", "/counterx"],
    ["/users/:id", "/users/"],
    ["/users/:id", "/users/7/extra"],
    ["/users/:id", "/users/%E0%A4%A"],
    ["/", "/x"],
  ])("%s does not match %s", (pattern, pathname) => {
    expect(new RoutePattern(pattern).match(pathname)).toBeUndefined();
  });

  it.each(["counter", "/a//b", "/a/", "/a?x=1", "/:", "/:1x", "/*rest/more", "/:id/:id", "/a:b"])("refuses %s with a coded error", (pattern) => {
    expect(() => new RoutePattern(pattern)).toThrow(expect.objectContaining({ code: "CINDER_LIVE_INVALID_ROUTE" }));
  });

  it("gives fastify its own wildcard syntax", () => {
    expect(new RoutePattern("/files/*path").fastifyPath).toBe("/files/*");
    expect(new RoutePattern("/users/:id").fastifyPath).toBe("/users/:id");
  });
});

describe("live sessions", () => {
  it("match in declaration order and know the live session of each route", () => {
    const routes = new LiveRoutes({ first: { routes: { "/users/new": A } }, second: { routes: { "/users/:id": B } } });
    expect(routes.match("/users/new")).toMatchObject({ liveSession: "first", view: A, label: "A" });
    expect(routes.match("/users/9")).toMatchObject({ liveSession: "second", view: B, pathParams: { id: "9" } });
  });

  it("refuse a route declared twice, a value that is not a view, and bad hooks", () => {
    expect(() => new LiveRoutes({ a: { routes: { "/x": A } }, b: { routes: { "/x": B } } })).toThrow(/declared in live session "a" and again in "b"/);
    expect(() => new LiveRoutes({ a: { routes: { "/x": { render: () => html`` } } } })).toThrow(expect.objectContaining({ code: "CINDER_LIVE_NOT_A_LIVE_VIEW" }));
    expect(() => new LiveRoutes({ a: { routes: {}, onMount: ["nope"] } })).toThrow(expect.objectContaining({ code: "CINDER_LIVE_INVALID_OPTION" }));
    expect(() => new LiveRoutes(null)).toThrow(expect.objectContaining({ name: "CinderServerError", code: "CINDER_LIVE_INVALID_OPTION" }));
  });

  it("serve path params through the HTTP render (wildcards included)", async () => {
    const Files = defineLiveView<{ path: string }>({
      mount: (params, _session, socket) => socket.assign({ path: String(params.path) }),
      render: (assigns) => html`<p>${assigns.path}</p>`,
    });
    const server = await startLiveServer({ liveSessions: { public: { routes: { "/files/*path": Files } } } });
    expect((await server.get("/files/docs/read%20me.md")).container.inner).toBe("<p>docs/read me.md</p>");
  });
});

describe("registering cinderLive", () => {
  const liveSessions = { public: { routes: { "/a": A } } };

  it("needs the cinder plugin first", async () => {
    const app = Fastify();
    await expect(app.register(cinderLive, { secretKeyBase: SECRET, liveSessions }).ready()).rejects.toMatchObject({ code: "CINDER_LIVE_NEEDS_CINDER_PLUGIN" });
    await app.close();
  });

  it.each([
    ["no secret", { liveSessions }, "CINDER_LIVE_MISSING_SECRET"],
    ["a short secret", { secretKeyBase: "short", liveSessions }, "CINDER_TOKEN_SECRET_TOO_SHORT"],
    ["a layout that is not a function", { secretKeyBase: SECRET, liveSessions, layout: "<html>" }, "CINDER_LIVE_INVALID_OPTION"],
    ["a bad cookie name", { secretKeyBase: SECRET, liveSessions, csrfCookieName: "a;b" }, "CINDER_LIVE_INVALID_OPTION"],
  ])("refuses %s with a coded error", async (_name, options, code) => {
    const app = Fastify();
    await app.register(cinder, {});
    await expect(app.register(cinderLive, options as never).ready()).rejects.toMatchObject({ code });
    await app.close();
  });
});

describe("app.cinder.routes()", () => {
  it("lists every socket with its channel patterns and every live route with its view and live session, in declaration order", async () => {
    const app = Fastify();
    const Room = defineChannel({ join: () => ok() });
    await app.register(cinder, { sockets: { "/socket": defineSocket({ channels: { "room:*": Room, "user:lobby": Room } }) } });
    const Unnamed = defineLiveView({ render: () => html`<p>u</p>` });
    await app.register(cinderLive, {
      secretKeyBase: SECRET,
      liveSessions: { public: { routes: { "/": A, "/users/:id": B } }, admin: { routes: { "/admin/*rest": Unnamed } } },
    });
    await app.ready();
    expect(app.cinder.routes()).toEqual({
      sockets: [
        { path: "/socket", channels: ["room:*", "user:lobby"] },
        { path: "/live", channels: ["lv:*"] },
      ],
      liveRoutes: [
        { path: "/", view: "A", liveSession: "public" },
        { path: "/users/:id", view: "B", liveSession: "public" },
        { path: "/admin/*rest", view: "LiveView at /admin/*rest", liveSession: "admin" },
      ],
    });
    await app.close();
  });
});
