import { expect } from "vitest";
import { WebSocket } from "ws";
import { Socket, type Channel, type SocketConnectOption } from "phoenix";
import type { ChannelServer } from "./channel-server.js";
import { pushResult } from "./push-result.js";

/*
 * The official `phoenix` 1.8.16 client, run in Node against a Cinder server.
 *
 * Node needs no globals for it: `phoenix` reads `window`/`document` only through
 * `typeof window !== "undefined"` guards (no page lifecycle listeners, page never "hidden"),
 * reads `sessionStorage` only for the long-poll fallback (`undefined` here, guarded, and unused
 * without `longPollFallbackMs`), and reads `location` only to complete a relative endpoint — so
 * every socket gets an absolute `ws://127.0.0.1:<port>/socket` endpoint and the `ws` package's
 * WebSocket as its transport. `btoa`, `TextEncoder` and `TextDecoder` are Node globals.
 */

export type OfficialSocketOptions = Partial<SocketConnectOption>;

/**
 * Official-client sockets against one test server, all disconnected by `disconnectAll()` (call it
 * in `afterEach`).
 *
 * @example
 * ```ts
 * const clients = officialClients(() => server);
 * const channel = await clients.joined(await clients.connectedSocket(), "room:lobby");
 * afterEach(() => clients.disconnectAll());
 * ```
 */
export function officialClients(currentServer: () => ChannelServer) {
  const sockets: Socket[] = [];

  function newSocket(options: OfficialSocketOptions = {}): Socket {
    const socket = new Socket(currentServer().socketUrl(), { transport: WebSocket, ...options });
    sockets.push(socket);
    return socket;
  }

  async function connectedSocket(options: OfficialSocketOptions = {}): Promise<Socket> {
    const socket = newSocket(options);
    const opened = nextOpen(socket);
    socket.connect();
    await opened;
    return socket;
  }

  async function joined(socket: Socket, topic: string, params: object = {}): Promise<Channel> {
    const channel = socket.channel(topic, params);
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
export function nextOpen(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const ref = socket.onOpen(() => {
      socket.off([ref]);
      resolve();
    });
  });
}

/** Resolves with the close event of the socket's next `onClose`. */
export function nextClose(socket: Socket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const ref = socket.onClose((event) => {
      socket.off([ref]);
      resolve({ code: event.code, reason: event.reason });
    });
  });
}

/** Resolves with the payload of the next `event` delivered to `channel.on(event)`. */
export function nextMessage<Payload = unknown>(channel: Channel, event: string): Promise<Payload> {
  return new Promise((resolve) => {
    const ref = channel.on(event, (payload) => {
      channel.off(event, ref);
      resolve(payload as Payload);
    });
  });
}

/**
 * The join_ref of the channel's current incarnation. `joinRef()` is a method of the official
 * Channel that its TypeScript typings (`@types/phoenix`) leave out.
 */
export function joinRefOf(channel: Channel): string {
  return (channel as unknown as { joinRef(): string }).joinRef();
}

/** The socket's current WebSocket (the official Socket's `conn`, also missing from the typings). */
export function transportOf(socket: Socket): WebSocket {
  return (socket as unknown as { conn: WebSocket }).conn;
}

/** Bytes of an ArrayBuffer as a plain array, for readable assertions. */
export function bytesOf(buffer: ArrayBuffer): number[] {
  return [...new Uint8Array(buffer)];
}
