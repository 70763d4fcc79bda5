import { defineChannel, error, ok } from "@cinder/server";
import type { UserStore } from "../users.js";
import { readMessageBody, type ChatMessage } from "./chat-message.js";
import type { ChatSocketAssigns } from "./user-socket.js";

export const LOBBY_TOPIC = "room:lobby";
export const ROOM_101_TOPIC = "room:101";
/** Only this user may enter room 101 (the seed's example of channel authorisation). */
export const ROOM_101_ONLY_USER = "Winston Smith";

/**
 * `room:*`: authentication happened in the socket's `connect`; here each topic is authorised.
 * Everyone may join the lobby, only Winston Smith room 101, nobody any other room.
 */
export function createRoomChannel(users: UserStore) {
  return defineChannel<ChatSocketAssigns>({
    join(topic, _payload, socket) {
      const user = users.find(socket.assigns.userId);
      if (!user) return error({ reason: "unauthorized" });
      if (topic === LOBBY_TOPIC) return ok();
      if (topic === ROOM_101_TOPIC) return user.name === ROOM_101_ONLY_USER ? ok() : error({ reason: "unauthorized" });
      return error({ reason: "unknown_room" });
    },

    async handleIn(event, payload, socket) {
      if (event !== "new_msg") return error({ reason: "unknown_event" });
      const user = users.find(socket.assigns.userId);
      if (!user) return error({ reason: "unauthorized" });
      const body = readMessageBody(payload);
      if (!body.ok) return error({ reason: body.reason });
      const message: ChatMessage = { body: body.body, user: user.name, sentAt: new Date().toISOString() };
      await socket.broadcast("new_msg", message);
      return ok();
    },
  });
}
