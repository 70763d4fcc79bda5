import { defineLiveView, html } from "@cinder/server";

export interface CounterAssigns {
  count: number;
}
export interface CounterEvents {
  inc: { by?: string };
  reset: Record<string, never>;
}

/** The brief's counter, byte for byte what the spec's checklist (§4.b) uses. */
export const CounterLive = defineLiveView<CounterAssigns, CounterEvents>({
  name: "CounterLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0 });
  },
  handleEvent: {
    inc(value, socket) {
      socket.assign({ count: socket.assigns.count + Number(value.by ?? 1) });
    },
    reset(_value, socket) {
      socket.assign({ count: 0 });
    },
  },
  render: (assigns) => html`<h1>Count: ${assigns.count}</h1><button phx-click="inc" phx-value-by="1">+</button>`,
});
