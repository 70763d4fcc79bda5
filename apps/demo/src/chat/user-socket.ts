import { defineSocket, verify } from "@cinder/server";
import type { UserStore } from "../users.js";
import { createRoomChannel } from "./room-channel.js";

/** The salt of the user token rendered into the page and checked on connect. */
export const USER_SOCKET_SALT = "user socket";
/** Two weeks, in seconds, as in the seed: an open tab keeps reconnecting for that long. */
export const USER_TOKEN_MAX_AGE_SECONDS = 1_209_600;

/** The socket id naming every socket of one user; broadcasting `disconnect` to it closes them all. */
export function userSocketId(userId: string): string {
  return `user_socket:${userId}`;
}

export interface ChatSocketAssigns {
  userId: string;
}

/**
 * Authentication for every channel of the page: the token in the connect params must be a user
 * token we signed for a user we know. `id` names all sockets of one user (`user_socket:<id>`).
 */
export function createUserSocket(options: { secretKeyBase: string; users: UserStore }) {
  return defineSocket<ChatSocketAssigns>({
    connect(params, socket) {
      const token = verify(options.secretKeyBase, USER_SOCKET_SALT, params["token"], { maxAge: USER_TOKEN_MAX_AGE_SECONDS });
      if (!token.ok || !options.users.find(token.data)) return false;
      socket.assign({ userId: token.data as string });
      return true;
    },
    id: (socket) => userSocketId(socket.assigns.userId),
    channels: { "room:*": createRoomChannel(options.users) },
  });
}
