import { defineSocket, verify, type Presence } from "@cinder/server";
import type { User, UserStore } from "../users.js";
import { sessionSocketId, type SessionStore } from "../web/session-store.js";
import type { OnlineMeta } from "./online-users.js";
import { createRoomChannel } from "./room-channel.js";

/** The salt of the user token rendered into the page and checked on connect. */
export const USER_SOCKET_SALT = "user socket";
/** Two weeks, in seconds, as in the seed; the session behind the token must be live as well. */
export const USER_TOKEN_MAX_AGE_SECONDS = 1_209_600;

export interface ChatSocketAssigns {
  userId: string;
  sessionId: string;
}

/**
 * The live session a user token names, and its user; `undefined` for a forged, stale or
 * malformed token and for a session that has ended (signed out) or expired.
 */
export function sessionOfUserToken(options: { secretKeyBase: string; sessions: SessionStore }, token: unknown): { sessionId: string; user: User } | undefined {
  const verified = verify(options.secretKeyBase, USER_SOCKET_SALT, token, { maxAge: USER_TOKEN_MAX_AGE_SECONDS });
  if (!verified.ok || typeof verified.data !== "string") return undefined;
  const user = options.sessions.userOf(verified.data);
  return user === undefined ? undefined : { sessionId: verified.data, user };
}

/**
 * Authentication for every channel of the page: the token in the connect params must be a user
 * token we signed, for a session that is still live — a signed-out session's token is refused
 * (403) however young it is. `id` names the socket after the session, like the `/live` socket of
 * the same browser (`sessionSocketId`), so sign-out's one `disconnect` broadcast closes both.
 */
export function createUserSocket(options: { secretKeyBase: string; users: UserStore; sessions: SessionStore; presence: Presence<OnlineMeta> }) {
  return defineSocket<ChatSocketAssigns>({
    connect(params, socket) {
      const session = sessionOfUserToken(options, params["token"]);
      if (session === undefined) return false;
      socket.assign({ userId: session.user.id, sessionId: session.sessionId });
      return true;
    },
    id: (socket) => sessionSocketId(socket.assigns.sessionId),
    channels: { "room:*": createRoomChannel(options.users, options.presence) },
  });
}
