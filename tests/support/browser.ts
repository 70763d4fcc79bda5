import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";

/**
 * Real Chromium for end-to-end tests, through playwright-core (never `playwright install`: the
 * system package is used). Playwright adds `--headless --no-sandbox` itself.
 */
export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
] as const;

export function isChromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/**
 * One Chromium for the enclosing `describe` block: launched in `beforeAll`, closed in `afterAll`.
 * Returns an accessor, since the browser exists only once the hook has run.
 *
 * @example
 * ```ts
 * describeWithChromium("the counter in Chromium", () => {
 *   const browser = useChromium();
 *   it("opens", async () => {
 *     const context = await browser().newContext();
 *   });
 * });
 * ```
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error("useChromium(): Chromium launches in beforeAll; use the browser inside a test or a later hook.");
    return browser;
  };
}

/**
 * `describe` for suites that need Chromium. Without it, the suite is skipped with a loud warning
 * on a developer machine, and fails in CI (`CI=true`), where a missing system package is a bug of
 * the CI setup (`.ci/run` installs it).
 */
export function describeWithChromium(name: string, suite: () => void): void {
  if (isChromiumInstalled()) {
    describe(name, suite);
    return;
  }
  const missing = `Chromium is not installed at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env["CI"] === "true") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(`${missing} CI must run the browser tests.`);
      });
    });
    return;
  }
  console.warn(`\n⚠️  SKIPPING "${name}": ${missing}\n`);
  describe.skip(name, suite);
}
