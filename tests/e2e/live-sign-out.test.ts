import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { LIVE_CLIENTS, openChannelChat, openLivePage, until, waitForText, type LiveClient } from "../support/live-demo.js";
import { useLiveDemo } from "../support/live-demo-suite.js";

/*
 * Sign-out ends the session in every tab, with both LiveView clients: one browser has the live
 * chat (`/chat-live`, a LiveView) and the channel chat (`/`, assets/chat.ts) open, and signs out
 * in a third tab. Both tabs end up on the sign-in screen by themselves — the LiveView because its
 * socket is closed and its rejoin answered with a redirect, the channel page because its socket
 * is closed and refused, and the page then learns its session is gone. The same user's other
 * browser is another session and carries on.
 */

const secretKeyBase = "e2e-live-sign-out-secret-key-base-0123456789-abc";

describeWithChromium("signing out with pages open in other tabs", () => {
  const browser = useChromium();

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    // Pages are opened with openLivePage, unchecked by the suite: the scenario asserts its own page errors.
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    async function showsSignInForm(page: Page): Promise<void> {
      await page.waitForURL(demo.baseUrl + "/");
      await page.getByLabel("Your name").waitFor();
      expect(await page.locator("#current-user").count()).toBe(0);
    }

    it("two tabs of the browser (/chat-live and /) go to the sign-in screen without a reload; the user's other browser stays", async () => {
      const aliceBrowser = await demo.signedIn("Alice");
      const liveTab = await openLivePage(aliceBrowser, demo.baseUrl, "/chat-live");
      const chatTab = await openChannelChat(aliceBrowser, demo.baseUrl);
      // Alice on another computer: the same user, another session.
      const otherComputer = await openLivePage(await demo.signedIn("Alice"), demo.baseUrl, "/chat-live");

      // Document loads from here on: the test never reloads, so each one is the app's doing.
      const loads = { live: 0, chat: 0 };
      liveTab.page.on("load", () => (loads.live += 1));
      chatTab.page.on("load", () => (loads.chat += 1));

      const signOutTab = await aliceBrowser.newPage();
      await signOutTab.goto(demo.baseUrl + "/counter");
      await signOutTab.getByRole("button", { name: "Sign out" }).click();
      await showsSignInForm(signOutTab);

      // The LiveView: its socket closed (1001), it reconnected, and the rejoin was answered with a redirect.
      await showsSignInForm(liveTab.page);
      const rejoin = await until("the rejoin's answer", () =>
        liveTab.wire.exchanges().find((exchange) => exchange.push.event === "phx_join" && exchange.push.socketIndex > 0),
      );
      expect(rejoin.reply.payload["status"]).toBe("error");
      expect(rejoin.response).toEqual({ redirect: { to: "/" } });
      expect(liveTab.wire.sent("phx_join")[0]?.socketIndex).toBe(0);

      // The channel page: its socket closed, the reconnect was refused, the page asked and went to `/`.
      await showsSignInForm(chatTab.page);

      // Each tab was taken to `/` exactly once, by the app.
      expect(loads).toEqual({ live: 1, chat: 1 });
      expect(liveTab.pageErrors).toEqual([]);
      expect(chatTab.pageErrors).toEqual([]);

      // The other computer never lost its socket and still chats.
      const input = otherComputer.page.locator("#live-chat-input");
      await input.fill("Still signed in over here");
      await input.press("Enter");
      await waitForText(otherComputer.page, "#live-messages li .body", "Still signed in over here");
      expect(otherComputer.wire.socketCount).toBe(1);
      expect(await otherComputer.page.locator("#current-user").textContent()).toBe("Alice");
      expect(otherComputer.pageErrors).toEqual([]);
    });
  });
});
