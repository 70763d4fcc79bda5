import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_NAME } from "../src/config.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe("the app over HTTP", () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it("renders the home page as a complete document before any JavaScript runs", async () => {
    const response = await server.app.inject("/");
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toMatch(/^<!DOCTYPE html>/);
    expect(body).toContain('<meta charset="utf-8">');
    expect(body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(body).toMatch(/<meta name="csrf-token" content="[^"]+">/);
    expect(body).toContain(`Welcome · ${APP_NAME}</title>`);
    expect(body).toContain('<link rel="stylesheet" href="/assets/app.css">');
    expect(body).toContain("data-phx-main");
    expect(body).toContain('id="count">0<');
  });

  it("serves the browser assets and the public files", async () => {
    const script = await server.app.inject("/assets/app.js");
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toContain("text/javascript");
    expect(script.body).toContain("phx:page-loading-start");
    const css = await server.app.inject("/assets/app.css");
    expect(css.body).toContain("--accent");
    expect((await server.app.inject("/robots.txt")).body).toContain("User-agent");
  });

  it("answers an unknown page with a 404 listing the routes (in development and tests)", async () => {
    const response = await server.app.inject({ url: "/no-such-page", headers: { accept: "text/html" } });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("No route for GET /no-such-page");
    expect(response.body).toContain("HomeLive");
  });

  it("answers health checks", async () => {
    expect((await server.app.inject("/health")).json()).toEqual({ status: "ok" });
  });
});
