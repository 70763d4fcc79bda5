import { expect } from "vitest";
import type { ChannelServer } from "./channel-server.js";
import { pushResult, type ReceivablePush } from "./push-result.js";

/*
 * Sockets and channels of either Phoenix-style client — the official `phoenix` client or Cinder's,
 * which has the same API by design — against a test server. The suites keep their scenarios
 * apart (each drives its own client); only this plumbing is shared.
 */

/** What these helpers use of a socket; the official Socket and Cinder's both have it. */
export interface ClientSocket {
  connect(): void;
  disconnect(callback?: () => void): void;
  onOpen(callback: () => void): string;
  onClose(callback: (event: { code: number; reason: string }) => void): string;
  off(refs: string[]): void;
  channel(topic: string, params?: object): { join(): ReceivablePush };
}

/** What `nextMessage` uses of a channel. */
export interface ClientChannel {
  on(event: string, callback: (payload: unknown) => void): number;
  off(event: string, ref?: number): void;
}

/**
 * Sockets made by `createSocket` against the current test server, all disconnected by
 * `disconnectAll()` (call it in `afterEach`).
 *
 * @example
 * ```ts
 * const clients = channelClients((endpoint, options?: SocketOptions) => new Socket(endpoint, { transport: WebSocket, ...options }), () => server);
 * const channel = await clients.joined(await clients.connectedSocket(), "room:lobby");
 * afterEach(() => clients.disconnectAll());
 * ```
 */
export function channelClients<Socket extends ClientSocket, Options>(
  createSocket: (endpoint: string, options?: Options) => Socket,
  currentServer: () => ChannelServer,
) {
  type ChannelOf = ReturnType<Socket["channel"]>;
  const sockets: Socket[] = [];

  function newSocket(options?: Options): Socket {
    const socket = createSocket(currentServer().socketUrl(), options);
    sockets.push(socket);
    return socket;
  }

  async function connectedSocket(options?: Options): Promise<Socket> {
    const socket = newSocket(options);
    const opened = nextOpen(socket);
    socket.connect();
    await opened;
    return socket;
  }

  /** A channel of `socket` on `topic`, joined: the join must be answered ok. */
  async function joined(socket: Socket, topic: string, params: object = {}): Promise<ChannelOf> {
    const channel = socket.channel(topic, params) as ChannelOf;
    const { status, response } = await pushResult(channel.join());
    expect({ status, response }).toMatchObject({ status: "ok" });
    return channel;
  }

  async function disconnectAll(): Promise<void> {
    await Promise.all(sockets.splice(0).map((socket) => new Promise<void>((resolve) => socket.disconnect(() => resolve()))));
  }

  return { newSocket, connectedSocket, joined, disconnectAll };
}

/** Resolves at the socket's next `onOpen`. */
export function nextOpen(socket: Pick<ClientSocket, "onOpen" | "off">): Promise<void> {
  return new Promise((resolve) => {
    const ref = socket.onOpen(() => {
      socket.off([ref]);
      resolve();
    });
  });
}

/** Resolves with the close event of the socket's next `onClose`. */
export function nextClose(socket: Pick<ClientSocket, "onClose" | "off">): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ref = socket.onClose((event) => {
      socket.off([ref]);
      resolve({ code: event.code, reason: event.reason });
    });
  });
}

/** Resolves with the payload of the next `event` delivered to `channel.on(event)`. */
export function nextMessage<Payload = unknown>(channel: ClientChannel, event: string): Promise<Payload> {
  return new Promise((resolve) => {
    const ref = channel.on(event, (payload) => {
      channel.off(event, ref);
      resolve(payload as Payload);
    });
  });
}

/** Bytes of an ArrayBuffer as a plain array, for readable assertions. */
export function bytesOf(buffer: ArrayBuffer): number[] {
  return [...new Uint8Array(buffer)];
}
