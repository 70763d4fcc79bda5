import { afterEach, beforeEach, vi } from "vitest";
import { Socket, type Channel, type SocketOptions } from "@cinder/client";
import { FakeWebSocket, allTextFrames, lastTransport, resetTransports, textFramesOf, type SentFrame } from "./fake-websocket.js";

export { lastTransport, resetTransports, type SentFrame } from "./fake-websocket.js";

/**
 * Registers what every Socket/Channel test needs: fresh transports before each test (and fake
 * timers, if asked), and afterwards every socket disconnected, real timers and unstubbed globals.
 */
export function setupChannelTests({ fakeTimers }: { fakeTimers: boolean }): void {
  beforeEach(() => {
    resetTransports();
    if (fakeTimers) vi.useFakeTimers();
  });
  afterEach(() => {
    disconnectSockets();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}

export function sentFrames(transport: FakeWebSocket = lastTransport()): SentFrame[] {
  return textFramesOf(transport);
}

/** The frames sent with `event`, across all transports the socket opened so far. */
export function framesWithEvent(event: string): SentFrame[] {
  return allTextFrames().filter((frame) => frame[3] === event);
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

/** A channel on a connected socket whose join the server has accepted. */
export function joinedChannel(topic = "room:1", params = {}): { socket: Socket; transport: FakeWebSocket; channel: Channel } {
  const { socket, transport } = connectedSocket();
  const channel = socket.channel(topic, params);
  channel.join();
  reply(transport, lastJoin(topic), "ok");
  return { socket, transport, channel };
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
