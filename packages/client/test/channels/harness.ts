import { Socket, type SocketOptions } from "@cinder/client";
import { FakeWebSocket } from "./fake-websocket.js";

/** A text frame the client sent, as its five positions. */
export type SentFrame = [joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown];

export function lastTransport(): FakeWebSocket {
  const transport = FakeWebSocket.created.at(-1);
  if (!transport) throw new Error("the socket has not opened a transport");
  return transport;
}

export function sentFrames(transport: FakeWebSocket = lastTransport()): SentFrame[] {
  return transport.sent.filter((data): data is string => typeof data === "string").map((text) => JSON.parse(text) as SentFrame);
}

/** The frames sent with `event`, across all transports the socket opened so far. */
export function framesWithEvent(event: string): SentFrame[] {
  return FakeWebSocket.created.flatMap((transport) => sentFrames(transport)).filter((frame) => frame[3] === event);
}

const liveSockets: Socket[] = [];

export function newSocket(options: SocketOptions = {}): Socket {
  const socket = new Socket("ws://example.test/socket", { transport: FakeWebSocket, ...options });
  liveSockets.push(socket);
  return socket;
}

/**
 * Disconnects every socket a test made, so that none of them reacts to the page events
 * (pagehide, visibilitychange) later tests dispatch on the shared window.
 */
export function disconnectSockets(): void {
  for (const socket of liveSockets.splice(0)) socket.disconnect();
}

/** A socket whose transport is open. */
export function connectedSocket(options: SocketOptions = {}): { socket: Socket; transport: FakeWebSocket } {
  const socket = newSocket(options);
  socket.connect();
  const transport = lastTransport();
  transport.serverOpen();
  return { socket, transport };
}

export function reply(
  transport: FakeWebSocket,
  frame: SentFrame,
  status: string,
  response: object = {},
  joinRef: string | null = frame[0],
): void {
  transport.serverSend(JSON.stringify([joinRef, frame[1], frame[2], "phx_reply", { status, response }]));
}

/** The join frame most recently sent for `topic`. */
export function lastJoin(topic: string, transport: FakeWebSocket = lastTransport()): SentFrame {
  const join = sentFrames(transport).filter((frame) => frame[3] === "phx_join" && frame[2] === topic).at(-1);
  if (!join) throw new Error(`no phx_join for ${topic} was sent`);
  return join;
}

export function resetTransports(): void {
  FakeWebSocket.created.length = 0;
}
