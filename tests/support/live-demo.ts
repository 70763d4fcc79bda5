import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { FastifyInstance } from "fastify";
import { createDemoApp } from "@cinder/demo";

/*
 * The demo's live pages in Chromium, for the end-to-end and conformance suites: the demo app on
 * a real port with the chosen LiveView client, pages that record every LiveView frame, and a
 * log of the diff sizes the scenarios observed.
 */

export type LiveClient = "official" | "cinder";

/** Every scenario runs with both clients: the official one first, it is the oracle. */
export const LIVE_CLIENTS: readonly LiveClient[] = ["official", "cinder"];

export const WAIT_MS = 10_000;

export interface RunningDemo {
  readonly app: FastifyInstance;
  readonly port: number;
  readonly baseUrl: string;
}

/**
 * The demo app listening on 127.0.0.1 (`port` 0: any free port; a restart passes the old one),
 * its live pages on `liveClient` (the demo's default when left out).
 */
export async function startDemo(options: { liveClient?: LiveClient; secretKeyBase: string; port?: number }): Promise<RunningDemo> {
  const app = createDemoApp({ secretKeyBase: options.secretKeyBase, ...(options.liveClient !== undefined && { liveClient: options.liveClient }) });
  await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const port = (app.server.address() as AddressInfo).port;
  return { app, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** One frame of the LiveView socket, decoded (`[join_ref, ref, topic, event, payload]`). */
export interface LiveFrame {
  readonly direction: "sent" | "received";
  readonly joinRef: string | null;
  readonly ref: string | null;
  readonly topic: string;
  readonly event: string;
  readonly payload: Record<string, unknown>;
  /** UTF-8 bytes of the whole frame as it travelled. */
  readonly bytes: number;
  /** The page's `Date.now()` when the frame was sent or delivered. */
  readonly seenAt: number;
  /** Which WebSocket of the page (0 for the first; a reconnect opens the next). */
  readonly socketIndex: number;
}

/** What the init script reports for each frame of a `/live` socket. */
interface RecordedFrame {
  readonly direction: "sent" | "received" | "opened";
  /** Unique per socket across page loads. */
  readonly socket: string;
  readonly data: string;
  /** The page's `Date.now()` when the frame was sent or delivered. */
  readonly at: number;
}

/** Runs in the page before its scripts (as an init script): wraps WebSocket to report `/live` frames. */
function recordLiveFrames(): void {
  const report = (window as unknown as { __cinderLiveFrame(frame: RecordedFrame): void }).__cinderLiveFrame;
  const NativeWebSocket = window.WebSocket;
  const documentLoad = Math.random().toString(36).slice(2);
  let opened = 0;
  class RecordingWebSocket extends NativeWebSocket {
    readonly #socket: string | undefined;
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!new URL(String(url), location.href).pathname.startsWith("/live/")) return;
      const socket = `${documentLoad}:${opened++}`;
      this.#socket = socket;
      report({ direction: "opened", socket, data: "", at: Date.now() });
      this.addEventListener("message", (event) => {
        if (typeof event.data === "string") report({ direction: "received", socket, data: event.data, at: Date.now() });
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (this.#socket !== undefined && typeof data === "string") report({ direction: "sent", socket: this.#socket, data, at: Date.now() });
      super.send(data);
    }
  }
  window.WebSocket = RecordingWebSocket;
}

/** A client push and the server's reply to it. */
export interface LiveExchange {
  readonly push: LiveFrame;
  readonly reply: LiveFrame;
  /** `response` of the reply (`{diff}`, `{}`, `{rendered}`…). */
  readonly response: Record<string, unknown>;
}

/**
 * Every frame on the page's `/live/websocket` connections, recorded inside the page: an init
 * script wraps `window.WebSocket` before any page script runs, so no frame is missed (playwright's
 * own `websocket` events can miss the frames sent right at open, such as the join). Frames of
 * other sockets (the chat's `/socket`) are left out. Create it with {@link LiveWire.attach}.
 */
export class LiveWire {
  readonly frames: LiveFrame[] = [];
  /** Socket keys (`<document load>:<socket of that document>`) in the order they were opened. */
  readonly #socketKeys: string[] = [];

  private constructor() {}

  static async attach(page: Page): Promise<LiveWire> {
    const wire = new LiveWire();
    await page.exposeBinding("__cinderLiveFrame", (_source, frame: RecordedFrame) => wire.#record(frame));
    await page.addInitScript(recordLiveFrames);
    return wire;
  }

  /** How many `/live` WebSockets the page has opened (a reconnect attempt opens one each). */
  get socketCount(): number {
    return this.#socketKeys.length;
  }

  #record(recorded: RecordedFrame): void {
    let socketIndex = this.#socketKeys.indexOf(recorded.socket);
    if (socketIndex === -1) socketIndex = this.#socketKeys.push(recorded.socket) - 1;
    if (recorded.direction === "opened") return;
    let decoded: unknown;
    try {
      decoded = JSON.parse(recorded.data);
    } catch {
      return;
    }
    if (!Array.isArray(decoded) || decoded.length !== 5) return;
    const [joinRef, ref, topic, event, payload] = decoded as [string | null, string | null, string, string, Record<string, unknown>];
    this.frames.push({
      direction: recorded.direction,
      joinRef,
      ref,
      topic,
      event,
      payload,
      bytes: Buffer.byteLength(recorded.data),
      seenAt: recorded.at,
      socketIndex,
    });
  }

  /** Pushes of the client to LiveView topics (`event`, `live_patch`, `phx_join`…) paired with their replies so far. */
  exchanges(): LiveExchange[] {
    const exchanges: LiveExchange[] = [];
    for (const push of this.frames) {
      if (push.direction !== "sent" || push.ref === null || !push.topic.startsWith("lv:")) continue;
      const reply = this.frames.find(
        (frame) => frame.direction === "received" && frame.event === "phx_reply" && frame.ref === push.ref && frame.topic === push.topic && frame.socketIndex === push.socketIndex,
      );
      if (reply !== undefined) exchanges.push({ push, reply, response: (reply.payload["response"] ?? {}) as Record<string, unknown> });
    }
    return exchanges;
  }

  /** `event` pushes (bindings, hooks) named `name`, with their replies. */
  eventExchanges(name: string): LiveExchange[] {
    return this.exchanges().filter((exchange) => exchange.push.event === "event" && exchange.push.payload["event"] === name);
  }

  sent(event: string): LiveFrame[] {
    return this.frames.filter((frame) => frame.direction === "sent" && frame.event === event && frame.topic.startsWith("lv:"));
  }

  received(event: string): LiveFrame[] {
    return this.frames.filter((frame) => frame.direction === "received" && frame.event === event && frame.topic.startsWith("lv:"));
  }

  /** Waits for the `count`-th reply to event `name` and returns it. */
  async waitForEventReply(name: string, count = 1): Promise<LiveExchange> {
    return until(`reply #${count} to the "${name}" event`, () => this.eventExchanges(name)[count - 1]);
  }
}

/** Polls `probe` until it returns something other than `undefined`/`false`, or fails after WAIT_MS. */
export async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A page of the demo, with its LiveView frames and whatever went wrong in it. */
export interface LivePage {
  readonly page: Page;
  readonly wire: LiveWire;
  /** Uncaught exceptions of the page. */
  readonly pageErrors: Error[];
  /** `console.error` output (the official client logs failed joins and bad diffs there). */
  readonly consoleErrors: string[];
  /** `Content-Security-Policy` violations reported by the page. */
  readonly cspViolations: string[];
}

/** A new page in `context`, instrumented, not navigated yet. */
export async function newLivePage(context: BrowserContext): Promise<LivePage> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const live: LivePage = { page, wire: await LiveWire.attach(page), pageErrors: [], consoleErrors: [], cspViolations: [] };
  page.on("pageerror", (error) => live.pageErrors.push(error));
  page.on("console", (message) => {
    if (message.type() === "error") live.consoleErrors.push(message.text());
  });
  await page.exposeBinding("__reportCspViolation", (_source, text: string) => live.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
  return live;
}

/** Opens `path` and waits until its main LiveView has joined (`phx-connected`). */
export async function openLivePage(context: BrowserContext, baseUrl: string, path: string): Promise<LivePage> {
  const live = await newLivePage(context);
  await live.page.goto(baseUrl + path);
  await waitForConnected(live.page);
  return live;
}

/** The trimmed text of the first element matching `selector`. */
export async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? "").trim();
}

/** Waits until the first element matching `selector` has exactly this (trimmed) text. */
export async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(([selector, expected]) => document.querySelector(selector)?.textContent?.trim() === expected, [selector, expected] as const);
}

export async function waitForConnected(page: Page): Promise<void> {
  await page.locator("[data-phx-main].phx-connected").waitFor();
}

/** A fresh browser context (own cookies) signed in to the demo as `name`. */
export async function signedInContext(browser: Browser, baseUrl: string, name: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(baseUrl + "/");
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#current-user").filter({ hasText: name }).waitFor();
  await page.close();
  return context;
}

/** The demo's channel chat page (`/`, assets/chat.ts) in `context`, once joined to the lobby, with its uncaught errors. */
export async function openChannelChat(context: BrowserContext, baseUrl: string): Promise<{ page: Page; pageErrors: Error[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(baseUrl + "/");
  await page.locator('#status[data-state="joined"]').filter({ hasText: "#lobby" }).waitFor();
  return { page, pageErrors };
}

/**
 * Records every `class` value the main view container takes from now on (a MutationObserver in
 * the page), so a short-lived state such as `phx-error` cannot be missed by polling.
 */
export async function recordContainerClasses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const container = document.querySelector("[data-phx-main]");
    if (container === null) throw new Error("no [data-phx-main] container on the page");
    const seen: string[] = [container.className];
    (window as unknown as { __containerClasses: string[] }).__containerClasses = seen;
    new MutationObserver(() => seen.push(container.className)).observe(container, { attributes: true, attributeFilter: ["class"] });
  });
  return () => page.evaluate(() => [...(window as unknown as { __containerClasses: string[] }).__containerClasses]);
}

/** Whether statics (`"s"`) appear anywhere in a rendered tree or diff: a diff of known templates resends none. */
export function containsStatics(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && "s" in value) return true;
  return Object.values(value).some(containsStatics);
}

/** One measured reply, for the diff-size summary printed at the end of a suite. */
export interface DiffSizeSample {
  readonly client: LiveClient;
  readonly interaction: string;
  /** Bytes of the whole `phx_reply` (or pushed `diff`) frame. */
  readonly frameBytes: number;
  /** Bytes of the `diff` (or a join's `rendered`) object alone (0 for `{}`). */
  readonly diffBytes: number;
}

/** Collects measured diff sizes per interaction and prints them as one table. */
export class DiffSizeLog {
  readonly samples: DiffSizeSample[] = [];

  /** Records the frame of `exchange` (a reply) under `interaction`. */
  recordReply(client: LiveClient, interaction: string, exchange: LiveExchange): void {
    const diff = exchange.response["diff"] ?? exchange.response["rendered"];
    this.samples.push({ client, interaction, frameBytes: exchange.reply.bytes, diffBytes: diff === undefined ? 0 : Buffer.byteLength(JSON.stringify(diff)) });
  }

  /** Records a server-pushed `diff` frame under `interaction`. */
  recordPush(client: LiveClient, interaction: string, frame: LiveFrame): void {
    this.samples.push({ client, interaction, frameBytes: frame.bytes, diffBytes: Buffer.byteLength(JSON.stringify(frame.payload)) });
  }

  table(): string {
    const rows = this.samples.map((sample) => `${sample.client.padEnd(8)} ${String(sample.frameBytes).padStart(6)} ${String(sample.diffBytes).padStart(6)}  ${sample.interaction}`);
    return ["client    frame   diff  interaction (bytes)", ...rows].join("\n");
  }
}
