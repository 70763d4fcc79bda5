import { describe, expect, it } from "vitest";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { containsStatics, LIVE_CLIENTS, recordContainerClasses, text, until, waitForText, type LiveClient } from "../support/live-demo.js";
import { useDiffSizeLog, useLiveDemo } from "../support/live-demo-suite.js";

/*
 * The demo's live pages in real Chromium, each scenario with the official phoenix_live_view
 * client and with Cinder's own LiveSocket (`createDemoApp({ liveClient })`): the counter (with a
 * JS command list that pushes), the validated sign-up form, hooks, JS commands, and a crash
 * followed by a rejoin.
 */

const secretKeyBase = "e2e-live-pages-secret-key-base-0123456789-abcdef";

describeWithChromium("the demo's live pages in Chromium", () => {
  const browser = useChromium();
  const diffSizes = useDiffSizeLog("Diff sizes observed on the live pages");

  describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
    const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });

    it("counter: clicks change the count and the page title, with replies that carry only the change", async () => {
      const { page, wire } = await demo.open("/counter");
      expect(await text(page, "#count")).toBe("0");
      expect(await page.title()).toBe("Count: 0 · Cinder demo");

      await page.click("#inc");
      await waitForText(page, "#count", "1");
      const firstClick = await wire.waitForEventReply("inc");
      expect(firstClick.push.payload["value"]).toEqual({ by: "1", value: "" });
      diffSizes.recordReply(client, "counter +1 (count and title)", firstClick);
      expect(containsStatics(firstClick.response)).toBe(false);
      expect(Object.values(firstClick.response["diff"] as object)).toContain("1");
      expect(firstClick.reply.bytes).toBeLessThan(120);

      await page.click("#inc-10");
      await waitForText(page, "#count", "11");
      await page.click("#dec");
      await waitForText(page, "#count", "10");
      await page.waitForFunction(() => document.title === "Count: 10 · Cinder demo");

      await page.click("#reset");
      await waitForText(page, "#count", "0");
      await page.waitForFunction(() => document.title === "Count: 0 · Cinder demo");
    });

    it("counter: a JS command list pushes the event with its value and adds a class that later server patches keep", async () => {
      const { page, wire } = await demo.open("/counter");
      await page.click("#inc-5-js");
      await waitForText(page, "#count", "5");
      const pushed = await wire.waitForEventReply("inc");
      expect(pushed.push.payload["value"]).toEqual({ by: "5", value: "" });
      expect(await page.locator("#count").getAttribute("class")).toBe("count bumped");

      // The server patches the count again; the class the browser added stays.
      await page.click("#inc");
      await waitForText(page, "#count", "6");
      await page.click("#reset");
      await waitForText(page, "#count", "0");
      expect(await page.locator("#count").getAttribute("class")).toBe("count bumped");
    });

    it("form: errors appear only after the debounce and only for used fields; submit disables the button and shows a flash", async () => {
      const { page, wire } = await demo.open("/form");
      const name = page.locator("#signup-name");

      // When the page saw the keystroke (its clock, like the frames' times).
      await name.evaluate((input) => input.addEventListener("input", () => ((window as unknown as { lastInputAt: number }).lastInputAt = Date.now())));
      await name.pressSequentially("A");
      expect(await page.locator("#signup-name-error").count()).toBe(0);
      const firstValidate = await wire.waitForEventReply("validate");
      // phx-debounce="400": the change waits for a pause. A lower bound: a slow machine cannot break it.
      const typedAt = await page.evaluate(() => (window as unknown as { lastInputAt: number }).lastInputAt);
      expect(firstValidate.push.seenAt - typedAt).toBeGreaterThanOrEqual(390);
      expect(firstValidate.push.payload["value"]).toContain("user%5Bname%5D=A");
      expect(firstValidate.push.payload["meta"]).toEqual({ _target: "user[name]" });
      diffSizes.recordReply(client, "form validate: name error appears", firstValidate);
      await waitForText(page, "#signup-name-error", "Please enter at least 2 characters.");
      // The email is invalid too (empty), but not used yet: its error waits.
      expect(await page.locator("#signup-email-error").count()).toBe(0);

      const keystrokes = "da Lovelace";
      await name.pressSequentially(keystrokes, { delay: 25 });
      await page.locator("#signup-name-error").waitFor({ state: "detached" });
      const validates = wire.eventExchanges("validate");
      expect(validates.length - 1).toBeLessThan(keystrokes.length);
      expect(validates.at(-1)?.push.payload["value"]).toContain("user%5Bname%5D=Ada+Lovelace");

      await page.locator("#signup-email").pressSequentially("ada@");
      await waitForText(page, "#signup-email-error", "Enter an email address like ada@example.com.");

      // A refused submit shows every error, used or not.
      await page.click("#signup-submit");
      await waitForText(page, "#signup-terms-error", "Please accept the terms to sign up.");
      expect(await page.locator("#signup-email-error").count()).toBe(1);

      await page.locator("#signup-email").pressSequentially("example.com");
      await page.locator("#signup-email-error").waitFor({ state: "detached" });
      await page.locator("#signup-terms").check();
      await page.locator("#signup-terms-error").waitFor({ state: "detached" });
      await page.locator("#signup-bio").fill("Wrote the first program.");
      await waitForText(page, "#signup-bio-count", "24/140");

      // What the submit button goes through, change by change.
      await page.evaluate(() => {
        const button = document.querySelector<HTMLButtonElement>("#signup-submit");
        if (button === null) throw new Error("no submit button");
        const states: string[] = [];
        (window as unknown as { __submitStates: string[] }).__submitStates = states;
        const record = () => states.push(`${button.textContent?.trim()}|${button.disabled ? "disabled" : "enabled"}`);
        new MutationObserver(record).observe(button, { attributes: true, childList: true, characterData: true, subtree: true });
      });
      await page.click("#signup-submit");
      await waitForText(page, "#flash-info span", "Welcome aboard, Ada Lovelace! You are on the hobby plan.");
      const submitStates = await page.evaluate(() => (window as unknown as { __submitStates: string[] }).__submitStates);
      expect(submitStates).toContain("Signing up…|disabled");
      expect(await text(page, "#signup-submit")).toBe("Sign up");
      expect(await page.locator("#signup-submit").isEnabled()).toBe(true);
      diffSizes.recordReply(client, "form submit: flash and reset", await wire.waitForEventReply("save"));
      expect(await name.inputValue()).toBe("");
      expect(await page.locator("#signup-email").inputValue()).toBe("");
      expect(await text(page, "#signup-count")).toBe("1 person has signed up since the server started.");

      // The server knows what the browser cannot: this address is taken now.
      await page.locator("#signup-email").pressSequentially("ADA@example.com");
      await waitForText(page, "#signup-email-error", "This email address has already signed up.");

      await page.click("#flash-info button");
      await page.locator("#flash-info").waitFor({ state: "detached" });
    });

    it("hook: pushEvent gets the server's reply, and a server pushEvent reaches handleEvent", async () => {
      const { page, wire } = await demo.open("/hooks");
      await page.click("#ping-button");
      await waitForText(page, "#ping-result", "pong #1");
      await waitForText(page, "#pong-count", "1");
      const ping = await wire.waitForEventReply("ping");
      expect(ping.push.payload["type"]).toBe("hook");
      expect((ping.response["diff"] as Record<string, unknown>)["r"]).toEqual({ pongs: 1 });
      diffSizes.recordReply(client, "hook pushEvent ping (reply + count)", ping);

      await page.click("#ping-button");
      await waitForText(page, "#ping-result", "pong #2");

      await page.click("#nudge");
      await waitForText(page, "#server-notes li", "Note #1 from the server");
      const nudge = await wire.waitForEventReply("nudge");
      expect((nudge.response["diff"] as Record<string, unknown>)["e"]).toEqual([["note", { text: "Note #1 from the server" }]]);
      diffSizes.recordReply(client, "server pushEvent note", nudge);
      await page.click("#nudge");
      await page.locator("#server-notes li").nth(1).waitFor();
      expect(await page.locator("#server-notes li").allTextContents()).toEqual(["Note #1 from the server", "Note #2 from the server"]);
      // The hook's own DOM (phx-update="ignore") survived the server's patches.
      expect(await text(page, "#ping-result")).toBe("pong #2");
    });

    it("JS commands: show, hide, toggle and add/remove class, kept through later server patches", async () => {
      const { page, wire } = await demo.open("/hooks");
      const details = page.locator("#details");
      const box = page.locator("#box");

      await page.click("#hide-details");
      await details.waitFor({ state: "hidden" });
      expect(wire.sent("event")).toHaveLength(0); // no round trip for a JS command
      await page.click("#bump");
      await waitForText(page, "#bumps", "1");
      diffSizes.recordReply(client, "bump (class + two texts)", await wire.waitForEventReply("bump"));
      expect(await details.textContent()).toContain("after 1 bumps");
      expect(await details.isHidden()).toBe(true);

      await page.click("#show-details");
      await details.waitFor({ state: "visible" });
      await page.click("#toggle-details");
      await details.waitFor({ state: "hidden" });
      await page.click("#toggle-details");
      await details.waitFor({ state: "visible" });

      await page.click("#highlight");
      await page.waitForFunction(() => document.querySelector("#box")?.classList.contains("highlight"));
      await page.click("#bump");
      await waitForText(page, "#bumps", "2");
      expect((await box.getAttribute("class"))?.split(/\s+/).sort()).toEqual(["box", "highlight", "tone-2"]);

      await page.click("#hide-details");
      await details.waitFor({ state: "hidden" });
      await page.click("#bump");
      await waitForText(page, "#bumps", "3");
      expect(await details.isHidden()).toBe(true);
      expect((await box.getAttribute("class"))?.split(/\s+/).sort()).toEqual(["box", "highlight", "tone-0"]);

      await page.click("#unhighlight");
      await page.waitForFunction(() => !document.querySelector("#box")?.classList.contains("highlight"));
      await page.click("#bump");
      await waitForText(page, "#bumps", "4");
      expect((await box.getAttribute("class"))?.split(/\s+/).sort()).toEqual(["box", "tone-1"]);
    });

    it("crash: the view shows phx-error, rejoins by itself and works again with fresh state", async () => {
      const { page, wire } = await demo.open("/crash");
      expect(await text(page, "#mounts")).toBe("0");
      await page.click("#click");
      await page.click("#click");
      await waitForText(page, "#clicks", "2");

      const containerClasses = await recordContainerClasses(page);
      const topic = wire.sent("phx_join")[0]?.topic;
      await page.click("#crash");
      await until("the phx_error of the crashed view", () => wire.received("phx_error").find((frame) => frame.topic === topic));
      await until("the rejoin", () => wire.sent("phx_join")[1]);
      await page.locator("[data-phx-main].phx-connected").waitFor();
      await waitForText(page, "#mounts", "1");

      const seen = await containerClasses();
      expect(seen.some((classes) => /\bphx-error\b/.test(classes) && /\bphx-server-error\b/.test(classes))).toBe(true);
      expect(await text(page, "#clicks")).toBe("0");
      const rejoin = wire.sent("phx_join")[1];
      expect(rejoin?.topic).toBe(topic);
      expect((rejoin?.payload["params"] as Record<string, unknown>)["_mounts"]).toBe(1);
      // The crash reached only this view: the WebSocket stayed up.
      expect(wire.socketCount).toBe(1);

      await page.click("#click");
      await waitForText(page, "#clicks", "1");
    });
  });
});
