import { expect, it } from "vitest";
import { describeWithChromium, useChromium } from "../support/browser.js";
import { containsStatics, until, waitForConnected, waitForText } from "../support/live-demo.js";
import { useDiffSizeLog, useLiveDemo } from "../support/live-demo-suite.js";

/*
 * Conformance, LiveView server side: the official phoenix_live_view 1.2.12 LiveSocket, loaded
 * like a generated Phoenix app's app.js, drives the demo's live pages in real Chromium, and the
 * frames our server sends are checked against what that client expects (spec §3, §4.b): the join
 * and its reply, one reply per event carrying only what changed, the stream and component
 * formats, stale tokens, and a crash followed by a rejoin. The same pages are driven with both
 * clients, behaviour-first, in tests/e2e/live-*.test.ts.
 */

const secretKeyBase = "conformance-live-view-demo-secret-0123456789-ab";

describeWithChromium("the official LiveView client against the demo's live pages", () => {
  const browser = useChromium();
  const diffSizes = useDiffSizeLog("Diff sizes with the official client");
  // The official client reports protocol problems with console.error: none may appear.
  const demo = useLiveDemo({ browser, liveClient: "official", secretKeyBase, pageChecks: ["uncaught errors", "console errors"] });

  it("joins over /live/websocket with the page's tokens and gets a full render tagged 1.2.12, never falling back to long-poll", async () => {
    const context = await demo.newContext();
    const requested: string[] = [];
    context.on("request", (request) => requested.push(new URL(request.url()).pathname));
    const { page, wire } = await demo.openIn(context, "/counter");

    const container = page.locator("[data-phx-main]");
    const join = await until("the join exchange", () => wire.exchanges().find((exchange) => exchange.push.event === "phx_join"));
    expect(join.push.topic).toBe(`lv:${await container.getAttribute("id")}`);
    expect(join.push.joinRef).toBe(join.push.ref);
    expect(join.push.payload["url"]).toBe(`${demo.baseUrl}/counter`);
    expect(join.push.payload["session"]).toBe(await container.getAttribute("data-phx-session"));
    expect(join.push.payload["static"]).toBe(await container.getAttribute("data-phx-static"));
    const params = join.push.payload["params"] as Record<string, unknown>;
    expect(params["_csrf_token"]).toBe(await page.locator("meta[name=csrf-token]").getAttribute("content"));
    expect(params["_mounts"]).toBe(0);
    expect(params["_track_static"]).toEqual([`${demo.baseUrl}/assets/live.js`]);

    expect(join.reply.payload["status"]).toBe("ok");
    expect(join.response["liveview_version"]).toBe("1.2.12");
    const rendered = join.response["rendered"] as Record<string, unknown>;
    expect(Array.isArray(rendered["s"]) || typeof rendered["s"] === "number").toBe(true);
    diffSizes.recordReply("official", "join /counter (full render)", join);

    expect(requested.filter((path) => path.startsWith("/live/longpoll"))).toEqual([]);
    expect(await page.locator("#count").textContent()).toBe("0");
  });

  it("answers every click with a diff of the changed slot and the title only, the same size each time", async () => {
    const { page, wire } = await demo.open("/counter");
    for (let count = 1; count <= 5; count += 1) {
      await page.click("#inc");
      await waitForText(page, "#count", String(count));
    }
    const replies = wire.eventExchanges("inc");
    expect(replies).toHaveLength(5);
    replies.forEach((exchange, index) => {
      expect(exchange.reply.payload["status"]).toBe("ok");
      const diff = exchange.response["diff"] as Record<string, unknown>;
      // {"<slot>":"<count>","t":"Count: <count>"} — nothing else travels.
      expect(diff["t"]).toBe(`Count: ${index + 1}`);
      const slots = Object.entries(diff).filter(([key]) => key !== "t");
      expect(slots).toHaveLength(1);
      expect(slots[0]?.[0]).toMatch(/^\d+$/);
      expect(slots[0]?.[1]).toBe(String(index + 1));
    });
    expect(new Set(replies.map((exchange) => JSON.stringify(exchange.response).length)).size).toBe(1);
    diffSizes.recordReply("official", "counter click", replies[0]!);
  });

  it("answers form events with what changed: no statics for known templates, {} when nothing changed", async () => {
    const { page, wire } = await demo.open("/form");
    await page.locator("#signup-plan").selectOption("team");
    const planChange = await wire.waitForEventReply("validate");
    expect(planChange.push.payload["type"]).toBe("form");
    expect(planChange.push.payload["meta"]).toEqual({ _target: "user[plan]" });
    const sent = new URLSearchParams(planChange.push.payload["value"] as string);
    expect(sent.get("user[plan]")).toBe("team");
    // Fields not used yet are marked, which is how the view knows not to show their errors yet.
    expect(sent.has("user[_unused_name]")).toBe(true);
    expect(containsStatics(planChange.response)).toBe(false);
    await page.locator("#signup-terms").check();
    const termsChange = await wire.waitForEventReply("validate", 2);
    expect(containsStatics(termsChange.response)).toBe(false);

    // A refused submit brings the error templates in: their statics travel this once.
    await page.click("#signup-submit");
    const refused = await wire.waitForEventReply("save");
    expect(containsStatics(refused.response)).toBe(true);
    diffSizes.recordReply("official", "refused submit (error templates appear)", refused);
    await page.click("#signup-submit");
    const again = await wire.waitForEventReply("save", 2);
    expect(again.response).toEqual({});
  });

  it("live_patch: the reply resets the rows' stream; stream inserts and deletes use the stream format", async () => {
    const { page, wire } = await demo.open("/books");
    await page.click("#page-2");
    const patch = await until("the live_patch reply", () => wire.exchanges().find((exchange) => exchange.push.event === "live_patch"));
    expect(patch.push.payload).toEqual({ url: `${demo.baseUrl}/books?sort=title&dir=asc&page=2` });
    const patchDiff = JSON.stringify(patch.response);
    expect(patchDiff).toContain('"stream":["0",[["books-16",-1,null,false],["books-18",-1,null,false],["books-21",-1,null,false],["books-7",-1,null,false],["books-3",-1,null,false]],[],true]');
    diffSizes.recordReply("official", "live_patch to page 2", patch);
    await page.locator("#books-16").waitFor();

    await page.getByRole("button", { name: "Delete Jane Eyre" }).click();
    const deletion = await wire.waitForEventReply("delete");
    expect(JSON.stringify(deletion.response)).toContain('"stream":["0",[],["books-18"]]');
    await page.locator("#books-18").waitFor({ state: "detached" });
    expect(await page.locator("#books-16").getAttribute("data-phx-stream")).toBe("0");
  });

  it("a component event carries the cid and is answered with the component's diff only", async () => {
    const { page, wire } = await demo.open("/books");
    await page.getByRole("button", { name: "Beloved", exact: true }).click();
    await waitForText(page, "#details-title", "Beloved");
    await page.click("#rate-2");
    const rate = await wire.waitForEventReply("rate");
    expect(typeof rate.push.payload["cid"]).toBe("number");
    const diff = rate.response["diff"] as { c: Record<string, unknown> };
    expect(Object.keys(diff)).toEqual(["c"]);
    expect(Object.keys(diff.c)).toEqual([String(rate.push.payload["cid"])]);
    expect(containsStatics(diff)).toBe(false);
    await waitForText(page, "#rating-text", "You rated it 2/5.");
  });

  it("a tampered session token is answered stale, and the client recovers with a full page load", async () => {
    const live = await demo.newPage();
    // Before the client script runs (it runs after parsing), the first load's token loses its
    // signature; the reload that follows keeps the genuine one.
    await live.page.addInitScript(() => {
      if (sessionStorage.getItem("tampered") !== null) return;
      sessionStorage.setItem("tampered", "yes");
      new MutationObserver((_records, observer) => {
        const container = document.querySelector("[data-phx-main]");
        const token = container?.getAttribute("data-phx-session");
        if (container === null || container === undefined || !token) return;
        container.setAttribute("data-phx-session", `${token.slice(0, -4)}AAAA`);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await live.page.goto(demo.baseUrl + "/counter");
    const stale = await until("the stale join reply", () => live.wire.exchanges().find((exchange) => exchange.push.event === "phx_join"));
    expect(stale.reply.payload).toEqual({ status: "error", response: { reason: "stale" } });
    // The client reloads over HTTP; the fresh page's token joins.
    await until("a successful join after the reload", () =>
      live.wire.exchanges().find((exchange) => exchange.push.event === "phx_join" && exchange.reply.payload["status"] === "ok"),
    );
    await waitForConnected(live.page);
    await live.page.click("#inc");
    await waitForText(live.page, "#count", "1");
    // The official client logs the failed join; that is its normal report of a stale page.
    live.consoleErrors.length = 0;
  });

  it("a crash is a phx_error for the view's topic; the rejoin counts _mounts and mounts afresh", async () => {
    const { page, wire } = await demo.open("/crash");
    await page.click("#click");
    await waitForText(page, "#clicks", "1");
    const join = wire.sent("phx_join")[0]!;
    await page.click("#crash");
    const error = await until("phx_error", () => wire.received("phx_error")[0]);
    expect([error.joinRef, error.ref, error.topic]).toEqual([join.joinRef, join.joinRef, join.topic]);
    const rejoin = await until("the rejoin reply", () => wire.exchanges().filter((exchange) => exchange.push.event === "phx_join")[1]);
    expect(rejoin.push.topic).toBe(join.topic);
    expect((rejoin.push.payload["params"] as Record<string, unknown>)["_mounts"]).toBe(1);
    expect(rejoin.reply.payload["status"]).toBe("ok");
    await waitForText(page, "#clicks", "0");
    // The crashed event itself got no reply: the view died with it, as in Phoenix.
    expect(wire.eventExchanges("crash")).toEqual([]);
  });
});
