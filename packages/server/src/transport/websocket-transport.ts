import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { Transport, TransportErrorKind, TransportListener } from "./transport.js";

/**
 * The only module that knows the `ws` library. It turns an HTTP upgrade into a `Transport` and
 * writes HTTP refusals on the raw socket; everything above speaks `Transport`.
 */

/** The subprotocol the official client offers next to its bearer token (spec §1.2). */
export const PHOENIX_SUBPROTOCOL = "phoenix";

/** Longest close reason a close frame can carry, in bytes (RFC 6455 §5.5: 125 minus the code). */
const MAX_CLOSE_REASON_BYTES = 123;

export interface WebSocketAcceptorOptions {
  /** Larger incoming frames close the connection with 1009 before they are buffered. */
  maxFrameBytes: number;
}

/** Completes WebSocket handshakes for every mounted socket path of one endpoint. */
export class WebSocketAcceptor {
  readonly #server: WebSocketServer;

  constructor(options: WebSocketAcceptorOptions) {
    this.#server = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: options.maxFrameBytes,
      // Browsers fail a handshake that offered subprotocols when none is selected; the bearer
      // entry is never selected, it only carries the token.
      handleProtocols: (protocols) => (protocols.has(PHOENIX_SUBPROTOCOL) ? PHOENIX_SUBPROTOCOL : false),
    });
  }

  /**
   * Finish the handshake. `onAccepted` runs synchronously once the 101 response is written;
   * listeners attached in it see every frame. An invalid handshake is answered with HTTP 400
   * by `ws` and `onAccepted` never runs (the raw socket then closes).
   */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, onAccepted: (transport: WebSocketTransport) => void): void {
    this.#server.handleUpgrade(request, socket, head, (webSocket) => onAccepted(new WebSocketTransport(webSocket)));
  }

  close(): void {
    this.#server.close();
  }
}

/** A `Transport` over one `ws` WebSocket. */
export class WebSocketTransport implements Transport {
  readonly #webSocket: WebSocket;

  constructor(webSocket: WebSocket) {
    this.#webSocket = webSocket;
  }

  get bufferedAmount(): number {
    return this.#webSocket.bufferedAmount;
  }

  listen(listener: TransportListener): void {
    this.#webSocket.on("message", (data: RawData, isBinary: boolean) => {
      const bytes = toBytes(data);
      // ws has validated UTF-8 for text frames already (invalid text closes with 1007).
      listener.onFrame(isBinary ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
    });
    this.#webSocket.on("error", (error: Error & { code?: string }) => {
      listener.onTransportError(errorKind(error.code), error.message);
    });
    this.#webSocket.on("close", (code: number, reason: Buffer) => {
      listener.onClosed(code, reason.toString("utf8"));
    });
  }

  send(data: string | Uint8Array, binary: boolean): void {
    if (this.#webSocket.readyState !== WebSocket.OPEN) return;
    this.#webSocket.send(data, { binary });
  }

  close(code: number, reason: string): void {
    const state = this.#webSocket.readyState;
    if (state === WebSocket.CLOSING || state === WebSocket.CLOSED) return;
    this.#webSocket.close(code, truncateCloseReason(reason));
  }

  terminate(): void {
    this.#webSocket.terminate();
  }
}

/**
 * Answer an upgrade request with a plain HTTP error and close the raw socket (nothing has
 * been written to it yet; the handshake never happened).
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${message}\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "\r\n" +
      body,
  );
}

/** Plain `Uint8Array` views (no copy): callers never see Node's `Buffer` subclass. */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) {
    const joined = Buffer.concat(data);
    return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function errorKind(code: string | undefined): TransportErrorKind {
  if (code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return "frame_too_big";
  if (code === "WS_ERR_INVALID_UTF8") return "invalid_utf8";
  return "protocol_error";
}

function truncateCloseReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_CLOSE_REASON_BYTES) return reason;
  let cut = reason.slice(0, MAX_CLOSE_REASON_BYTES);
  while (Buffer.byteLength(cut) > MAX_CLOSE_REASON_BYTES) cut = cut.slice(0, -1);
  return cut;
}
