import { Defaults } from "@cinder/protocol";
import type { SocketParams } from "./endpoint-url.js";
import type { Logger } from "./logger.js";
import { defaultWebSocketConstructor, type WebSocketConstructor } from "./transport.js";
import { callUserFunction } from "./user-code.js";
import type { IncomingDecodeError } from "./wire.js";

export interface SocketOptions {
  /** Query parameters of the connection, or a function evaluated at every (re)connect. */
  params?: SocketParams | (() => SocketParams);
  /** The WebSocket class. Defaults to the runtime's `WebSocket`; in Node pass `WebSocket` from `ws`. */
  transport?: WebSocketConstructor;
  /** Default timeout of joins and pushes, in ms (10 000). */
  timeout?: number;
  /** Time between a heartbeat reply and the next heartbeat, and how long a reply may take, in ms (30 000). */
  heartbeatIntervalMs?: number;
  /** Delay before the n-th consecutive reconnect attempt (default 10, 50, 100, … 2000, then 5000 ms). */
  reconnectAfterMs?: (tries: number) => number;
  /** Delay before a channel's n-th consecutive rejoin (default 1000, 2000, 5000, then 10 000 ms). */
  rejoinAfterMs?: (tries: number) => number;
  /** Diagnostics sink; nothing is formatted when it is absent. */
  logger?: Logger;
  /** Sent as the `base64url.bearer.phx.*` subprotocol (spec §1.2); a function is evaluated at every connect. */
  authToken?: string | (() => string);
  /**
   * Called with each frame the socket drops because it is not Phoenix V2 (the frame is otherwise
   * ignored: one bad frame must not take the connection down). The LiveSocket turns it into a
   * diagnostic event.
   */
  onUndecodableFrame?: (error: IncomingDecodeError, frame: unknown) => void;
}

/** Options with defaults applied; every function the application passed is wrapped to name itself in errors. */
export interface ResolvedSocketOptions {
  params: () => SocketParams;
  transport: WebSocketConstructor;
  timeoutMs: number;
  heartbeatIntervalMs: number;
  reconnectAfterMs: (tries: number) => number;
  rejoinAfterMs: (tries: number) => number;
  logger: Logger | undefined;
  authToken: (() => string) | undefined;
  onUndecodableFrame: ((error: IncomingDecodeError, frame: unknown) => void) | undefined;
}

export function resolveSocketOptions(options: SocketOptions): ResolvedSocketOptions {
  const { params = {}, authToken } = options;
  const reconnectAfterMs = options.reconnectAfterMs ?? Defaults.reconnectAfterMs;
  const rejoinAfterMs = options.rejoinAfterMs ?? Defaults.rejoinAfterMs;
  return {
    params: typeof params === "function" ? () => callUserFunction("socket params function", params) : () => params,
    transport: options.transport ?? defaultWebSocketConstructor(),
    timeoutMs: options.timeout ?? Defaults.timeoutMs,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? Defaults.heartbeatIntervalMs,
    reconnectAfterMs: (tries) => callUserFunction("reconnectAfterMs", reconnectAfterMs, tries),
    rejoinAfterMs: (tries) => callUserFunction("rejoinAfterMs", rejoinAfterMs, tries),
    logger: options.logger,
    authToken:
      authToken === undefined ? undefined : typeof authToken === "function" ? () => callUserFunction("authToken function", authToken) : () => authToken,
    onUndecodableFrame: options.onUndecodableFrame,
  };
}
