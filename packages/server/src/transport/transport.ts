import type { WireData } from "@cinder/protocol";

/**
 * One client connection as the socket layer sees it: frames in, frames out, a close. The
 * WebSocket library stays behind `websocket-transport.ts`; nothing else imports it.
 */
export interface Transport {
  /** Bytes handed to the transport but not yet written to the network. */
  readonly bufferedAmount: number;
  /** Send one frame. `data` may be pre-encoded bytes of a text frame (`binary: false`). */
  send(data: string | Uint8Array, binary: boolean): void;
  /** Start the closing handshake. `reason` is cut to the 123 bytes a close frame can carry. */
  close(code: number, reason: string): void;
  /** Drop the connection without a closing handshake. */
  terminate(): void;
}

/** Why the transport itself rejected incoming data (it has already started closing). */
export type TransportErrorKind = "frame_too_big" | "invalid_utf8" | "protocol_error";

/** What a transport reports to its owner. */
export interface TransportListener {
  /** A complete frame: a string for text frames, bytes for binary ones. */
  onFrame(data: WireData): void;
  onTransportError(kind: TransportErrorKind, message: string): void;
  onClosed(code: number, reason: string): void;
}
