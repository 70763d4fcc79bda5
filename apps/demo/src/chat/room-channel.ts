import { defineChannel, error, ok, type Presence } from "@cinder/server";
import type { UserStore } from "../users.js";
import { readMessageBody, type ChatMessage } from "./chat-message.js";
import type { OnlineMeta } from "./online-users.js";
import type { ChatSocketAssigns } from "./user-socket.js";

export const LOBBY_TOPIC = "room:lobby";
export const ROOM_101_TOPIC = "room:101";
/** Only this user may enter room 101 (the seed's example of channel authorisation). */
export const ROOM_101_ONLY_USER = "Winston Smith";

/** Sent to itself by a channel that has just joined (Phoenix's `send(self(), :after_join)`). */
const AFTER_JOIN = Symbol("after join");

/**
 * `room:*`: authentication happened in the socket's `connect`; here each topic is authorised.
 * Everyone may join the lobby, only Winston Smith room 101, nobody any other room.
 *
 * Once joined, the channel pushes who is in the room (`presence_state`) and tracks its user, so
 * every member's page lists them until this channel ends (leave, closed tab, crash). That
 * happens after the join, not inside it: the channel then already receives the room's
 * broadcasts, so no `presence_diff` can slip between the state and the first diff.
 */
export function createRoomChannel(users: UserStore, presence: Presence<OnlineMeta>) {
  return defineChannel<ChatSocketAssigns>({
    join(topic, _payload, socket) {
      const user = users.find(socket.assigns.userId);
      if (!user) return error({ reason: "unauthorized" });
      if (topic !== LOBBY_TOPIC && topic !== ROOM_101_TOPIC) return error({ reason: "unknown_room" });
      if (topic === ROOM_101_TOPIC && user.name !== ROOM_101_ONLY_USER) return error({ reason: "unauthorized" });
      socket.sendAfter(0, AFTER_JOIN);
      return ok();
    },

    async handleInfo(message, socket) {
      if (message !== AFTER_JOIN) return;
      const user = users.find(socket.assigns.userId);
      if (!user) return;
      presence.pushState(socket);
      await presence.track(socket, user.id, { name: user.name });
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
