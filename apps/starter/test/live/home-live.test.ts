import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openLivePage } from "../support/live-page.js";
import { startTestApp, type TestApp } from "../support/test-app.js";

describe("the home page, live", () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it("counts clicks and puts the count in the title", async () => {
    const page = await openLivePage(server.origin, "/");
    expect(page.html()).toContain('id="count">0<');
    expect(await page.click("inc", { by: "1" })).toContain('id="count">1<');
    expect(await page.click("inc", { by: "-1" })).toContain('id="count">0<');
    expect(page.title()).toBe("Count 0");
    page.close();
  });

  it("shows errors only for fields the person used, all of them after a refused submit", async () => {
    const page = await openLivePage(server.origin, "/");
    const typing = await page.change("validate", { "user[name]": "A", "user[email]": "", "user[_unused_email]": "", "user[plan]": "hobby", "user[terms]": "false", "user[_unused_terms]": "" }, "user[name]");
    expect(typing).toContain("Please enter at least 2 characters.");
    expect(typing).not.toContain("Enter an email address");
    const refused = await page.submit("save", { "user[name]": "A", "user[email]": "", "user[plan]": "hobby", "user[terms]": "false" });
    expect(refused).toContain("Enter an email address like ada@example.com.");
    expect(refused).toContain("Please accept the terms.");
    page.close();
  });

  it("signs up with a flash and an empty form once everything is valid", async () => {
    const page = await openLivePage(server.origin, "/");
    const saved = await page.submit("save", { "user[name]": "Ada <script>", "user[email]": "ada@example.com", "user[plan]": "team", "user[terms]": "true" });
    expect(saved).toContain("Thanks, Ada &lt;script&gt;! You are signed up for the team plan.");
    expect(saved).not.toContain("<script>");
    expect(saved).toContain('id="user_name" name="user[name]"');
    expect(saved).not.toContain('value="ada@example.com"');
    page.close();
  });
});
