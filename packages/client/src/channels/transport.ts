import { CinderClientError, ClientErrorCode } from "../errors.js";

/**
 * The part of the WebSocket API the socket uses. The browser's `WebSocket` and the `ws`
 * package's `WebSocket` (for Node) both fit, and so does a ten-line fake in tests.
 *
 * Event handler parameters are typed `never` on purpose: every implementation passes its own
 * event class, and `never` lets all of them fit while the socket reads events through the
 * narrow shapes below.
 */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  onopen: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  send(data: string | ArrayBufferLike | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket class: `globalThis.WebSocket` in browsers, `WebSocket` from `ws` in Node.
 *
 * @example
 * ```ts
 * import { WebSocket } from "ws";
 * const socket = new Socket("ws://127.0.0.1:4000/socket", { transport: WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** What the socket reads from a message event. */
export interface TransportMessageEvent {
  readonly data: unknown;
}

/** What the socket reads from a close event; `onClose` callbacks receive the whole event. */
export interface TransportCloseEvent {
  readonly code: number;
  readonly reason: string;
  readonly wasClean?: boolean;
}

/** `readyState` values, identical in the DOM and in `ws`. */
export const ReadyState = { connecting: 0, open: 1, closing: 2, closed: 3 } as const;

/** The runtime's own WebSocket, or a misuse error that says how to pass one. */
export function defaultWebSocketConstructor(): WebSocketConstructor {
  const runtimeWebSocket = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (runtimeWebSocket) return runtimeWebSocket;
  throw new CinderClientError(
    ClientErrorCode.noWebSocketTransport,
    'This runtime has no global WebSocket. Pass one as the transport option, e.g. `import { WebSocket } from "ws"` and `new Socket(url, { transport: WebSocket })`.',
  );
}
