import { afterEach, beforeEach, vi } from "vitest";
import { LiveSocket, type LiveSocketOptions } from "@cinder/client";
import type { RenderedRoot } from "@cinder/protocol";
import { stopCollectingDiagnostics } from "./diagnostics.js";
import { FakeWebSocket, allTextFrames, lastTransport, resetTransports, type SentFrame as AnySentFrame } from "./fake-websocket.js";

export { collectDiagnostics } from "./diagnostics.js";

/** A text frame the client sent, as its five positions. */
export type SentFrame = AnySentFrame<Record<string, unknown>>;

const sockets: LiveSocket[] = [];

/**
 * Registers what every LiveSocket test needs: fake timers and the page at `path` before each
 * test, console errors silenced (tests assert diagnostics through their events); afterwards every
 * LiveSocket destroyed, diagnostics no longer collected, real timers and every mock restored.
 */
export function setupLivePage(path: string): void {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    window.history.replaceState(null, "", path);
  });
  afterEach(() => {
    stopLiveSockets();
    stopCollectingDiagnostics();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

/**
 * Plays the LiveView server for one page: the test renders the dead HTML, the harness starts a
 * real LiveSocket over a fake transport, and the test answers joins and events frame by frame.
 */
export class FakeLiveServer {
  readonly liveSocket: LiveSocket;

  private constructor(liveSocket: LiveSocket) {
    this.liveSocket = liveSocket;
  }

  /** Renders `body` as the dead render, connects a LiveSocket and opens its transport. */
  static start(body: string, options: LiveSocketOptions = {}): FakeLiveServer {
    document.body.innerHTML = body;
    resetTransports();
    const liveSocket = new LiveSocket("/live", { transport: FakeWebSocket, params: { _csrf_token: "CSRF" }, ...options });
    sockets.push(liveSocket);
    liveSocket.connect();
    const server = new FakeLiveServer(liveSocket);
    server.transport.serverOpen();
    return server;
  }

  get transport(): FakeWebSocket {
    return lastTransport();
  }

  frames(): SentFrame[] {
    return allTextFrames<Record<string, unknown>>();
  }

  framesWith(event: string, topic?: string): SentFrame[] {
    return this.frames().filter((frame) => frame[3] === event && (topic === undefined || frame[2] === topic));
  }

  lastFrame(event: string, topic?: string): SentFrame {
    const frame = this.framesWith(event, topic).at(-1);
    if (frame === undefined) throw new Error(`the client sent no "${event}"${topic === undefined ? "" : ` on ${topic}`}`);
    return frame;
  }

  /** Answers the last join of `topic` with `rendered`. */
  joinOk(topic: string, rendered: RenderedRoot | Record<string, unknown>, extra: Record<string, unknown> = {}): SentFrame {
    const join = this.lastFrame("phx_join", topic);
    this.reply(join, "ok", { rendered, liveview_version: "1.2.12", ...extra });
    return join;
  }

  reply(frame: SentFrame, status: string, response: unknown = {}): void {
    this.transport.serverSend(JSON.stringify([frame[0], frame[1], frame[2], "phx_reply", { status, response }]));
  }

  /** A server push on `topic` for the current join. */
  push(topic: string, event: string, payload: unknown): void {
    const join = this.lastFrame("phx_join", topic);
    this.transport.serverSend(JSON.stringify([join[0], null, topic, event, payload]));
  }

  /** The last `event` push of the client on `topic`. */
  lastEvent(topic?: string): SentFrame {
    return this.lastFrame("event", topic);
  }
}

/** Disconnects every LiveSocket a test started, so none reacts to later tests' window events. */
export function stopLiveSockets(): void {
  for (const socket of sockets.splice(0)) socket.destroy();
}

/** Lets pending promise callbacks (replies resolved through promises) run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await Promise.resolve();
}

/** The main LiveView container of `deadRender`. */
export function mainContainer(id = "phx-F1"): HTMLElement {
  const container = document.getElementById(id);
  if (container === null) throw new Error(`the page has no #${id}`);
  return container;
}

/** A dead render with one main LiveView container. */
export function deadRender(inner: string, id = "phx-F1"): string {
  return `<div id="${id}" data-phx-main data-phx-session="SESSION" data-phx-static="STATIC">${inner}</div>`;
}
