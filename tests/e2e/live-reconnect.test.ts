import { describe, expect, it } from "vitest";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { LIVE_CLIENTS, openLivePage, recordContainerClasses, text, until, waitForConnected, waitForText, type LiveClient } from "../support/live-demo.js";
import { useDiffSizeLog, useLiveDemo } from "../support/live-demo-suite.js";

/*
 * A server restart under a half-typed form, with both LiveView clients: the demo stops, a new
 * one starts on the same port with the same secret, the page reconnects by itself, rejoins, and
 * replays the form (form recovery) — what was typed is still there and the new server knows it.
 */

const secretKeyBase = "e2e-live-reconnect-secret-key-base-0123456789-ab";

describeWithChromium("a live page across a server restart", () => {
  const browser = useChromium();
  const diffSizes = useDiffSizeLog("Diff sizes observed across the restart");

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    // The page is opened with openLivePage, unchecked by the suite: the scenario asserts its own page errors.
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    it("reconnects, rejoins and recovers the half-typed form on the new server", async () => {
      const { page, wire, pageErrors } = await openLivePage(await demo.newContext(), demo.baseUrl, "/form");

      await page.locator("#signup-name").pressSequentially("Grace Hopper");
      await page.locator("#signup-bio").pressSequentially("Compilers");
      await page.locator("#signup-email").pressSequentially("grace@");
      await waitForText(page, "#signup-email-error", "Enter an email address like ada@example.com.");
      const containerClasses = await recordContainerClasses(page);

      // Same port, same secret: a deploy, as the page sees it.
      await demo.restart();

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
