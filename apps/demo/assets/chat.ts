/*
 * The chat page's browser script (bundled by the demo server at start, see
 * src/web/browser-bundles.ts). It drives the markup of src/pages/chat-page.ts with Cinder's
 * Phoenix-compatible client, as in the seed: the token the layout put in `window.userToken`
 * authenticates the socket, and each room is a channel.
 */
import { Presence, Socket, type Channel } from "@cinder/client";

declare global {
  interface Window {
    userToken?: string;
    currentUser?: { id: string; name: string };
  }
}

interface ShownMessage {
  body: string;
  user: string;
  sentAt: string;
}

type StatusState = "connecting" | "joining" | "joined" | "refused" | "error";

const roomLabels: Record<string, string> = { "room:lobby": "#lobby", "room:101": "#101" };

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`chat page is missing ${selector}`);
  return found;
}

const status = element<HTMLParagraphElement>("#status");
const online = element<HTMLUListElement>("#online");
const messages = element<HTMLOListElement>("#messages");
const composer = element<HTMLFormElement>("#composer");
const input = element<HTMLInputElement>("#chat-input");
const sendButton = element<HTMLButtonElement>("#composer button");
const roomButtons = [...document.querySelectorAll<HTMLButtonElement>(".rooms button[data-topic]")];

function showStatus(state: StatusState, text: string): void {
  status.dataset["state"] = state;
  status.setAttribute("role", state === "refused" || state === "error" ? "alert" : "status");
  status.textContent = text;
}

function setComposerEnabled(enabled: boolean): void {
  input.disabled = !enabled;
  sendButton.disabled = !enabled;
  if (enabled) input.focus();
}

function asShownMessage(payload: unknown): ShownMessage | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const { body, user, sentAt } = payload as Record<string, unknown>;
  if (typeof body !== "string" || typeof user !== "string" || typeof sentAt !== "string") return undefined;
  return { body, user, sentAt };
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** Messages are text: every field goes through textContent, never through HTML parsing. */
function appendMessage(message: ShownMessage): void {
  const item = document.createElement("li");
  item.className = message.user === window.currentUser?.name ? "message mine" : "message";
  const time = document.createElement("time");
  const sentAt = new Date(message.sentAt);
  time.dateTime = message.sentAt;
  time.textContent = Number.isNaN(sentAt.getTime()) ? "--:--:--" : timeFormat.format(sentAt);
  const author = document.createElement("span");
  author.className = "author";
  author.textContent = message.user;
  const body = document.createElement("span");
  body.className = "body";
  body.textContent = message.body;
  item.append(time, author, body);
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
}

/** What the room channel tracks about each user (src/chat/online-users.ts). */
interface OnlineMeta {
  name: string;
}

/** One item per user in the room, by name; names are text, never HTML. */
function showOnline(presence: Presence<OnlineMeta>): void {
  const people = presence
    .list((id, { metas }) => ({ id, name: metas[0]?.name ?? "" }))
    .sort((left, right) => left.name.localeCompare(right.name) || left.id.localeCompare(right.id));
  online.replaceChildren(
    ...people.map((person) => {
      const item = document.createElement("li");
      item.textContent = person.name;
      if (person.id === window.currentUser?.id) item.className = "me";
      return item;
    }),
  );
}

function reasonOf(response: unknown): string {
  const reason = typeof response === "object" && response !== null ? (response as { reason?: unknown }).reason : undefined;
  return typeof reason === "string" ? reason : "unknown error";
}

const socket = new Socket("/socket", { params: { token: window.userToken ?? "" } });
socket.onError(() => {
  showStatus("error", "Connection lost — reconnecting…");
  setComposerEnabled(false);
});

/*
 * Signing out (in any tab) closes this socket, and every reconnect is then refused — which a
 * browser cannot tell apart from a server that is down. So whenever the socket closes, ask the
 * server whether this page's session is still live; if not, load `/` again: it shows the sign-in
 * form (or the chat of whoever this browser is signed in as now).
 */
let checkingSession = false;
socket.onClose(() => {
  if (checkingSession) return;
  checkingSession = true;
  fetch("/session/status", { headers: { "x-user-token": window.userToken ?? "" }, cache: "no-store" })
    .then((response) => (response.ok ? (response.json() as Promise<{ active?: unknown }>) : undefined))
    .then((status) => {
      if (status?.active === false) location.assign("/");
    })
    .catch(() => {}) // the server is unreachable: the socket keeps retrying, and the next close asks again
    .finally(() => {
      checkingSession = false;
    });
});
socket.connect();

let currentChannel: Channel | undefined;

function joinRoom(topic: string): void {
  currentChannel?.leave();
  messages.replaceChildren();
  setComposerEnabled(false);
  for (const button of roomButtons) button.setAttribute("aria-pressed", String(button.dataset["topic"] === topic));
  const label = roomLabels[topic] ?? topic;
  showStatus("joining", `Joining ${label}…`);

  online.replaceChildren();
  const channel = socket.channel(topic, {});
  currentChannel = channel;
  // The server pushes who is here once joined (and after every rejoin), then each change.
  const presence = new Presence<OnlineMeta>(channel);
  presence.onSync(() => {
    if (currentChannel === channel) showOnline(presence);
  });
  channel.on("new_msg", (payload) => {
    const message = asShownMessage(payload);
    if (message) appendMessage(message);
  });
  channel
    .join()
    .receive("ok", () => {
      if (currentChannel !== channel) return;
      showStatus("joined", `You are in ${label}.`);
      setComposerEnabled(true);
    })
    .receive("error", (response) => {
      // A refused join is final for this page: leave, so the client does not keep retrying it.
      channel.leave();
      if (currentChannel !== channel) return;
      showStatus("refused", `Could not join ${label}: ${reasonOf(response)}`);
    });
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const body = input.value;
  if (!currentChannel || body.trim() === "") return;
  input.value = "";
  currentChannel
    .push("new_msg", { body })
    .receive("error", (response) => showStatus("error", `Message not sent: ${reasonOf(response)}`))
    .receive("timeout", () => showStatus("error", "Message not sent: the server did not answer."));
});

for (const button of roomButtons) {
  button.addEventListener("click", () => {
    const topic = button.dataset["topic"];
    if (topic && topic !== currentChannel?.topic) joinRoom(topic);
  });
}

joinRoom("room:lobby");
