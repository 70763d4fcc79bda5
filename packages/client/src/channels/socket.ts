import { ChannelEvent, CloseCode, PHOENIX_TOPIC, type SocketState } from "@cinder/protocol";
import { Channel, type ChannelParams, type SocketLink } from "./channel.js";
import { Connection, type ConnectionDelegate } from "./connection.js";
import { authTokenSubprotocols, buildEndpointUrl } from "./endpoint-url.js";
import { Heartbeat } from "./heartbeat.js";
import type { LogKind } from "./logger.js";
import { Outbox } from "./outbox.js";
import { isPageHidden, observePageLifecycle } from "./page-lifecycle.js";
import { RetryTimer } from "./retry-timer.js";
import { SocketChannels, type ChannelErrorReason } from "./socket-channels.js";
import { resolveSocketOptions, type ResolvedSocketOptions, type SocketOptions } from "./socket-options.js";
import { StateCallbacks, type CallbackSignatures, type SocketErrorCallback, type SocketStateKind } from "./state-callbacks.js";
import { ReadyState, type TransportCloseEvent, type TransportMessageEvent } from "./transport.js";
import type { OutgoingMessage, SocketMessage } from "./types.js";
import { invokeUserCallback } from "./user-code.js";
import { decodeIncomingData } from "./wire.js";

/**
 * The connection to a Cinder (or Phoenix) socket endpoint: one WebSocket shared by many
 * channels, with heartbeats, a send buffer while offline, and reconnects with backoff (spec §1).
 * A dropped connection is a state, not an exception: channels error, the socket reconnects and
 * they rejoin.
 *
 * @example
 * ```ts
 * // In a page:
 * const socket = new Socket("/socket", { params: { token: window.userToken } });
 * socket.connect();
 *
 * // In Node:
 * import { WebSocket } from "ws";
 * const socket = new Socket("ws://127.0.0.1:4000/socket", { transport: WebSocket });
 * socket.connect();
 * ```
 */
export class Socket {
  readonly #endpoint: string;
  readonly #options: ResolvedSocketOptions;
  readonly #heartbeat: Heartbeat;
  readonly #reconnectTimer: RetryTimer;
  readonly #stateCallbacks = new StateCallbacks();
  readonly #channels = new SocketChannels();
  readonly #outbox = new Outbox({
    connection: () => this.#connection,
    isConnected: () => this.isConnected(),
    hasLogger: () => this.hasLogger(),
    log: (kind, message, data) => this.log(kind, message, data),
  });
  #lastRef = 0;
  #connection: Connection | null = null;
  /** True while the client wants no connection: before the first connect and after disconnect. */
  #closeWasClean = true;
  /** Changes at every connect and disconnect, so deferred work can tell it was overtaken. */
  #connectClock = 1;
  #establishedConnections = 0;
  #connectionOpenedOnPageShow: Connection | null = null;
  #disconnectedOnPageHideAt: number | null = null;

  constructor(endpoint: string, options: SocketOptions = {}) {
    this.#endpoint = endpoint;
    this.#options = resolveSocketOptions(options);
    this.#heartbeat = new Heartbeat(this.#options.heartbeatIntervalMs, {
      isConnected: () => this.isConnected(),
      sendHeartbeat: () => this.#sendHeartbeat(),
      heartbeatTimedOut: () => this.#heartbeatTimedOut(),
    });
    this.#reconnectTimer = new RetryTimer(() => {
      if (isPageHidden()) {
        this.log("transport", "not reconnecting while the page is hidden");
        this.#teardown();
        return;
      }
      this.#teardownAndReconnect(() => this.connect());
    }, this.#options.reconnectAfterMs);
    observePageLifecycle({
      pageHidden: () => {
        if (this.#connection && !this.#connection.ended) {
          this.disconnect();
          this.#disconnectedOnPageHideAt = this.#connectClock;
        }
      },
      pageShown: () => {
        if (this.#disconnectedOnPageHideAt === this.#connectClock) {
          this.#disconnectedOnPageHideAt = null;
          this.connect();
        }
      },
      visibilityChanged: () => this.#visibilityChanged(),
    });
  }

  /** The URL the next connection opens: endpoint + `/websocket` + params + `vsn=2.0.0`. */
  endPointURL(): string {
    return buildEndpointUrl(this.#endpoint, this.#options.params());
  }

  /** Opens the connection. Does nothing while a connection is open, opening or reconnecting. */
  connect(): void {
    if (this.#connection && !this.#connection.ended) return;
    this.#transportConnect();
  }

  /**
   * Closes the connection and stops reconnecting. `callback` runs once the transport has
   * closed (or after at most about 1.5 s of waiting for it).
   */
  disconnect(callback?: () => void, code?: number, reason?: string): void {
    this.#connectClock++;
    this.#closeWasClean = true;
    this.#reconnectTimer.reset();
    if (this.#connection) this.#connection.ended = true;
    this.#teardown(callback && (() => invokeUserCallback("socket.disconnect callback", callback)), code, reason);
  }

  /** Called each time a connection opens. Returns a ref for `off`. */
  onOpen(callback: () => void): string {
    return this.#register("open", () => invokeUserCallback("socket.onOpen callback", callback));
  }

  /** Called each time a connection closes, with the transport's close event. */
  onClose(callback: (event: TransportCloseEvent) => void): string {
    return this.#register("close", (event) => invokeUserCallback("socket.onClose callback", callback, event));
  }

  /** Called when the transport reports an error (e.g. the server is unreachable). */
  onError(callback: SocketErrorCallback): string {
    return this.#register("error", (error, transport, established) =>
      invokeUserCallback("socket.onError callback", callback, error, transport, established),
    );
  }

  /** Called with every decoded message, after the channels have seen it. */
  onMessage(callback: (message: SocketMessage) => void): string {
    return this.#register("message", (message) => invokeUserCallback("socket.onMessage callback", callback, message));
  }

  /** Removes `onOpen`/`onClose`/`onError`/`onMessage` registrations by ref. */
  off(refs: readonly string[]): void {
    this.#stateCallbacks.remove(refs);
  }

  connectionState(): SocketState {
    switch (this.#connection?.transport.readyState) {
      case ReadyState.connecting:
        return "connecting";
      case ReadyState.open:
        return "open";
      case ReadyState.closing:
        return "closing";
      default:
        return "closed";
    }
  }

  isConnected(): boolean {
    return this.connectionState() === "open";
  }

  /** A channel for `topic`; call `join()` on it. */
  channel(topic: string, params: ChannelParams = {}): Channel {
    const channel = new Channel(topic, params, this, this.#channelLink);
    this.#channels.add(channel);
    return channel;
  }

  /** The next message ref: increasing decimal strings, shared by all channels of this socket. */
  makeRef(): string {
    this.#lastRef = this.#lastRef >= Number.MAX_SAFE_INTEGER ? 0 : this.#lastRef + 1;
    return String(this.#lastRef);
  }

  /**
   * Sends a heartbeat and calls `callback` with the round trip in ms when the reply arrives.
   * Returns false (and sends nothing) when not connected.
   */
  ping(callback: (roundTripMs: number) => void): boolean {
    const connection = this.#connection;
    if (!connection || !this.isConnected()) return false;
    const ref = this.makeRef();
    const startedAt = Date.now();
    connection.pendingPings.set(ref, () => invokeUserCallback("socket.ping callback", callback, Date.now() - startedAt));
    this.#outbox.push(heartbeatMessage(ref));
    return true;
  }

  hasLogger(): boolean {
    return this.#options.logger !== undefined;
  }

  /** Logs through the `logger` option, if any. Check `hasLogger()` before building costly messages. */
  log(kind: LogKind, message: string, data?: unknown): void {
    const logger = this.#options.logger;
    if (logger) invokeUserCallback("socket logger", logger, kind, message, data);
  }

  // ---- connection lifecycle ------------------------------------------------------------------

  readonly #connectionDelegate: ConnectionDelegate = {
    isCurrentConnection: (connection) => this.#connection === connection,
    connectionOpened: () => this.#connectionOpened(),
    connectionErrored: (error) => this.#connectionErrored(error),
    messageReceived: (event) => this.#messageReceived(event),
    connectionClosed: (event) => this.#connectionClosed(event),
  };

  #transportConnect(): void {
    const url = this.endPointURL();
    const authToken = this.#options.authToken;
    const protocols = authToken ? authTokenSubprotocols(authToken()) : undefined;
    const previous = this.#connection;
    this.#connectClock++;
    this.#closeWasClean = false;
    // Keep the reconnect tries: they only reset once a connection opens.
    this.#reconnectTimer.cancelPending();
    const transport = new this.#options.transport(url, protocols);
    transport.binaryType = "arraybuffer";
    this.#connection = new Connection(transport, this.#connectionDelegate);
    // An ended connection may still be draining; its channels rejoin on the new one.
    if (previous?.isOpen()) this.#erroredChannels("connection_closed", previous);
  }

  #connectionOpened(): void {
    if (this.hasLogger()) this.log("transport", `connected to ${this.endPointURL()}`);
    this.#closeWasClean = false;
    this.#establishedConnections++;
    this.#outbox.flush();
    this.#reconnectTimer.reset();
    this.#heartbeat.start();
    this.#stateCallbacks.emit("open");
  }

  #connectionClosed(event: TransportCloseEvent): void {
    const connection = this.#connection;
    if (this.hasLogger()) this.log("transport", "close", event);
    this.#heartbeat.stop();
    // We close a connection only to disconnect or to reconnect, and that code schedules what
    // follows. Any other close is reconnected, whatever its code: servers and proxies use 1000 too.
    const closedByUs = connection?.closing ?? false;
    this.#erroredChannels("connection_closed", connection);
    if (this.#stillUses(connection) && !closedByUs && !this.#closeWasClean) this.#reconnectTimer.schedule();
    this.#stateCallbacks.emit("close", event);
  }

  #connectionErrored(error: unknown): void {
    const connection = this.#connection;
    if (this.hasLogger()) this.log("transport", "error", error);
    const established = this.#establishedConnections;
    this.#stateCallbacks.emit("error", error, this.#options.transport, established);
    this.#erroredChannels("connection_error", connection);
  }

  #heartbeatTimedOut(): void {
    const connection = this.#connection;
    if (this.hasLogger()) this.log("transport", "heartbeat timeout; reconnecting");
    this.#closeWasClean = false;
    // The connection is presumed dead: close it now rather than wait for its buffer to drain.
    connection?.close(CloseCode.normal, "heartbeat timeout");
    // Close events and channel error callbacks may connect or disconnect, which wins over reconnecting.
    if (!this.#stillUses(connection)) return;
    this.#erroredChannels("heartbeat_timeout");
    if (!this.#stillUses(connection)) return;
    this.#teardownAndReconnect(() => this.#reconnectTimer.schedule());
  }

  #visibilityChanged(): void {
    if (isPageHidden()) {
      this.#connectionOpenedOnPageShow = null;
      return;
    }
    // `resume` and `visibilitychange` can both fire; keep the connection the first one opened.
    const connection = this.#connection;
    if (connection && connection === this.#connectionOpenedOnPageShow && connection.isConnecting()) return;
    if (!this.isConnected() && !this.#closeWasClean) {
      this.#reconnectTimer.reset();
      this.#teardownAndReconnect(() => {
        this.connect();
        this.#connectionOpenedOnPageShow = this.#connection;
      });
    }
  }

  /** Tears down the current connection, then reconnects unless a connect or disconnect overtook us. */
  #teardownAndReconnect(reconnect: () => void): void {
    const connection = this.#connection;
    const clock = this.#connectClock;
    this.#teardown(() => {
      if (clock !== this.#connectClock || connection?.ended) return;
      reconnect();
    });
  }

  #teardown(callback?: () => void, code?: number, reason?: string): void {
    const connection = this.#connection;
    if (!connection) {
      callback?.();
      return;
    }
    // A late close event would not stop the heartbeat, and its timeout would reconnect.
    this.#heartbeat.stop();
    connection.afterBufferDrained(() => {
      // A connection we closed already (heartbeat timeout, overlapping teardown) errored its channels then.
      if (!connection.closing) {
        const wasOpened = !connection.isConnecting();
        connection.close(code, reason);
        if (wasOpened) this.#erroredChannels("connection_closed", connection);
      }
      connection.afterClosed(() => {
        if (this.#connection === connection) this.#connection = null;
        callback?.();
      });
    });
  }

  /** Whether the socket still uses `connection`: user callbacks may have connected or disconnected. */
  #stillUses(connection: Connection | null): boolean {
    return this.#connection === connection && !connection?.ended;
  }

  /** Errors the channels whose join `connection` carried and lost (see `SocketChannels.errorLostJoins`). */
  #erroredChannels(reason: ChannelErrorReason, connection: Connection | null = this.#connection): void {
    this.#channels.errorLostJoins(reason, connection, () => this.#connection);
  }

  // ---- channels and receiving ------------------------------------------------------------------

  readonly #channelLink: SocketLink = {
    timeoutMs: () => this.#options.timeoutMs,
    rejoinAfterMs: (tries) => this.#options.rejoinAfterMs(tries),
    send: (message, channel) => this.#outbox.push(message, channel),
    removeChannel: (channel, socketCallbackRefs) => {
      this.off(socketCallbackRefs);
      this.#channels.remove(channel);
    },
    leaveOtherChannelsOnTopic: (topic, keep) => {
      const duplicate = this.#channels.otherJoinOnTopic(topic, keep);
      if (!duplicate) return;
      if (this.hasLogger()) this.log("transport", `leaving duplicate topic "${topic}"`);
      duplicate.leave();
    },
  };

  #sendHeartbeat(): string {
    const ref = this.makeRef();
    this.#outbox.push(heartbeatMessage(ref));
    return ref;
  }

  #messageReceived(event: TransportMessageEvent): void {
    const connection = this.#connection;
    const decoded = decodeIncomingData(event.data);
    if (!decoded.ok) {
      if (this.hasLogger()) this.log("receive", `dropping a frame that is not Phoenix V2: ${decoded.error.message}`, event.data);
      const onUndecodableFrame = this.#options.onUndecodableFrame;
      if (onUndecodableFrame !== undefined) invokeUserCallback("onUndecodableFrame", onUndecodableFrame, decoded.error, event.data);
      return;
    }
    const message = decoded.value;
    const { topic, event: name, payload, ref } = message;
    this.#heartbeat.acknowledge(ref);
    if (this.hasLogger()) {
      const status = "status" in payload && typeof payload.status === "string" ? payload.status : "";
      this.log("receive", `${status} ${topic} ${name} ${ref === null ? "" : `(${ref})`}`, payload);
    }
    this.#channels.deliver(message);
    this.#stateCallbacks.emit("message", message);
    if (ref === null || !connection) return;
    const ping = connection.pendingPings.get(ref);
    if (!ping) return;
    connection.pendingPings.delete(ref);
    ping();
  }

  #register<Kind extends SocketStateKind>(kind: Kind, callback: CallbackSignatures[Kind]): string {
    const ref = this.makeRef();
    this.#stateCallbacks.add(kind, ref, callback);
    return ref;
  }
}

/** `[null, ref, "phoenix", "heartbeat", {}]`: heartbeats and pings are the same message. */
function heartbeatMessage(ref: string): OutgoingMessage {
  return { topic: PHOENIX_TOPIC, event: ChannelEvent.heartbeat, payload: {}, ref, joinRef: null };
}
