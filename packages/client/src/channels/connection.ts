import { ReadyState, type TransportCloseEvent, type TransportMessageEvent, type WebSocketLike } from "./transport.js";

/** Whom a connection reports its transport's events to: the socket. */
export interface ConnectionDelegate {
  /** Events of a connection the socket has replaced or given up on are ignored. */
  isCurrentConnection(connection: Connection): boolean;
  connectionOpened(): void;
  connectionErrored(error: unknown): void;
  messageReceived(event: TransportMessageEvent): void;
  connectionClosed(event: TransportCloseEvent): void;
}

/**
 * One transport instance and everything that belongs to it alone, so that nothing about an old
 * connection can leak into the next: a replaced connection may still emit events while it
 * closes, and those no longer concern the socket.
 */
export class Connection {
  readonly transport: WebSocketLike;
  /**
   * The join_ref of each channel whose join went out over this connection. When the connection
   * stops being open, only those joins are lost; a channel that already rejoined elsewhere is not.
   */
  readonly #carriedJoins = new WeakMap<object, string>();
  /** Ping callbacks by ref: their replies can only arrive over this connection. */
  readonly pendingPings = new Map<string, () => void>();
  /** Set when the client closes the transport; its close event then only confirms our close. */
  closing = false;
  /** Set when the socket no longer wants this connection, so `connect()` opens a new one. */
  ended = false;
  /** Set once the channels were errored because this connection stopped being open. */
  channelsErrored = false;
  #closeHandled = false;

  constructor(transport: WebSocketLike, delegate: ConnectionDelegate) {
    this.transport = transport;
    transport.onopen = () => {
      if (delegate.isCurrentConnection(this)) delegate.connectionOpened();
    };
    transport.onerror = (error: unknown) => {
      if (delegate.isCurrentConnection(this)) delegate.connectionErrored(error);
    };
    transport.onmessage = (event: TransportMessageEvent) => {
      if (delegate.isCurrentConnection(this)) delegate.messageReceived(event);
    };
    transport.onclose = (event: TransportCloseEvent) => {
      if (this.#closeHandled || !delegate.isCurrentConnection(this)) return;
      this.#closeHandled = true;
      delegate.connectionClosed(event);
    };
  }

  isOpen(): boolean {
    return this.transport.readyState === ReadyState.open;
  }

  isConnecting(): boolean {
    return this.transport.readyState === ReadyState.connecting;
  }

  recordJoin(channel: object, joinRef: string): void {
    this.#carriedJoins.set(channel, joinRef);
  }

  /** Whether the channel's join with this join_ref went out over this connection. */
  carried(channel: object, joinRef: string | null): boolean {
    return joinRef !== null && this.#carriedJoins.get(channel) === joinRef;
  }

  /**
   * Calls `done` once the transport has sent what it buffered, or is no longer open. Gives up
   * waiting after about 1.5 s: a teardown must finish even on a stuck transport.
   */
  afterBufferDrained(done: () => void): void {
    pollUntil(() => !this.transport.bufferedAmount || this.transport.readyState !== ReadyState.open, done);
  }

  /** Calls `done` once the transport is closed, giving up waiting after about 1.5 s. */
  afterClosed(done: () => void): void {
    pollUntil(() => this.transport.readyState === ReadyState.closed, done);
  }

  close(code?: number, reason?: string): void {
    this.closing = true;
    // Closing a transport that is still connecting makes it emit an error that we caused.
    this.transport.onerror = () => {};
    if (code) this.transport.close(code, reason ?? "");
    else this.transport.close();
  }
}

/** Checks now, then at 150, 300, 450 and 600 ms, then calls `done` whatever the condition says. */
function pollUntil(condition: () => boolean, done: () => void, attempt = 1): void {
  if (attempt === 5 || condition()) {
    done();
    return;
  }
  setTimeout(() => pollUntil(condition, done, attempt + 1), 150 * attempt);
}
