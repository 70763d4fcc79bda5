import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { LIVE_CLIENTS, text, until, waitForText, type LiveClient } from "../support/live-demo.js";
import { useDiffSizeLog, useLiveDemo } from "../support/live-demo-suite.js";

/*
 * The books page with both LiveView clients: live_patch sorting and paging with back/forward,
 * rows as a stream (insert on top with a limit, delete), and a live component (the details
 * panel) that receives its own events through phx-target.
 */

const secretKeyBase = "e2e-live-books-secret-key-base-0123456789-abcdef";

/** The demo's shelf, sorted as the page sorts it (title: English collation; ties by id). */
const BY_TITLE = [
  "Beloved",
  "Brave New World",
  "Crime and Punishment",
  "Don Quixote",
  "Frankenstein",
  "Invisible Cities",
  "Jane Eyre",
  "Madame Bovary",
  "Middlemarch",
  "Moby-Dick",
];
const BY_YEAR_ASC = ["Don Quixote", "Pride and Prejudice", "Frankenstein", "Jane Eyre", "Wuthering Heights"];
const BY_YEAR_DESC_PAGE_1 = ["Beloved", "The Name of the Rose", "Invisible Cities", "The Left Hand of Darkness", "The Master and Margarita"];
const BY_YEAR_DESC_PAGE_2 = ["One Hundred Years of Solitude", "Things Fall Apart", "Nineteen Eighty-Four", "The Stranger", "Brave New World"];

interface Row {
  readonly id: string;
  readonly title: string;
  readonly stream: string | null;
}

async function rows(page: Page): Promise<Row[]> {
  return page.locator("#books > tr").evaluateAll((items) =>
    items.map((item) => ({ id: item.id, title: item.querySelector("td")?.textContent?.trim() ?? "", stream: item.getAttribute("data-phx-stream") })),
  );
}

async function titles(page: Page): Promise<string[]> {
  return (await rows(page)).map((row) => row.title);
}

async function waitForTitles(page: Page, expected: readonly string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => JSON.stringify([...document.querySelectorAll("#books > tr")].map((row) => row.querySelector("td")?.textContent?.trim())) === JSON.stringify(expected),
    expected,
  );
}

describeWithChromium("the books page in Chromium", () => {
  const browser = useChromium();
  const diffSizes = useDiffSizeLog("Diff sizes observed on the books page");

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    it("live_patch sorts and pages without a page load, and back/forward restore each state", async () => {
      const { page, wire } = await demo.open("/books");
      expect(await titles(page)).toEqual(BY_TITLE.slice(0, 5));
      // Set in this document; a full page load would lose it.
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      await page.click("#sort-year");
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=asc&page=1`);
      await waitForTitles(page, BY_YEAR_ASC);
      const patch = await until("the live_patch reply", () => wire.exchanges().find((exchange) => exchange.push.event === "live_patch"));
      expect(patch.push.payload).toEqual({ url: `${demo.baseUrl}/books?sort=year&dir=asc&page=1` });
      diffSizes.recordReply(client, "live_patch sort by year (stream reset, 5 rows)", patch);
      expect(await text(page, "#sort-year")).toBe("Year ▲");

      await page.click("#sort-year");
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=desc&page=1`);
      await waitForTitles(page, BY_YEAR_DESC_PAGE_1);
      await page.click("#page-2");
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=desc&page=2`);
      await waitForTitles(page, BY_YEAR_DESC_PAGE_2);
      await page.waitForFunction(() => document.title === "Books · page 2 · Cinder demo");
      expect(await page.locator("#page-2").getAttribute("aria-current")).toBe("page");

      await page.goBack();
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=desc&page=1`);
      await waitForTitles(page, BY_YEAR_DESC_PAGE_1);
      await page.goBack();
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=asc&page=1`);
      await waitForTitles(page, BY_YEAR_ASC);
      await page.goBack();
      await page.waitForURL(`${demo.baseUrl}/books`);
      await waitForTitles(page, BY_TITLE.slice(0, 5));
      await page.goForward();
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=asc&page=1`);
      await waitForTitles(page, BY_YEAR_ASC);
      await page.goForward();
      await page.goForward();
      await page.waitForURL(`${demo.baseUrl}/books?sort=year&dir=desc&page=2`);
      await waitForTitles(page, BY_YEAR_DESC_PAGE_2);

      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      // One live_patch per click and per history step, one join: no page load, no rejoin.
      expect(wire.sent("live_patch")).toHaveLength(9);
      expect(wire.sent("phx_join")).toHaveLength(1);
    });

    it("stream: a book added on top (the page keeps its length) and a book deleted, by DOM id", async () => {
      const { page, wire } = await demo.open("/books?sort=title&dir=asc&page=2");
      await waitForTitles(page, BY_TITLE.slice(5, 10));
      const before = await rows(page);
      expect(before.map((row) => row.id)).toEqual(["books-16", "books-18", "books-21", "books-7", "books-3"]);
      // Rows inserted by the stream carry its ref (the join's rows included).
      expect(new Set(before.map((row) => row.stream)).size).toBe(1);
      expect(before[0]?.stream).toMatch(/^\d+$/);

      await page.getByLabel("Title").fill("The Dispossessed");
      await page.getByLabel("Author").fill("Ursula K. Le Guin");
      await page.getByLabel("Year").fill("1974");
      await page.getByRole("button", { name: "Add on top" }).click();
      await waitForTitles(page, ["The Dispossessed", ...BY_TITLE.slice(5, 9)]);
      const add = await wire.waitForEventReply("add");
      diffSizes.recordReply(client, "stream insert at 0 with limit (+ details component)", add);
      const afterAdd = await rows(page);
      expect(afterAdd[0]).toEqual({ id: "books-23", title: "The Dispossessed", stream: before[0]?.stream });
      expect(await text(page, "#book-total")).toBe("23 on your shelf");
      // The new form is empty again.
      expect(await page.getByLabel("Title").inputValue()).toBe("");

      await page.getByRole("button", { name: "Delete Jane Eyre" }).click();
      await waitForTitles(page, ["The Dispossessed", "Invisible Cities", "Madame Bovary", "Middlemarch"]);
      const deletion = await wire.waitForEventReply("delete");
      diffSizes.recordReply(client, "stream delete (one DOM id)", deletion);
      expect((await rows(page)).map((row) => row.id)).toEqual(["books-23", "books-16", "books-21", "books-7"]);
      expect(await text(page, "#book-total")).toBe("22 on your shelf");

      // A refused book never reaches the stream.
      await page.getByLabel("Title").fill("Untitled");
      await page.getByRole("button", { name: "Add on top" }).click();
      await waitForText(page, "#add-book-error", "A book needs a title and an author.");
      expect(await titles(page)).toEqual(["The Dispossessed", "Invisible Cities", "Madame Bovary", "Middlemarch"]);
    });

    it("live component: the details panel handles its own events through phx-target and keeps its state", async () => {
      const { page, wire } = await demo.open("/books");
      await page.getByRole("button", { name: "Frankenstein", exact: true }).click();
      await waitForText(page, "#details-title", "Frankenstein");
      expect(await page.locator("#book-details").getAttribute("data-phx-component")).toMatch(/^\d+$/);

      await page.click("#rate-4");
      await waitForText(page, "#rating-text", "You rated it 4/5.");
      const rate = await wire.waitForEventReply("rate");
      const cid = Number(await page.locator("#book-details").getAttribute("data-phx-component"));
      expect(rate.push.payload["cid"]).toBe(cid);
      expect(rate.push.payload["value"]).toEqual({ stars: "4", value: "" });
      // Only the component changed: the reply carries its diff and nothing of the view.
      expect(Object.keys(rate.response["diff"] as object)).toEqual(["c"]);
      diffSizes.recordReply(client, "component event (phx-target, stars)", rate);
      expect(await page.locator("#rate-4").getAttribute("aria-pressed")).toBe("true");
      expect(await page.locator("#rate-5").getAttribute("aria-pressed")).toBe("false");

      await page.getByRole("button", { name: "Beloved", exact: true }).click();
      await waitForText(page, "#details-title", "Beloved");
      expect(await text(page, "#rating-text")).toBe("Not rated yet.");
      await page.getByRole("button", { name: "Frankenstein", exact: true }).click();
      await waitForText(page, "#details-title", "Frankenstein");
      expect(await text(page, "#rating-text")).toBe("You rated it 4/5.");
    });
  });
});
