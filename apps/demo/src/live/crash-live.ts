import { defineLiveView, html } from "@cinder/server";
import { flashMessages } from "./flash-messages.js";

interface CrashAssigns {
  clicks: number;
  /** How many times the browser had joined this page before this mount (`_mounts`). */
  previousMounts: number;
}

interface CrashEvents {
  click: Record<string, never>;
  crash: Record<string, never>;
}

/** What the view throws: a bug, as far as Cinder can tell. */
export class DemoCrash extends Error {
  constructor() {
    super("The crash button was pressed (this error is on purpose).");
    this.name = "DemoCrash";
  }
}

/**
 * `/crash` — what a bug does to one LiveView. The crash button makes `handleEvent` throw: that
 * view's process dies (the log names the view and the callback), the browser shows the error
 * state, rejoins a second later and the view mounts afresh — state is gone, the page, the socket
 * and every other view live on.
 */
export const CrashLive = defineLiveView<CrashAssigns, CrashEvents>({
  name: "CrashLive",
  mount(_params, _session, socket) {
    const mounts = socket.connectParams?.["_mounts"];
    socket.assign({ clicks: 0, previousMounts: typeof mounts === "number" ? mounts : 0 });
    socket.pageTitle("Crash");
  },
  handleEvent: {
    click(_value, socket) {
      socket.update("clicks", (clicks) => clicks + 1);
    },
    crash() {
      throw new DemoCrash();
    },
  },
  render: (assigns) => html`<main>
    ${flashMessages(assigns.flash)}
    <section class="card">
      <h1>Crash and recover</h1>
      <p>State of this view: <output id="clicks">${assigns.clicks}</output> clicks.
        The browser has joined this view <output id="mounts">${assigns.previousMounts}</output> times before.</p>
      <div class="row">
        <button id="click" phx-click="click">Click</button>
        <button id="crash" class="danger" phx-click="crash">Crash the view</button>
      </div>
      <p class="hint">A crash kills only this view: the page turns to its error state (<code>phx-error</code>), the
        client rejoins and the view mounts again with fresh state. The socket and other views are untouched.</p>
    </section>
  </main>`,
});
