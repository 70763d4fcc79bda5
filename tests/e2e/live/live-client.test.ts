import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeWithChromium, launchChromium } from "../../support/browser.js";
import { bundleClients, startLiveE2eApp, type ClientKind, type LiveE2eApp } from "./live-e2e-app.js";

/*
 * LiveView end to end: Cinder's server in-process on a real port, real Chromium, and the same
 * scenarios with Cinder's client and with the official phoenix_live_view client, so the two stay
 * interchangeable against our server.
 */

const SECRET = "e2e-live-secret-key-base-0123456789-abcdefghijkl";
const WAIT_MS = 10_000;

let bundles: Record<ClientKind, string>;
let server: LiveE2eApp;
/** Server restarts so far, rendered by the form page: tells which server answered. */
let generation = 1;
let browser: Browser;
let contexts: BrowserContext[] = [];

describeWithChromium("LiveView pages in Chromium", () => {
  beforeAll(async () => {
    bundles = await bundleClients();
    server = await startLiveE2eApp(bundles, SECRET);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
  });

  for (const client of ["cinder", "official"] as const) {
    describeWithChromium(`with the ${client} client`, () => {
      it("counter: clicks, a JS command list (push + add_class), and a DOM-only JS command", async () => {
        const { page, errors } = await open(client, "/counter");
        await page.click("#inc");
        await expectText(page, "#count", "Count: 1");
        await page.click("#inc-js");
        await expectText(page, "#count", "Count: 6");
        await page.waitForFunction(() => document.querySelector("#count")?.classList.contains("flashed"));
        // A server patch keeps the class the JS command added.
        await page.click("#inc");
        await expectText(page, "#count", "Count: 7");
        expect(await page.locator("#count").getAttribute("class")).toContain("flashed");
        await page.click("#toggle");
        await page.locator("#panel").waitFor({ state: "hidden" });
        expect(errors).toEqual([]);
      });

      it("form: debounced validation, an error that comes and goes, submit", async () => {
        const { page, errors } = await open(client, "/form");
        const name = page.locator("#name");
        await name.pressSequentially("Al", { delay: 20 });
        await expectText(page, "#greeting", "Hello, Al");
        await page.locator("#error").waitFor();
        await name.pressSequentially("ice", { delay: 20 });
        await expectText(page, "#greeting", "Hello, Alice");
        await page.locator("#error").waitFor({ state: "detached" });
        // Five keystrokes, debounced: fewer validations than keystrokes reached the server.
        expect(Number(await page.locator("#validations").textContent())).toBeLessThan(5);
        expect(await name.inputValue()).toBe("Alice");
        await page.click("#save");
        await expectText(page, "#saved", "Saved Alice");
        expect(errors).toEqual([]);
      });

      it("navigation: patch links, a live redirect, back and forward without page loads", async () => {
        const { page, errors } = await open(client, "/nav");
        await expectText(page, "#page", "Page 1");
        await page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 42));
        await page.click("#to-page-2");
        await expectText(page, "#page", "Page 2");
        expect(new URL(page.url()).search).toBe("?page=2");
        await page.click("#to-page-3");
        await expectText(page, "#page", "Page 3");
        await page.click("#to-counter");
        await expectText(page, "#count", "Count: 0");
        expect(new URL(page.url()).pathname).toBe("/counter");
        await page.goBack();
        await expectText(page, "#page", "Page 3");
        await page.goBack();
        await expectText(page, "#page", "Page 2");
        await page.goForward();
        await expectText(page, "#page", "Page 3");
        await page.goForward();
        await expectText(page, "#count", "Count: 0");
        expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42);
        expect(errors).toEqual([]);
      });

      it("hook: pushEvent resolves with the server's reply", async () => {
        const { page, errors } = await open(client, "/hook");
        await page.click("#pinger");
        await expectText(page, "#pinger", "pong 1");
        await page.click("#pinger");
        await expectText(page, "#pinger", "pong 2");
        await expectText(page, "#pings", "2");
        expect(errors).toEqual([]);
      });
    });
  }

  for (const client of ["cinder", "official"] as const) {
    it(`reconnect with the ${client} client: a half-typed form survives a server restart`, async () => {
      const { page, errors } = await open(client, "/form");
      await expectText(page, "#generation", `server ${generation}`);
      await page.locator("#name").pressSequentially("Ad", { delay: 20 });
      await expectText(page, "#greeting", "Hello, Ad");

      const port = Number(new URL(server.origin).port);
      await server.app.close();
      await page.waitForFunction(() => document.querySelector("[data-phx-main]")?.classList.contains("phx-error"));
      generation += 1;
      server = await startLiveE2eApp(bundles, SECRET, port, generation);

      // The new server mounted the view from scratch; only form recovery can have told it "Ad".
      await expectText(page, "#generation", `server ${generation}`);
      await expectText(page, "#greeting", "Hello, Ad");
      await page.waitForFunction(() => document.querySelector("[data-phx-main]")?.classList.contains("phx-connected"));
      expect(await page.locator("#name").inputValue()).toBe("Ad");
      expect(errors).toEqual([]);
    });
  }
});

async function open(client: ClientKind, path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  contexts.push(context);
  const origin = new URL(server.origin);
  await context.addCookies([{ name: "e2e_client", value: client, domain: origin.hostname, path: "/" }]);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => document.querySelector("[data-phx-main]")?.classList.contains("phx-connected"));
  return { page, errors };
}

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).filter({ hasText: new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) }).waitFor();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
