import { WebSocket } from "ws";
import { Socket, type Channel, type SocketConnectOption } from "phoenix";
import { channelClients } from "./channel-clients.js";
import type { ChannelServer } from "./channel-server.js";

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
  return channelClients((endpoint, options: OfficialSocketOptions = {}) => new Socket(endpoint, { transport: WebSocket, ...options }), currentServer);
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
