/**
 * Client hooks of the e2e pages, shared by both client bundles. Written against the hook API
 * both clients offer (`this.el`, `this.pushEvent` returning a promise of the reply).
 */
interface HookThis {
  el: HTMLElement;
  pushEvent(event: string, payload: unknown): Promise<unknown>;
}

export const hooks = {
  Pinger: {
    mounted(this: HookThis) {
      this.el.addEventListener("click", () => {
        void this.pushEvent("ping", { from: "hook" }).then((reply) => {
          this.el.textContent = `pong ${(reply as { count: number }).count}`;
        });
      });
    },
  },
};

/** The CSRF token the layout renders, sent back with every connection. */
export function csrfToken(): string {
  return document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
}
