import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithChromium, useChromium } from "../support/browser.js";

/**
 * The edit loop of `cinder dev`, in real Chromium, on a copy of the starter: what a user sees
 * when they save. Each step measures save → new DOM and prints it (never asserted: timing on
 * this machine swings; the behaviour is what is asserted).
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const starter = join(root, "apps/starter");
const cinderBin = join(root, "packages/dev/bin/cinder.js");
const timings: Record<string, number> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

describeWithChromium("cinder dev in Chromium", () => {
  const browser = useChromium();
  let app: string;
  let dev: ChildProcess;
  let origin: string;
  let output = "";
  let page: Page;

  const edit = (file: string, change: (text: string) => string): number => {
    const path = join(app, file);
    writeFileSync(path, change(readFileSync(path, "utf8")));
    return performance.now();
  };
  const devOutputAfter = async (text: string, from: number): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!output.slice(from).includes(text)) {
      if (Date.now() > deadline) throw new Error(`cinder dev never said "${text}"; it said:\n${output.slice(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), "cinder-dev-loop-"));
    cpSync(starter, app, { recursive: true, filter: (source) => !source.includes("node_modules") && !source.endsWith("/dist") });
    // The starter's installed dependencies, as the app's own (resolving to this workspace's packages).
    symlinkSync(join(starter, "node_modules"), join(app, "node_modules"), "dir");
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const started = performance.now();
    dev = spawn(process.execPath, [cinderBin, "dev"], { cwd: app, env: { ...process.env, PORT: String(port), NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    dev.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await devOutputAfter("dev server ready", 0);
    timings["cinder dev → ready"] = Math.round(performance.now() - started);
    page = await browser().newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector(".phx-connected");
    await page.evaluate(() => ((window as unknown as { loadMarker: number }).loadMarker = 1));
  });

  afterAll(async () => {
    console.log(`cinder dev timings (ms): ${JSON.stringify(timings)}`);
    console.log(`what cinder dev said:\n${output.split("\n").filter((line) => line.includes("[cinder]")).join("\n")}`);
    dev?.kill("SIGTERM");
    await new Promise((resolve) => dev?.once("exit", resolve));
    rmSync(app, { recursive: true, force: true });
  });

  const notReloaded = () => page.evaluate(() => (window as unknown as { loadMarker?: number }).loadMarker === 1);

  it("swaps an edited LiveView's render in place: the count and a half-typed field stay", async () => {
    await page.click("#inc");
    await page.click("#inc");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "2");
    await page.fill("#user_name", "Ada Love");
    const saved = edit("src/live/home-live.ts", (text) => text.replace('title: "Welcome to Cinder"', 'title: "Welcome aboard"'));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Welcome aboard");
    timings["render hot swap: save → new DOM"] = Math.round(performance.now() - saved);
    expect(await page.textContent("#count")).toBe("2");
    expect(await page.inputValue("#user_name")).toBe("Ada Love");
    expect(await notReloaded()).toBe(true);
    expect(output).toContain("re-rendered in place");
  });

  it("swaps the stylesheet without a reload", async () => {
    const saved = edit("assets/app.css", (text) => `${text}\n.count { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(() => getComputedStyle(document.querySelector("#count")!).color === "rgb(1, 2, 3)");
    timings["CSS: save → new style"] = Math.round(performance.now() - saved);
    expect(await notReloaded()).toBe(true);
  });

  it("shows a syntax error in an overlay with file and line, keeps the page, and clears it once fixed", async () => {
    const before = output.length;
    edit("src/live/home-live.ts", (text) => text.replace("const by = Number(value.by ?? 1);", "const by = Number(value.by ?? 1;"));
    const overlay = page.locator("cinder-error-overlay");
    await overlay.waitFor({ state: "attached" });
    const text = await page.evaluate(() => document.querySelector("cinder-error-overlay")?.shadowRoot?.textContent ?? "");
    expect(text).toContain("src/live/home-live.ts");
    expect(text).toContain("Syntax error");
    await devOutputAfter("Syntax error", before);
    const fixed = edit("src/live/home-live.ts", (text) => text.replace("const by = Number(value.by ?? 1;", "const by = Number(value.by ?? 1);"));
    await overlay.waitFor({ state: "detached" });
    timings["syntax error fixed → overlay gone"] = Math.round(performance.now() - fixed);
    expect(await page.textContent("#count")).toBe("2");
    expect(await notReloaded()).toBe(true);
  });

  it("shows an exception thrown while rendering, and clears it once fixed", async () => {
    edit("src/live/home-live.ts", (text) => text.replace("render(assigns) {", 'render(assigns) {\n    if (assigns.count === 2) throw new Error("count two is not allowed");'));
    await page.locator("cinder-error-overlay").waitFor({ state: "attached" });
    const text = await page.evaluate(() => document.querySelector("cinder-error-overlay")?.shadowRoot?.textContent ?? "");
    expect(text).toContain("count two is not allowed");
    expect(text).toContain("home-live.ts");
    edit("src/live/home-live.ts", (text) => text.replace('\n    if (assigns.count === 2) throw new Error("count two is not allowed");', ""));
    await page.locator("cinder-error-overlay").waitFor({ state: "detached" });
    await page.waitForSelector("#count");
  });

  it("restarts on a change outside the views: the LiveView rejoins without a reload and the form is recovered", async () => {
    await page.waitForSelector(".phx-connected");
    await page.fill("#user_name", "Grace Hopper");
    const before = output.length;
    const saved = edit("src/app.ts", (text) => `${text}\n// touched by the dev loop test\n`);
    await devOutputAfter("server restarted", before);
    // A remount: the count starts over; the form is recovered from the page.
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "0" && document.querySelector(".phx-connected") !== null);
    timings["restart: save → rejoined"] = Math.round(performance.now() - saved);
    expect(await page.inputValue("#user_name")).toBe("Grace Hopper");
    expect(await notReloaded()).toBe(true);
  });

  it.each([390, 1280])("the starter's home page has no horizontal overflow at %i px", async (width) => {
    const viewer = await browser().newPage({ viewport: { width, height: 900 } });
    await viewer.goto(`${origin}/`);
    await viewer.waitForSelector(".phx-connected");
    const overflow = await viewer.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await viewer.screenshot({ path: join(tmpdir(), `cinder-starter-${width}.png`), fullPage: true });
    await viewer.close();
  });
});
