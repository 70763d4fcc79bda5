import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { LIVE_CLIENTS, openChannelChat, openLivePage, until, waitForText, type LiveClient, type LivePage } from "../support/live-demo.js";
import { useDiffSizeLog, useLiveDemo } from "../support/live-demo-suite.js";

/*
 * The chat room twice: the channel page (assets/chat.ts on `/socket`) and the LiveView page
 * (`/chat-live`, fed by PubSub), open in two browser contexts — each message appears in both,
 * whichever page it was written on. Run with both LiveView clients.
 */

const secretKeyBase = "e2e-live-chat-secret-key-base-0123456789-abcdefg";

describeWithChromium("the live chat beside the channel chat", () => {
  const browser = useChromium();
  const diffSizes = useDiffSizeLog("Diff sizes observed in the live chat");

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    // Pages are opened with openLivePage, unchecked by the suite: each scenario asserts its own page errors.
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    /** The channel chat page of a signed-in user, joined to the lobby. */
    async function channelChat(name: string): Promise<Page> {
      return (await openChannelChat(await demo.signedIn(name), demo.baseUrl)).page;
    }

    async function liveMessages(live: LivePage): Promise<Array<{ author: string; body: string }>> {
      return live.page.locator("#live-messages li").evaluateAll((items) =>
        items.map((item) => ({ author: item.querySelector(".author")?.textContent ?? "", body: item.querySelector(".body")?.textContent ?? "" })),
      );
    }

    it("a message sent on the channel page appears in the LiveView, and one sent in the LiveView on the channel page", async () => {
      const alicePage = await channelChat("Alice");
      const bob = await openLivePage(await demo.signedIn("Bob"), demo.baseUrl, "/chat-live");

      await alicePage.getByRole("textbox", { name: "Message" }).fill("Hello from the channel page");
      await alicePage.getByRole("textbox", { name: "Message" }).press("Enter");
      await waitForText(bob.page, "#live-messages li .body", "Hello from the channel page");
      expect(await liveMessages(bob)).toEqual([{ author: "Alice", body: "Hello from the channel page" }]);
      const pushed = await until("the diff pushed to Bob's view", () => bob.wire.received("diff")[0]);
      diffSizes.recordPush(client, "chat message pushed to the LiveView (first row)", pushed);

      const bobInput = bob.page.locator("#live-chat-input");
      await bobInput.fill("Hi Alice, from the LiveView");
      await bobInput.press("Enter");
      await alicePage.locator("#messages li .body", { hasText: "Hi Alice, from the LiveView" }).waitFor();
      expect(await alicePage.locator("#messages li .body").allTextContents()).toEqual(["Hello from the channel page", "Hi Alice, from the LiveView"]);
      expect(await alicePage.locator("#messages li .author").last().textContent()).toBe("Bob");

      await bob.page.locator("#live-messages li").nth(1).waitFor();
      expect(await liveMessages(bob)).toEqual([
        { author: "Alice", body: "Hello from the channel page" },
        { author: "Bob", body: "Hi Alice, from the LiveView" },
      ]);
      expect(await bob.page.locator("#live-messages li").nth(1).getAttribute("class")).toBe("mine");
      // The composer comes back empty and focused, ready for the next message.
      const newInput = bob.page.locator("#live-chat-input");
      expect(await newInput.inputValue()).toBe("");
      await bob.page.waitForFunction(() => document.activeElement?.id === "live-chat-input");

      const send = await bob.wire.waitForEventReply("send");
      diffSizes.recordReply(client, "chat send reply (fresh composer)", send);
      const secondRow = await until("the diff with Bob's own message", () => bob.wire.received("diff")[1]);
      diffSizes.recordPush(client, "chat message pushed to the LiveView (second row)", secondRow);
      expect(bob.pageErrors).toEqual([]);
    });

    it("lists who is in the lobby on both pages — the channel page's user and the LiveView's — and drops a closed LiveView tab", async () => {
      const alicePage = await channelChat("Alice");
      const bob = await openLivePage(await demo.signedIn("Bob"), demo.baseUrl, "/chat-live");
      const onlineNames = (page: Page, selector: string) =>
        page.waitForFunction(
          ([list, names]) => JSON.stringify([...document.querySelectorAll(`${list} li`)].map((item) => item.textContent)) === JSON.stringify(names),
          [selector, ["Alice", "Bob"]] as const,
        );
      await onlineNames(bob.page, "#live-online");
      await onlineNames(alicePage, "#online");
      expect(await bob.page.locator("#live-online li.me").allTextContents()).toEqual(["Bob"]);

      expect(bob.pageErrors).toEqual([]);

      // The LiveView's presence ends with its view: closing the tab takes Bob off the channel page.
      await bob.page.close();
      await alicePage.waitForFunction(() => [...document.querySelectorAll("#online li")].map((item) => item.textContent).join() === "Alice");
    });

    it("shows hostile messages as text, refuses empty ones, and keeps signed-out visitors out", async () => {
      const alicePage = await channelChat("Alice");
      const bob = await openLivePage(await demo.signedIn("Bob"), demo.baseUrl, "/chat-live");
      const hostile = `<img src=x onerror="document.title='owned'">`;
      await alicePage.getByRole("textbox", { name: "Message" }).fill(hostile);
      await alicePage.getByRole("textbox", { name: "Message" }).press("Enter");
      await waitForText(bob.page, "#live-messages li .body", hostile);
      expect(await bob.page.locator("#live-messages img").count()).toBe(0);
      expect(await bob.page.title()).toBe("Live chat · Cinder demo");

      await bob.page.locator("#live-chat-input").press("Enter");
      await waitForText(bob.page, "#live-chat-refusal", "Write something first.");

      const visitor = await demo.newContext();
      const page = await visitor.newPage();
      const response = await page.goto(demo.baseUrl + "/chat-live");
      expect(new URL(page.url()).pathname).toBe("/");
      expect(response?.status()).toBe(200);
      await page.getByLabel("Your name").waitFor();
      expect(bob.pageErrors).toEqual([]);
    });
  });
});
