/**
 * The transport the unit tests give the socket: records what the client sends and lets a test
 * play the server (open, receive, close). Server-side events fire synchronously, as the tests
 * drive them; a close the client asks for completes one task later, as in browsers.
 */
export class FakeWebSocket {
  static created: FakeWebSocket[] = [];
  readyState = 0;
  bufferedAmount = 0;
  binaryType = "blob";
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  readonly sent: Array<string | ArrayBufferLike | ArrayBufferView> = [];

  constructor(readonly url: string, readonly protocols?: string | string[]) {
    FakeWebSocket.created.push(this);
  }
  send(data: string | ArrayBufferLike | ArrayBufferView): void {
    this.sent.push(data);
  }
  close(code = 1005, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 2;
    setTimeout(() => this.serverClose(code, reason), 0);
  }

  // The server's side.
  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  serverSend(data: string | ArrayBuffer): void {
    this.onmessage?.({ data });
  }
  serverClose(code = 1000, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: true });
  }
  serverError(): void {
    this.onerror?.({ type: "error" });
  }
}

/** A text frame the client sent, as its five positions. */
export type SentFrame<Payload = unknown> = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: Payload];

/** Forgets the transports of earlier tests. */
export function resetTransports(): void {
  FakeWebSocket.created.length = 0;
}

/** The transport the client opened last. */
export function lastTransport(): FakeWebSocket {
  const transport = FakeWebSocket.created.at(-1);
  if (transport === undefined) throw new Error("the client has not opened a transport");
  return transport;
}

/** The text frames the client sent over `transport`, parsed, in order. */
export function textFramesOf<Payload = unknown>(transport: FakeWebSocket): Array<SentFrame<Payload>> {
  return transport.sent.filter((data): data is string => typeof data === "string").map((text) => JSON.parse(text) as SentFrame<Payload>);
}

/** The text frames the client sent over every transport it opened since the last reset. */
export function allTextFrames<Payload = unknown>(): Array<SentFrame<Payload>> {
  return FakeWebSocket.created.flatMap((transport) => textFramesOf<Payload>(transport));
}
