import { js, type Payload } from "@cinder/protocol";
import { Broadcast, defineLiveView, html, keyed, type Presence } from "@cinder/server";
import { readChatMessage } from "../chat/chat-message-reader.js";
import { MAX_MESSAGE_LENGTH, readMessageBody, type ChatMessage, type MessageRefusal } from "../chat/chat-message.js";
import { onlineUsers, sameOnlineUsers, type OnlineMeta, type OnlineUser } from "../chat/online-users.js";
import { LOBBY_TOPIC } from "../chat/room-channel.js";
import type { SignedInAssigns } from "./current-user.js";
import { flashMessages } from "./flash-messages.js";

/** The newest messages the view keeps; older ones leave the page. */
const KEPT_MESSAGES = 100;

interface ShownMessage extends ChatMessage {
  readonly id: number;
}

interface ChatLiveAssigns extends SignedInAssigns {
  messages: readonly ShownMessage[];
  lastMessageId: number;
  /** Counts sent messages; part of the composer's id, so each send renders a fresh, empty form. */
  sent: number;
  refusal: MessageRefusal | undefined;
  /** Who is in the lobby, on the channel page or here. */
  online: readonly OnlineUser[];
}

interface ChatLiveEvents {
  send: { body?: string };
}

const REFUSAL_TEXT: Record<MessageRefusal, string> = {
  body_not_text: "That message could not be read.",
  empty_message: "Write something first.",
  message_too_long: `Messages are at most ${MAX_MESSAGE_LENGTH} characters.`,
};

// The composer is a new element after each send (see `sent`): focus its input as it appears.
const focusComposer = js().focus();

/** `hh:mm:ss` of an ISO time, as the server sees it (UTC). */
function clockTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? "" : time.toISOString().slice(11, 19);
}

/**
 * `/chat-live` — the lobby of the channel chat, rendered by a LiveView. The view subscribes to
 * the topic the room channel broadcasts on, so messages sent from the channel page arrive in
 * `handleInfo`; messages sent here are broadcast on that topic, so both pages show both.
 *
 * It lists who is in the lobby from the same Presence as the channel page, and is listed there
 * itself: once connected, it tracks its user on the lobby's topic (a view has no topic of its
 * own) until the view ends, and re-reads the list on every `presence_diff` of that topic.
 *
 * `broadcast` is `app.cinder.broadcast`: the same broadcast a channel's `socket.broadcast` makes.
 */
export function createChatLive(broadcast: (topic: string, event: string, payload: Payload) => Promise<void>, presence: Presence<OnlineMeta>) {
  return defineLiveView<ChatLiveAssigns, ChatLiveEvents, unknown>({
    name: "ChatLive",
    async mount(_params, _session, socket) {
      socket.assign({ messages: [], lastMessageId: 0, sent: 0, refusal: undefined, online: onlineUsers(presence.list(LOBBY_TOPIC)) });
      socket.pageTitle("Live chat");
      if (!socket.connected) return;
      await socket.subscribe(LOBBY_TOPIC);
      const user = socket.assigns.currentUser;
      await presence.track(socket, LOBBY_TOPIC, user.id, { name: user.name });
      socket.assign({ online: onlineUsers(presence.list(LOBBY_TOPIC)) });
    },
    handleEvent: {
      async send(value, socket) {
        const body = readMessageBody({ body: value.body ?? null });
        if (!body.ok) {
          socket.assign({ refusal: body.reason });
          return;
        }
        const message: ChatMessage = { body: body.body, user: socket.assigns.currentUser.name, sentAt: new Date().toISOString() };
        // The view shows the message when the broadcast comes back to it, like every other reader.
        await broadcast(LOBBY_TOPIC, "new_msg", message);
        socket.assign({ refusal: undefined, sent: socket.assigns.sent + 1 });
      },
    },
    handleInfo(message, socket) {
      if (!(message instanceof Broadcast)) return;
      if (message.event === "presence_diff") {
        const online = onlineUsers(presence.list(LOBBY_TOPIC));
        if (!sameOnlineUsers(online, socket.assigns.online)) socket.assign({ online });
        return;
      }
      if (message.event !== "new_msg") return;
      const chatMessage = readChatMessage(message.payload);
      if (chatMessage === undefined) return;
      const id = socket.assigns.lastMessageId + 1;
      socket.assign({ lastMessageId: id, messages: [...socket.assigns.messages, { ...chatMessage, id }].slice(-KEPT_MESSAGES) });
    },
    render: (assigns) => html`<main>
    ${flashMessages(assigns.flash)}
    <section class="card">
      <h1>Live chat <small class="hint">#lobby, rendered by a LiveView</small></h1>
      <p class="hint">The same room as the <a href="/">channel chat</a>: messages written on either page appear on both.</p>
      <div class="online"><span class="hint">Online</span>
        <ul id="live-online" aria-label="Online">${keyed(
          assigns.online,
          (user) => user.id,
          (user) => html`<li class=${[user.id === assigns.currentUser.id && "me"]}>${user.name}</li>`,
        )}</ul>
      </div>
      <ol id="live-messages" class="messages" aria-label="Messages">
        ${keyed(
          assigns.messages,
          (message) => message.id,
          (message) => html`<li id=${`live-message-${message.id}`} class=${[message.user === assigns.currentUser.name && "mine"]}>
            <time datetime=${message.sentAt} title="UTC">${clockTime(message.sentAt)}</time><span class="author">${message.user}</span><span class="body">${message.body}</span>
          </li>`,
        )}
      </ol>
      <form id=${`live-composer-${assigns.sent}`} class="composer" phx-submit="send" autocomplete="off">
        <input id="live-chat-input" name="body" aria-label="Message" placeholder="Say something…" maxlength=${MAX_MESSAGE_LENGTH}
          phx-mounted=${focusComposer}>
        <button type="submit">Send</button>
      </form>
      ${assigns.refusal !== undefined ? html`<p class="error-text" role="alert" id="live-chat-refusal">${REFUSAL_TEXT[assigns.refusal]}</p>` : ""}
    </section>
  </main>`,
  });
}
