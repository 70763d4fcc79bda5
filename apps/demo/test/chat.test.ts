import { describe, expect, it } from "vitest";
import type { ChannelSocket, ConnectInfo, ConnectingSocket, Payload } from "@cinder/server";
import { Presence, sign } from "@cinder/server";
import { readMessageBody } from "../src/chat/chat-message.js";
import { createRoomChannel } from "../src/chat/room-channel.js";
import { createUserSocket, type ChatSocketAssigns } from "../src/chat/user-socket.js";
import { UserStore } from "../src/users.js";
import { SessionStore, sessionSocketId } from "../src/web/session-store.js";

const secretKeyBase = "demo-chat-test-secret-0123456789-abcdefghijklmn";

/**
 * The parts of a channel socket the room channel uses; broadcasts are recorded, and so are the
 * messages it sends itself (a joined channel schedules its presence for right after the join).
 */
function channelSocketFor(userId: string, topic = "room:lobby") {
  const broadcasts: Array<{ event: string; payload: Payload }> = [];
  const scheduled: unknown[] = [];
  const socket = {
    topic,
    joinRef: "1",
    socketId: `session_socket:${userId}`,
    assigns: { userId, sessionId: `session-of-${userId}` },
    broadcast: async (event: string, payload: Payload) => {
      broadcasts.push({ event, payload });
    },
    sendAfter: (_ms: number, message: unknown) => {
      scheduled.push(message);
      return () => {};
    },
  } as unknown as ChannelSocket<ChatSocketAssigns>;
  return { socket, broadcasts, scheduled };
}

function connectingSocket() {
  const assigns: Partial<ChatSocketAssigns> = {};
  const socket: ConnectingSocket<ChatSocketAssigns> = {
    get assigns() {
      return assigns as ChatSocketAssigns;
    },
    assign: (values) => Object.assign(assigns, values),
  };
  return socket;
}

const connectInfo = { headers: {}, remoteAddress: "127.0.0.1", origin: undefined, cookies: {}, authToken: undefined } satisfies ConnectInfo;

describe("RoomChannel join", () => {
  const users = new UserStore();
  const alice = users.signIn("Alice");
  const winston = users.signIn("Winston Smith");
  const channel = createRoomChannel(users, new Presence());

  it("lets anyone into the lobby, and only a joined channel goes on to track its user", async () => {
    const joined = channelSocketFor(alice.id);
    expect(await channel.join("room:lobby", {}, joined.socket)).toMatchObject({ status: "ok" });
    expect(joined.scheduled).toHaveLength(1);
    const refused = channelSocketFor(alice.id, "room:101");
    expect(await channel.join("room:101", {}, refused.socket)).toMatchObject({ status: "error" });
    expect(refused.scheduled).toEqual([]);
  });

  it("lets only Winston Smith into room 101", async () => {
    expect(await channel.join("room:101", {}, channelSocketFor(winston.id).socket)).toMatchObject({ status: "ok" });
    expect(await channel.join("room:101", {}, channelSocketFor(alice.id).socket)).toEqual({
      type: "reply",
      status: "error",
      response: { reason: "unauthorized" },
    });
  });

  it("refuses unknown rooms and unknown users", async () => {
    expect(await channel.join("room:102", {}, channelSocketFor(winston.id).socket)).toMatchObject({
      status: "error",
      response: { reason: "unknown_room" },
    });
    expect(await channel.join("room:lobby", {}, channelSocketFor("nobody").socket)).toMatchObject({ status: "error" });
  });
});

describe("RoomChannel new_msg", () => {
  const users = new UserStore();
  const alice = users.signIn("Alice");
  const channel = createRoomChannel(users, new Presence());

  it("broadcasts the trimmed body with the sender's name and a server timestamp", async () => {
    const { socket, broadcasts } = channelSocketFor(alice.id);
    const before = Date.now();
    expect(await channel.handleIn?.("new_msg", { body: "  hello  " }, socket)).toMatchObject({ status: "ok" });
    expect(broadcasts).toHaveLength(1);
    const [sent] = broadcasts;
    expect(sent?.event).toBe("new_msg");
    const payload = sent?.payload as { body: string; user: string; sentAt: string };
    expect(payload).toMatchObject({ body: "hello", user: "Alice" });
    expect(Date.parse(payload.sentAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it.each([
    ["an empty body", { body: "   " }, "empty_message"],
    ["a missing body", {}, "body_not_text"],
    ["a non-string body", { body: 42 }, "body_not_text"],
    ["an HTML object", { body: { html: "<b>" } }, "body_not_text"],
    ["a body over 2000 characters", { body: "x".repeat(2001) }, "message_too_long"],
  ])("refuses %s with a reason and broadcasts nothing", async (_label, payload, reason) => {
    const { socket, broadcasts } = channelSocketFor(alice.id);
    expect(await channel.handleIn?.("new_msg", payload as Payload, socket)).toMatchObject({ status: "error", response: { reason } });
    expect(broadcasts).toHaveLength(0);
  });

  it("refuses unknown events", async () => {
    const { socket } = channelSocketFor(alice.id);
    expect(await channel.handleIn?.("delete_everything", {}, socket)).toMatchObject({ status: "error", response: { reason: "unknown_event" } });
  });

  it("counts length in characters, not UTF-16 units", () => {
    expect(readMessageBody({ body: "🔥".repeat(2000) })).toEqual({ ok: true, body: "🔥".repeat(2000) });
  });
});

describe("UserSocket", () => {
  const users = new UserStore();
  const sessions = new SessionStore(users);
  const alice = users.signIn("Alice");
  const aliceSession = sessions.start(alice);
  const userSocket = createUserSocket({ secretKeyBase, users, sessions, presence: new Presence() });

  it("accepts a user token of a live session and names the socket after the session, not the user", async () => {
    const socket = connectingSocket();
    const token = sign(secretKeyBase, "user socket", aliceSession);
    expect(await userSocket.connect?.({ token }, socket, connectInfo)).toBe(true);
    expect(socket.assigns).toEqual({ userId: alice.id, sessionId: aliceSession });
    expect(userSocket.id?.(socket)).toBe(sessionSocketId(aliceSession));
    // Alice's other browser has its own session, hence its own socket id.
    const otherBrowser = connectingSocket();
    await userSocket.connect?.({ token: sign(secretKeyBase, "user socket", sessions.start(alice)) }, otherBrowser, connectInfo);
    expect(userSocket.id?.(otherBrowser)).not.toBe(userSocket.id?.(socket));
  });

  it("refuses the token of a session that was ended (signed out), however young the token", async () => {
    const session = sessions.start(alice);
    const token = sign(secretKeyBase, "user socket", session);
    expect(await userSocket.connect?.({ token }, connectingSocket(), connectInfo)).toBe(true);
    sessions.end(session);
    const socket = connectingSocket();
    expect(await userSocket.connect?.({ token }, socket, connectInfo)).toBe(false);
    expect(socket.assigns.userId).toBeUndefined();
  });

  it.each([
    ["no token", {}],
    ["a forged token", { token: sign("some-other-secret-0123456789-abcdefghijklmnop", "user socket", aliceSession) }],
    ["a token for another salt", { token: sign(secretKeyBase, "password reset", aliceSession) }],
    ["a token older than two weeks", { token: sign(secretKeyBase, "user socket", aliceSession, { signedAt: Date.now() - 1_209_601_000 }) }],
    ["a token of an unknown session", { token: sign(secretKeyBase, "user socket", "not-a-session") }],
    ["a token that carries a user id instead of a session id", { token: sign(secretKeyBase, "user socket", alice.id) }],
    ["a token whose data is not a string", { token: sign(secretKeyBase, "user socket", { sessionId: aliceSession }) }],
    ["a non-string token", { token: { nested: true } }],
  ])("refuses %s", async (_label, params) => {
    const socket = connectingSocket();
    expect(await userSocket.connect?.(params, socket, connectInfo)).toBe(false);
    expect(socket.assigns.userId).toBeUndefined();
  });

  it("accepts a two-week-old token that was signed for one day (verify's max age wins)", async () => {
    const token = sign(secretKeyBase, "user socket", aliceSession, { signedAt: Date.now() - 13 * 86_400_000 });
    expect(await userSocket.connect?.({ token }, connectingSocket(), connectInfo)).toBe(true);
  });
});
