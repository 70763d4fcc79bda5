import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { WAIT_MS } from "../support/live-demo.js";
import { useLiveDemo } from "../support/live-demo-suite.js";

/*
 * The seed's chat, end to end: the demo app in-process on a real port, people in isolated
 * browser contexts of a real Chromium, talking through Cinder's own client and server.
 */

const secretKeyBase = "e2e-chat-secret-key-base-0123456789-abcdefghijkl";

interface Person {
  readonly page: Page;
  readonly dialogs: string[];
  readonly pageErrors: Error[];
}

describeWithChromium("chat demo in Chromium", () => {
  const browser = useChromium();
  // The channel chat only: no live page is opened, so the LiveView client is the demo's default.
  const demo = useLiveDemo({ browser, secretKeyBase });

  /** A fresh browser context (own cookies), signed in as `name`, joined to the lobby. */
  async function signIn(name: string): Promise<Person> {
    const context = await demo.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const person: Person = { page, dialogs: [], pageErrors: [] };
    page.on("dialog", (dialog) => {
      person.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => person.pageErrors.push(error));

    await page.goto(demo.baseUrl);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#current-user").filter({ hasText: name }).waitFor();
    await joined(person, "#lobby");
    return person;
  }

  async function joined(person: Person, label: string): Promise<void> {
    await person.page.locator('#status[data-state="joined"]').filter({ hasText: label }).waitFor();
  }

  async function say(person: Person, text: string): Promise<void> {
    await person.page.getByRole("textbox", { name: "Message" }).fill(text);
    await person.page.getByRole("textbox", { name: "Message" }).press("Enter");
  }

  /** Waits until a message with exactly this body is shown, and returns what the page shows for it. */
  async function shownMessage(person: Person, body: string) {
    const item = person.page.locator("#messages li").filter({ has: person.page.locator(".body", { hasText: body }) });
    await item.first().waitFor();
    return {
      author: await item.first().locator(".author").textContent(),
      body: await item.first().locator(".body").textContent(),
      time: await item.first().locator("time").textContent(),
      dateTime: await item.first().locator("time").getAttribute("datetime"),
    };
  }

  async function messageBodies(person: Person): Promise<string[]> {
    return person.page.locator("#messages li .body").allTextContents();
  }

  it("Alice and Bob see each other's messages in the lobby, with the time they were sent", async () => {
    const alice = await signIn("Alice");
    const bob = await signIn("Bob");
    const before = Date.now();

    await say(alice, "Hello Bob, it's Alice");
    const seenByBob = await shownMessage(bob, "Hello Bob, it's Alice");
    expect(seenByBob.author).toBe("Alice");
    expect(seenByBob.time).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    expect(Date.parse(seenByBob.dateTime ?? "")).toBeGreaterThanOrEqual(before - 1000);
    expect((await shownMessage(alice, "Hello Bob, it's Alice")).author).toBe("Alice");

    await say(bob, "Hi Alice!");
    expect((await shownMessage(alice, "Hi Alice!")).author).toBe("Bob");
    expect(await messageBodies(alice)).toEqual(["Hello Bob, it's Alice", "Hi Alice!"]);
    expect([...alice.pageErrors, ...bob.pageErrors]).toEqual([]);
  });

  it("refuses Bob from room 101 and tells him why on the page", async () => {
    const bob = await signIn("Bob");
    await bob.page.getByRole("button", { name: "#101" }).click();
    const status = bob.page.locator('#status[data-state="refused"]');
    await status.waitFor();
    expect(await status.textContent()).toContain("unauthorized");
    expect(await bob.page.getByRole("textbox", { name: "Message" }).isDisabled()).toBe(true);

    await bob.page.getByRole("button", { name: "#lobby" }).click();
    await joined(bob, "#lobby");
  });

  it("lets Winston Smith into room 101, whose messages stay in room 101", async () => {
    const winston = await signIn("Winston Smith");
    const alice = await signIn("Alice");
    await winston.page.getByRole("button", { name: "#101" }).click();
    await joined(winston, "#101");

    await say(winston, "Two and two make five");
    await shownMessage(winston, "Two and two make five");
    // Alice's own lobby message arrives after anything already broadcast to her.
    await say(alice, "Anyone here?");
    await shownMessage(alice, "Anyone here?");
    expect(await messageBodies(alice)).toEqual(["Anyone here?"]);
  });

  /** The names the page lists as online, once they are exactly `expected` (in the page's order). */
  async function waitForOnline(person: Person, expected: string[]): Promise<void> {
    await person.page.waitForFunction(
      (names) => JSON.stringify([...document.querySelectorAll("#online li")].map((item) => item.textContent)) === JSON.stringify(names),
      expected,
    );
  }

  it("shows who is online in the room: Alice and Bob see each other, and Bob is gone once his tab closes", async () => {
    const alice = await signIn("Alice");
    const bob = await signIn("Bob");
    await waitForOnline(alice, ["Alice", "Bob"]);
    await waitForOnline(bob, ["Alice", "Bob"]);
    expect(await alice.page.locator("#online li.me").allTextContents()).toEqual(["Alice"]);
    expect(await bob.page.locator("#online li.me").allTextContents()).toEqual(["Bob"]);

    await bob.page.close();
    await waitForOnline(alice, ["Alice"]);
    expect(alice.pageErrors).toEqual([]);
  });

  it("lists the people of the room the page is in, and a hostile name as text", async () => {
    const winston = await signIn("Winston Smith");
    const eve = await signIn("<img src=x onerror=alert(1)>");
    await waitForOnline(winston, ["<img src=x onerror=alert(1)>", "Winston Smith"]);
    expect(await winston.page.locator("#online img").count()).toBe(0);

    await winston.page.getByRole("button", { name: "#101" }).click();
    await joined(winston, "#101");
    await waitForOnline(winston, ["Winston Smith"]);
    await waitForOnline(eve, ["<img src=x onerror=alert(1)>"]);
    expect([...winston.dialogs, ...eve.dialogs]).toEqual([]);
  });

  it("shows a hostile message as text, never as HTML", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const alice = await signIn("Alice");
    const bob = await signIn("Bob");
    await say(alice, hostile);
    expect((await shownMessage(bob, hostile)).body).toBe(hostile);
    expect(await bob.page.locator("#messages img").count()).toBe(0);
    expect(await alice.page.locator("#messages img").count()).toBe(0);
    expect([...alice.dialogs, ...bob.dialogs]).toEqual([]);
  });
});
