import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { DiffSizeLog, newLivePage, openLivePage, signedInContext, startDemo, type LiveClient, type LivePage, type RunningDemo } from "./live-demo.js";

/*
 * The lifecycle of the demo's browser suites, so that each states only its scenarios: the demo
 * listens while the describe block runs, browser contexts close after each test, and the pages a
 * test opened are checked for what must never happen in them.
 */

/**
 * What must still be empty on a checked page once its test is over.
 * - `uncaught errors`: exceptions thrown in the page.
 * - `CSP violations`: Content-Security-Policy violations the page reported.
 * - `console errors`: `console.error` output (the official LiveView client logs protocol problems there).
 */
export type PageCheck = "uncaught errors" | "CSP violations" | "console errors";

const DEFAULT_PAGE_CHECKS: readonly PageCheck[] = ["uncaught errors", "CSP violations"];

export interface LiveDemoSuiteOptions {
  /** The browser of the suite, usually `useChromium()`'s accessor. */
  readonly browser: () => Browser;
  readonly secretKeyBase: string;
  /** The LiveView client the live pages load; the demo's default when left out. */
  readonly liveClient?: LiveClient;
  /** Checked after each test on every page opened through `open`, `openIn` or `newPage`; default: uncaught errors and CSP violations. */
  readonly pageChecks?: readonly PageCheck[];
}

export interface LiveDemoSuite {
  /** `http://127.0.0.1:<port>` of the running demo (it starts in the suite's `beforeAll`). */
  readonly baseUrl: string;
  /** A fresh browser context (own cookies), closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A fresh browser context signed in to the demo as `name`, closed after the test. */
  signedIn(name: string): Promise<BrowserContext>;
  /** Opens `path` in a fresh context and waits until its view has joined; the page is checked after the test. */
  open(path: string, contextOptions?: BrowserContextOptions): Promise<LivePage>;
  /** Opens `path` in `context` and waits until its view has joined; the page is checked after the test. */
  openIn(context: BrowserContext, path: string): Promise<LivePage>;
  /** An instrumented page in a fresh context, not navigated yet; checked after the test. */
  newPage(contextOptions?: BrowserContextOptions): Promise<LivePage>;
  /** Closes the demo and starts a new one on the same port with the same secret: a deploy, as the page sees it. */
  restart(): Promise<void>;
}

/**
 * Registers the demo's lifecycle in the enclosing `describe` block: the demo starts in `beforeAll`
 * and closes in `afterAll`; after each test, the checks run on every page the test opened through
 * the suite and every context it made is closed (even when a check fails). Pages opened with
 * `openLivePage` in a context of the suite are closed with it but not checked.
 *
 * @example
 * ```ts
 * describeWithChromium("the counter in Chromium", () => {
 *   const browser = useChromium();
 *   describe.each(LIVE_CLIENTS)("with the %s client", (client: LiveClient) => {
 *     const demo = useLiveDemo({ browser, liveClient: client, secretKeyBase });
 *     it("counts", async () => {
 *       const { page } = await demo.open("/counter");
 *       await page.click("#inc");
 *       await waitForText(page, "#count", "1");
 *     });
 *   });
 * });
 * ```
 */
export function useLiveDemo(options: LiveDemoSuiteOptions): LiveDemoSuite {
  const pageChecks = options.pageChecks ?? DEFAULT_PAGE_CHECKS;
  const demoOptions = { secretKeyBase: options.secretKeyBase, ...(options.liveClient !== undefined && { liveClient: options.liveClient }) };
  let running: RunningDemo | undefined;
  let contexts: BrowserContext[] = [];
  let checkedPages: LivePage[] = [];

  beforeAll(async () => {
    running = await startDemo(demoOptions);
  });

  afterEach(async () => {
    const pages = checkedPages;
    checkedPages = [];
    try {
      for (const live of pages) for (const check of pageChecks) expectNothingIn(live, check);
    } finally {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
    }
  });

  afterAll(async () => {
    await running?.app.close();
  });

  function runningDemo(): RunningDemo {
    if (running === undefined) throw new Error("useLiveDemo(): the demo starts in beforeAll; use it inside a test or a later hook.");
    return running;
  }

  async function newContext(contextOptions?: BrowserContextOptions): Promise<BrowserContext> {
    const context = await options.browser().newContext(contextOptions);
    contexts.push(context);
    return context;
  }

  function checked(live: LivePage): LivePage {
    checkedPages.push(live);
    return live;
  }

  return {
    get baseUrl() {
      return runningDemo().baseUrl;
    },
    newContext,
    async signedIn(name) {
      const context = await signedInContext(options.browser(), runningDemo().baseUrl, name);
      contexts.push(context);
      return context;
    },
    async open(path, contextOptions) {
      return checked(await openLivePage(await newContext(contextOptions), runningDemo().baseUrl, path));
    },
    async openIn(context, path) {
      return checked(await openLivePage(context, runningDemo().baseUrl, path));
    },
    async newPage(contextOptions) {
      return checked(await newLivePage(await newContext(contextOptions)));
    },
    async restart() {
      const { app, port } = runningDemo();
      running = undefined;
      await app.close();
      running = await startDemo({ ...demoOptions, port });
    },
  };
}

/**
 * A diff-size log whose table is printed under `heading` once the enclosing `describe` block is done.
 *
 * @example
 * ```ts
 * const diffSizes = useDiffSizeLog("Diff sizes observed on the books page");
 * diffSizes.recordReply(client, "live_patch", patch);
 * ```
 */
export function useDiffSizeLog(heading: string): DiffSizeLog {
  const diffSizes = new DiffSizeLog();
  afterAll(() => {
    console.log(`\n${heading}:\n${diffSizes.table()}\n`);
  });
  return diffSizes;
}

function expectNothingIn(live: LivePage, check: PageCheck): void {
  switch (check) {
    case "uncaught errors":
      expect(live.pageErrors, "uncaught errors in the page").toEqual([]);
      return;
    case "CSP violations":
      expect(live.cspViolations, "Content-Security-Policy violations").toEqual([]);
      return;
    case "console errors":
      expect(live.consoleErrors, "the official client logs protocol problems with console.error").toEqual([]);
      return;
  }
}
