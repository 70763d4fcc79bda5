import { html, type Template } from "@cinder/server";
import { MAX_MESSAGE_LENGTH } from "../chat/chat-message.js";
import type { User } from "../users.js";

/** The markup the browser script (assets/chat.ts) drives; its ids are that script's contract. */
export function chatPage(user: User): Template {
  return html`<main>
      <section class="card">
        <h1>Chat <small class="hint">channels, driven by assets/chat.ts</small></h1>
        <p class="hint">Hello ${user.name}! The same room, rendered by a LiveView instead of a script, is at <a href="/chat-live">Live chat</a>: open both and write in either.</p>
        <nav class="rooms" aria-label="Rooms">
          <button type="button" data-topic="room:lobby" aria-pressed="false">#lobby</button>
          <button type="button" data-topic="room:101" aria-pressed="false">#101</button>
        </nav>
        <p id="status" role="status" data-state="connecting">Connecting…</p>
        <div class="online"><span class="hint">Online</span><ul id="online" aria-label="Online"></ul></div>
        <ol id="messages" class="messages" aria-label="Messages"></ol>
        <form id="composer" autocomplete="off">
          <input id="chat-input" name="body" aria-label="Message" placeholder="Say something…" maxlength="${MAX_MESSAGE_LENGTH}" disabled>
          <button type="submit" disabled>Send</button>
        </form>
      </section>
    </main>`;
}
