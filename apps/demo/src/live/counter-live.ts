import { js } from "@cinder/protocol";
import { defineLiveView, html } from "@cinder/server";
import { flashMessages } from "./flash-messages.js";

interface CounterAssigns {
  count: number;
}

/** `phx-value-by` arrives as a string; anything but a small integer step is ignored. */
interface CounterEvents {
  inc: { by?: string };
  dec: { by?: string };
  reset: Record<string, never>;
}

const MAX_STEP = 100;

function stepOf(value: { by?: string }): number {
  const step = Number(value.by ?? 1);
  return Number.isInteger(step) && Math.abs(step) <= MAX_STEP ? step : 0;
}

// One click, two commands: `inc` goes to the server with its value, the count gets a class in the
// browser at once — and keeps it through the server's later patches of the same element.
const addFiveAndMark = js().push("inc", { value: { by: "5" } }).addClass("bumped", { to: "#count" });

function titleFor(count: number): string {
  return `Count: ${count}`;
}

/**
 * `/counter` — the first LiveView anyone writes. Each click is one `event` frame; the reply is a
 * diff with the new count (and the page title), a few bytes whatever the size of the page.
 */
export const CounterLive = defineLiveView<CounterAssigns, CounterEvents>({
  name: "CounterLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0 });
    socket.pageTitle(titleFor(0));
  },
  handleEvent: {
    inc(value, socket) {
      const count = socket.assigns.count + stepOf(value);
      socket.assign({ count });
      socket.pageTitle(titleFor(count));
    },
    dec(value, socket) {
      const count = socket.assigns.count - stepOf(value);
      socket.assign({ count });
      socket.pageTitle(titleFor(count));
    },
    reset(_value, socket) {
      socket.assign({ count: 0 });
      socket.pageTitle(titleFor(0));
    },
  },
  render: (assigns) => html`<main>
    ${flashMessages(assigns.flash)}
    <section class="card">
      <h1>Counter</h1>
      <p class="count" id="count" aria-live="polite">${assigns.count}</p>
      <div class="row">
        <button id="dec" phx-click="dec" phx-value-by="1" aria-label="Decrement">−1</button>
        <button id="inc" class="primary" phx-click="inc" phx-value-by="1" aria-label="Increment">+1</button>
        <button id="inc-10" phx-click="inc" phx-value-by="10">+10</button>
        <button id="reset" phx-click="reset">Reset</button>
        <button id="inc-5-js" phx-click=${addFiveAndMark}>+5 and mark (JS)</button>
      </div>
      <p class="hint">The count lives on the server. A click sends one small event; the reply carries only the new
        count and the page title (look at the tab), never the page's HTML again. "+5 and mark" is a JS command list:
        it pushes the event and underlines the count in the browser, without waiting for the server.</p>
    </section>
  </main>`,
});
