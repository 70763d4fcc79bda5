import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { LIVE_CLIENTS, text, until, waitForText, type LiveClient } from "../support/live-demo.js";
import { useLiveDemo } from "../support/live-demo-suite.js";

/*
 * Live navigation with both LiveView clients: the header's links between pages of one live
 * session are live redirects (`data-phx-link="redirect"`), so counter → form → books swaps the
 * main view over the open socket without a page load — a live patch on the way included — and
 * back/forward walk the same history, each step remounting the right view with the right params.
 * Links to pages of another live session, or to pages that are not live, load in full.
 */

const secretKeyBase = "e2e-live-navigation-secret-key-base-0123456789-a";

interface SameDocumentWindow {
  sameDocument?: boolean;
}

describeWithChromium("live navigation in Chromium", () => {
  const browser = useChromium();

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    async function headerLink(page: Page, path: string): Promise<void> {
      await page.locator(`.site-nav a[href="${path}"]`).click();
    }

    /** The page at `path` (pathname and search), with the header marking it as current. */
    async function at(page: Page, path: string, headerPath = new URL(path, demo.baseUrl).pathname): Promise<void> {
      await page.waitForURL(demo.baseUrl + path);
      await page.locator(`.site-nav a[aria-current="page"][href="${headerPath}"]`).waitFor();
      expect(await page.locator('.site-nav a[aria-current="page"]').count()).toBe(1);
    }

    async function firstBook(page: Page, title: string): Promise<void> {
      await waitForText(page, "#books > tr:first-child td:first-child", title);
    }

    it("header links navigate counter → form → books over the open socket; back and forward return to each page and its params", async () => {
      const { page, wire } = await demo.open("/counter");
      await page.evaluate(() => ((window as SameDocumentWindow).sameDocument = true));
      let documentLoads = 0;
      page.on("load", () => (documentLoads += 1));
      await page.click("#inc");
      await waitForText(page, "#count", "1");

      await headerLink(page, "/form");
      await at(page, "/form");
      await page.locator("#signup-form").waitFor();
      await page.waitForFunction(() => document.title === "Sign up · Cinder demo");

      await headerLink(page, "/books");
      await at(page, "/books");
      await firstBook(page, "Beloved");
      // A live patch inside the books view, between two live redirects.
      await page.click("#sort-year");
      await at(page, "/books?sort=year&dir=asc&page=1");
      await firstBook(page, "Don Quixote");

      await headerLink(page, "/counter");
      await at(page, "/counter");
      // Another mount of the counter: its state starts over.
      await waitForText(page, "#count", "0");
      await page.waitForFunction(() => document.title === "Count: 0 · Cinder demo");

      await page.goBack();
      await at(page, "/books?sort=year&dir=asc&page=1");
      await firstBook(page, "Don Quixote");
      expect(await text(page, "#sort-year")).toBe("Year ▲");
      await page.goBack();
      await at(page, "/books");
      await firstBook(page, "Beloved");
      await page.goBack();
      await at(page, "/form");
      await page.locator("#signup-form").waitFor();
      await page.goBack();
      await at(page, "/counter");
      await waitForText(page, "#count", "0");

      await page.goForward();
      await at(page, "/form");
      await page.locator("#signup-form").waitFor();
      await page.goForward();
      await at(page, "/books");
      await firstBook(page, "Beloved");
      await page.goForward();
      await at(page, "/books?sort=year&dir=asc&page=1");
      await firstBook(page, "Don Quixote");
      await page.goForward();
      await at(page, "/counter");
      await page.click("#inc");
      await waitForText(page, "#count", "1");

      // One document, one socket throughout: every page after the first was joined over it.
      expect(await page.evaluate(() => (window as SameDocumentWindow).sameDocument)).toBe(true);
      expect(documentLoads).toBe(0);
      expect(wire.socketCount).toBe(1);
      const joins = wire.sent("phx_join");
      // The first page, three header clicks, and six of the eight history steps: the two across
      // the sort stay in the books view and are live patches.
      expect(joins).toHaveLength(1 + 3 + 6);
      expect(joins.slice(1).every((join) => typeof join.payload["redirect"] === "string" && join.payload["url"] === undefined)).toBe(true);
      expect(wire.sent("live_patch")).toHaveLength(3);
      const replies = await until("every join's reply", () => {
        const exchanges = wire.exchanges().filter((exchange) => exchange.push.event === "phx_join");
        return exchanges.length === joins.length && exchanges;
      });
      expect(replies.map((exchange) => exchange.reply.payload["status"])).toEqual(Array(joins.length).fill("ok"));
    });

    it("a live redirect starts the next page at the top, and back restores where the previous page was scrolled to", async () => {
      // A short window, so that the books page scrolls.
      const { page } = await demo.open("/books", { viewport: { width: 1000, height: 300 } });
      await firstBook(page, "Beloved");
      const scrolled = 250;
      await page.evaluate((y) => window.scrollTo(0, y), scrolled);
      await page.waitForFunction((y) => window.scrollY === y, scrolled);

      // A script click: a pointer click would first scroll the header link into view.
      await page.evaluate(() => (document.querySelector('.site-nav a[href="/counter"]') as HTMLAnchorElement).click());
      await at(page, "/counter");
      await page.waitForFunction(() => window.scrollY === 0);

      await page.goBack();
      await at(page, "/books");
      await firstBook(page, "Beloved");
      await page.waitForFunction((y) => window.scrollY === y, scrolled);
    });

    it("links to another live session and to pages that are not live load the page in full", async () => {
      const { page } = await demo.open("/counter");
      await page.evaluate(() => ((window as SameDocumentWindow).sameDocument = true));

      // /chat-live is in the signed-in live session; signed out, its HTTP render redirects to `/`.
      await headerLink(page, "/chat-live");
      await page.waitForURL(demo.baseUrl + "/");
      await page.getByLabel("Your name").waitFor();
      expect(await page.evaluate(() => (window as SameDocumentWindow).sameDocument)).toBeUndefined();
    });
  });
});
