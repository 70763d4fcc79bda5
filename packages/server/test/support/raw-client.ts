import WebSocket from "ws";

/**
 * A WebSocket client that speaks raw V2 frames, so tests see exactly what the server put on the
 * wire (no client library in between to hide a wrong join_ref or a reordered frame).
 * Frames are recorded in arrival order and never consumed: `waitFor` finds the first match,
 * whether it already arrived or arrives later.
 */
export type ReceivedFrame = ReceivedTextFrame | ReceivedBinaryFrame;

export interface ReceivedTextFrame {
  type: "text";
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  /** Tests read arbitrary fields of payloads they just provoked; a cast at every use would add nothing. */
  payload: any;
  raw: string;
}

export interface ReceivedBinaryFrame {
  type: "binary";
  bytes: Uint8Array;
}

export interface CloseEvent {
  code: number;
  reason: string;
}

export interface ConnectOptions {
  protocols?: string[];
  headers?: Record<string, string>;
}

/** How long a test waits for a frame before failing with a description instead of hanging. */
const WAIT_LIMIT_MS = 5_000;

export class RawClient {
  readonly frames: ReceivedFrame[] = [];
  /** Resolves when the connection closes, with the close code the server sent. */
  readonly closed: Promise<CloseEvent>;
  readonly #socket: WebSocket;
  readonly #waiters = new Set<() => void>();
  #nextRef = 1;
  #isClosed = false;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.binaryType = "nodebuffer";
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        this.frames.push({ type: "binary", bytes: new Uint8Array(data) });
      } else {
        const raw = data.toString("utf8");
        const [joinRef, ref, topic, event, payload] = JSON.parse(raw) as [string | null, string | null, string, string, unknown];
        this.frames.push({ type: "text", joinRef, ref, topic, event, payload, raw });
      }
      this.#wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code: number, reason: Buffer) => {
        this.#isClosed = true;
        resolve({ code, reason: reason.toString("utf8") });
        this.#wake();
      });
    });
    socket.on("error", () => {}); // surfaced through `closed`
  }

  /** Open a connection; rejects with the HTTP status when the server refuses the upgrade. */
  static connect(url: string, options: ConnectOptions = {}): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
      const client = new RawClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_request, response) => {
        reject(new UpgradeRefused(response.statusCode ?? 0));
        response.resume();
        socket.terminate();
      });
      socket.once("error", (error) => reject(error));
    });
  }

  /** The HTTP status of a refused upgrade (throws if the upgrade succeeds). */
  static async refusalStatus(url: string, options: ConnectOptions = {}): Promise<number> {
    try {
      const client = await RawClient.connect(url, options);
      client.close();
      throw new Error(`expected ${url} to be refused, but the upgrade succeeded`);
    } catch (error) {
      if (error instanceof UpgradeRefused) return error.status;
      throw error;
    }
  }

  get protocol(): string {
    return this.#socket.protocol;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** A fresh ref, as the official client makes them. */
  makeRef(): string {
    return String(this.#nextRef++);
  }

  /** Send one frame as is; bytes go as a binary frame unless `binary` is false (a text frame of raw bytes). */
  sendRaw(data: string | Uint8Array, binary = typeof data !== "string"): void {
    this.#socket.send(data, { binary });
  }

  send(joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown): void {
    this.sendRaw(JSON.stringify([joinRef, ref, topic, event, payload]));
  }

  /** Send `phx_join` (join_ref = ref) and wait for its reply. */
  async join(topic: string, payload: unknown = {}): Promise<{ joinRef: string; reply: ReceivedTextFrame }> {
    const ref = this.makeRef();
    this.send(ref, ref, topic, "phx_join", payload);
    const reply = await this.replyTo(ref, topic);
    return { joinRef: ref, reply };
  }

  /** Send an event on a joined topic; returns its ref. */
  push(joinRef: string | null, topic: string, event: string, payload: unknown = {}): string {
    const ref = this.makeRef();
    this.send(joinRef, ref, topic, event, payload);
    return ref;
  }

  /** The `phx_reply` with this ref. */
  replyTo(ref: string, topic?: string): Promise<ReceivedTextFrame> {
    return this.waitForText((frame) => frame.event === "phx_reply" && frame.ref === ref && (topic === undefined || frame.topic === topic), `phx_reply to ref ${ref}`);
  }

  /** The first text frame (received or future) that matches. */
  waitForText(matches: (frame: ReceivedTextFrame) => boolean, description: string): Promise<ReceivedTextFrame> {
    return this.waitFor((frame): frame is ReceivedTextFrame => frame.type === "text" && matches(frame), description);
  }

  waitForBinary(matches: (bytes: Uint8Array) => boolean, description: string): Promise<ReceivedBinaryFrame> {
    return this.waitFor((frame): frame is ReceivedBinaryFrame => frame.type === "binary" && matches(frame.bytes), description);
  }

  waitFor<T extends ReceivedFrame>(matches: (frame: ReceivedFrame) => frame is T, description: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.frames.find(matches);
        if (found !== undefined) {
          finish();
          resolve(found);
          return true;
        }
        if (this.#isClosed) {
          finish();
          reject(new Error(`connection closed while waiting for ${description}; received:\n${this.describeFrames()}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${description} within ${WAIT_LIMIT_MS} ms; received:\n${this.describeFrames()}`));
      }, WAIT_LIMIT_MS);
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
      };
      const wake = () => void check();
      if (!check()) this.#waiters.add(wake);
    });
  }

  /** Index of a frame in arrival order, for ordering assertions. */
  indexOf(frame: ReceivedFrame): number {
    return this.frames.indexOf(frame);
  }

  textFrames(): ReceivedTextFrame[] {
    return this.frames.filter((frame): frame is ReceivedTextFrame => frame.type === "text");
  }

  describeFrames(): string {
    return this.frames.map((frame) => (frame.type === "text" ? frame.raw : `<binary ${Buffer.from(frame.bytes).toString("hex")}>`)).join("\n");
  }

  /** Stop reading from the network (the server's send queue then grows). */
  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  close(code?: number): void {
    if (this.#isClosed) return;
    this.#socket.close(code);
  }

  terminate(): void {
    this.#socket.terminate();
  }

  #wake(): void {
    for (const wake of [...this.#waiters]) wake();
  }
}

export class UpgradeRefused extends Error {
  readonly status: number;

  constructor(status: number) {
    super(`upgrade refused with HTTP ${status}`);
    this.status = status;
  }
}
