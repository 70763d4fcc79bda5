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
      </div>
      <p class="hint">The count lives on the server. A click sends one small event; the reply carries only the new
        count and the page title (look at the tab), never the page's HTML again.</p>
    </section>
  </main>`,
});
