import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { describeWithChromium, launchChromium } from "../support/browser.js";
import {
  LIVE_CLIENTS,
  openLivePage,
  recordContainerClasses,
  DiffSizeLog,
  startDemo,
  text,
  until,
  waitForConnected,
  waitForText,
  type LiveClient,
  type RunningDemo,
} from "../support/live-demo.js";

/*
 * A server restart under a half-typed form, with both LiveView clients: the demo stops, a new
 * one starts on the same port with the same secret, the page reconnects by itself, rejoins, and
 * replays the form (form recovery) — what was typed is still there and the new server knows it.
 */

const secretKeyBase = "e2e-live-reconnect-secret-key-base-0123456789-ab";
const diffSizes = new DiffSizeLog();

describeWithChromium("a live page across a server restart", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    console.log(`\nDiff sizes observed across the restart:\n${diffSizes.table()}\n`);
  });

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    let demo: RunningDemo | undefined;
    let context: BrowserContext | undefined;

    afterEach(async () => {
      await context?.close();
      await demo?.app.close();
    });

    it("reconnects, rejoins and recovers the half-typed form on the new server", async () => {
      demo = await startDemo({ liveClient: client, secretKeyBase });
      const { port } = demo;
      context = await browser.newContext();
      const { page, wire, pageErrors } = await openLivePage(context, demo.baseUrl, "/form");

      await page.locator("#signup-name").pressSequentially("Grace Hopper");
      await page.locator("#signup-bio").pressSequentially("Compilers");
      await page.locator("#signup-email").pressSequentially("grace@");
      await waitForText(page, "#signup-email-error", "Enter an email address like ada@example.com.");
      const containerClasses = await recordContainerClasses(page);

      await demo.app.close();
      demo = await startDemo({ liveClient: client, secretKeyBase, port });

      // The client retries with backoff: attempts made while no server listened fail, one succeeds.
      const rejoin = await until("the rejoin on a new connection", () =>
        wire.exchanges().find((exchange) => exchange.push.event === "phx_join" && exchange.push.socketIndex > 0),
      );
      expect(rejoin.response["rendered"]).toBeDefined();
      expect((rejoin.push.payload["params"] as Record<string, unknown>)["_mounts"]).toBe(1);
      await waitForConnected(page);

      // Form recovery: the old form's values went to the new server as a validate event.
      const recovery = await until("the form recovery event", () =>
        wire.exchanges().find((exchange) => exchange.push.socketIndex === rejoin.push.socketIndex && exchange.push.payload["event"] === "validate"),
      );
      diffSizes.recordReply(client, "rejoin after restart: full render of /form", rejoin);
      diffSizes.recordReply(client, "form recovery reply", recovery);
      const recovered = new URLSearchParams(recovery.push.payload["value"] as string);
      expect(recovered.get("user[name]")).toBe("Grace Hopper");
      expect(recovered.get("user[email]")).toBe("grace@");
      expect(recovered.get("user[bio]")).toBe("Compilers");

      expect(await page.locator("#signup-name").inputValue()).toBe("Grace Hopper");
      expect(await page.locator("#signup-email").inputValue()).toBe("grace@");
      expect(await page.locator("#signup-bio").inputValue()).toBe("Compilers");
      await waitForText(page, "#signup-bio-count", "9/140");
      expect(await text(page, "#signup-email-error")).toBe("Enter an email address like ada@example.com.");
      const seen = await containerClasses();
      expect(seen.some((classes) => /\bphx-error\b/.test(classes) && /\bphx-client-error\b/.test(classes))).toBe(true);

      // The new server carries on where the old one stopped.
      await page.locator("#signup-email").pressSequentially("example.com");
      await page.locator("#signup-email-error").waitFor({ state: "detached" });
      await page.locator("#signup-terms").check();
      await page.click("#signup-submit");
      await waitForText(page, "#flash-info span", "Welcome aboard, Grace Hopper! You are on the hobby plan.");
      expect(pageErrors).toEqual([]);
    });
  });
});
