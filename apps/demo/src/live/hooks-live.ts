import { js } from "@cinder/protocol";
import { defineLiveView, html } from "@cinder/server";
import { flashMessages } from "./flash-messages.js";

const TONES = 3;

interface HooksAssigns {
  pongs: number;
  notes: number;
  bumps: number;
  tone: number;
}

interface HooksEvents {
  /** Pushed by the PingPong hook (assets/live-hooks.ts). */
  ping: { sent_at_ms?: number };
  nudge: Record<string, never>;
  bump: Record<string, never>;
}

// Built once: JS commands are attribute values, the same on every render.
const toggleDetails = js().toggle({ to: "#details" });
const showDetails = js().show({ to: "#details" });
const hideDetails = js().hide({ to: "#details" });
const highlightBox = js().addClass("highlight", { to: "#box" });
const unhighlightBox = js().removeClass("highlight", { to: "#box" });

/**
 * `/hooks` — client hooks and JS commands. The PingPong hook pushes an event and shows the
 * server's reply; the server pushes `note` events to the ServerNotes hook. The JS commands
 * (built with `js()` from @cinder/protocol) show, hide and restyle elements in the browser
 * without a round trip, and what they did survives the server's later patches of the same
 * elements.
 */
export const HooksLive = defineLiveView<HooksAssigns, HooksEvents>({
  name: "HooksLive",
  mount(_params, _session, socket) {
    socket.assign({ pongs: 0, notes: 0, bumps: 0, tone: 0 });
    socket.pageTitle("Hooks & JS");
  },
  handleEvent: {
    ping(_value, socket) {
      const pongs = socket.assigns.pongs + 1;
      socket.assign({ pongs });
      return { reply: { pongs } };
    },
    nudge(_value, socket) {
      const notes = socket.assigns.notes + 1;
      socket.assign({ notes });
      socket.pushEvent("note", { text: `Note #${notes} from the server` });
    },
    bump(_value, socket) {
      socket.assign({ bumps: socket.assigns.bumps + 1, tone: (socket.assigns.tone + 1) % TONES });
    },
  },
  render: (assigns) => html`<main>
    ${flashMessages(assigns.flash)}
    <section class="card">
      <h1>Hooks</h1>
      <div id="ping" class="row" phx-hook="PingPong" phx-update="ignore">
        <button type="button" id="ping-button">Ping the server</button>
        <output id="ping-result">no pong yet</output>
      </div>
      <p>The server has answered <output id="pong-count">${assigns.pongs}</output> pings and sent
        <output id="note-count">${assigns.notes}</output> notes.</p>
      <div class="row"><button id="nudge" phx-click="nudge">Ask the server for a note</button></div>
      <div id="server-notes" phx-hook="ServerNotes" phx-update="ignore"><ol></ol></div>
      <p class="hint">The hook's button calls <code>this.pushEvent("ping")</code> and shows the reply; the server's
        <code>socket.pushEvent("note")</code> reaches <code>this.handleEvent("note")</code> of another hook.</p>
    </section>
    <section class="card">
      <h1>JS commands</h1>
      <div class="row">
        <button id="toggle-details" phx-click=${toggleDetails}>Toggle details</button>
        <button id="show-details" phx-click=${showDetails}>Show</button>
        <button id="hide-details" phx-click=${hideDetails}>Hide</button>
        <button id="highlight" phx-click=${highlightBox}>Highlight</button>
        <button id="unhighlight" phx-click=${unhighlightBox}>Unhighlight</button>
        <button id="bump" class="primary" phx-click="bump">Bump (server)</button>
      </div>
      <div id="box" class=${["box", `tone-${assigns.tone}`]}>
        The server bumped this box <strong id="bumps">${assigns.bumps}</strong> times.
        <div id="details" class="panel">Details from the server: tone ${assigns.tone}, after ${assigns.bumps} bumps.</div>
      </div>
      <p class="hint">Show, hide and highlight run in the browser only. Bump asks the server, which re-renders the box
        and its details — what the JS commands did stays.</p>
    </section>
  </main>`,
});
