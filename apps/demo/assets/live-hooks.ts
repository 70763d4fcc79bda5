/*
 * The demo's client hooks (`phx-hook="…"`), shared by both LiveView clients: they use only the
 * hook API that Cinder's LiveSocket and the official phoenix_live_view client have in common
 * (`this.el`, `this.pushEvent` returning a promise of the reply, `this.handleEvent`).
 */

/** What `this` offers inside a hook callback, in both clients. */
interface DemoHookContext {
  readonly el: HTMLElement;
  pushEvent(event: string, payload: unknown): Promise<unknown>;
  handleEvent(event: string, callback: (payload: unknown) => void): unknown;
}

interface DemoHook {
  mounted?(this: DemoHookContext): void;
  /** Hooks may keep their own state on `this`, hence the open shape both clients' types expect. */
  [field: string]: unknown;
}

function child<T extends Element>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (found === null) throw new Error(`hook element #${root.id} is missing ${selector}`);
  return found;
}

/**
 * `phx-hook="PingPong"`: its button pushes `ping` and shows the server's reply (`{pongs}`), with
 * the round trip it took. The element is `phx-update="ignore"`, so server patches leave the text
 * the hook wrote alone.
 */
const PingPong: DemoHook = {
  mounted() {
    const button = child<HTMLButtonElement>(this.el, "button");
    const output = child<HTMLOutputElement>(this.el, "output");
    button.addEventListener("click", () => {
      const sentAt = performance.now();
      void this.pushEvent("ping", { sent_at_ms: Math.round(sentAt) }).then((reply) => {
        const pongs = typeof reply === "object" && reply !== null ? (reply as { pongs?: unknown }).pongs : undefined;
        output.textContent = `pong #${String(pongs)}`;
        output.dataset["roundTripMs"] = String(Math.round(performance.now() - sentAt));
      });
    });
  },
};

/**
 * `phx-hook="ServerNotes"`: lists the `note` events the server pushes (`socket.pushEvent`), as
 * text. The list is `phx-update="ignore"`: it belongs to the hook, not to the server.
 */
const ServerNotes: DemoHook = {
  mounted() {
    const list = child<HTMLOListElement>(this.el, "ol");
    this.handleEvent("note", (payload) => {
      const text = typeof payload === "object" && payload !== null ? (payload as { text?: unknown }).text : undefined;
      if (typeof text !== "string") return;
      const item = document.createElement("li");
      item.textContent = text;
      list.append(item);
    });
  },
};

export const hooks = { PingPong, ServerNotes };

/** The CSRF token of the page's meta tag, which the live socket sends back on connect. */
export function csrfToken(): string {
  const token = document.querySelector("meta[name='csrf-token']")?.getAttribute("content");
  if (!token) throw new Error("The live pages need <meta name=\"csrf-token\">: render page.csrfToken in the layout.");
  return token;
}
