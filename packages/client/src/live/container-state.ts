import { ContainerClass } from "../dom/phx-attributes.js";

const ALL_STATE_CLASSES: readonly string[] = Object.values(ContainerClass);

/** The connection states a container shows (spec §3.11). */
export type ContainerStatus = "loading" | "connected" | "client-error" | "server-error";

const CLASSES_OF: Record<ContainerStatus, readonly ContainerClass[]> = {
  loading: [ContainerClass.loading],
  connected: [ContainerClass.connected],
  "client-error": [ContainerClass.loading, ContainerClass.error, ContainerClass.clientError],
  "server-error": [ContainerClass.loading, ContainerClass.error, ContainerClass.serverError],
};

export interface ContainerStateHost {
  container(): Element;
  readonly loaderTimeoutMs: number;
  readonly disconnectedTimeoutMs: number;
  /** The view went to loading or error: hooks hear `disconnected`. */
  onShowLoader(): void;
  /** `phx-connected` / `phx-disconnected` JS commands of the view's elements. */
  runLifecycleCommands(binding: "connected" | "disconnected"): void;
}

/**
 * The state classes of one LiveView container. Exactly one state set is on it at a time;
 * `loading` appears only after a short delay, so a fast join does not flash a spinner.
 */
export class ContainerState {
  readonly #host: ContainerStateHost;
  #loaderTimer: ReturnType<typeof setTimeout> | null = null;
  #disconnectedTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: ContainerStateHost) {
    this.#host = host;
  }

  showLoader(afterMs?: number): void {
    this.#clearLoaderTimer();
    if (afterMs !== undefined && afterMs > 0) {
      this.#loaderTimer = setTimeout(() => this.showLoader(), afterMs);
      return;
    }
    this.#host.onShowLoader();
    this.set("loading");
  }

  showConnected(): void {
    this.#clearLoaderTimer();
    this.#clearDisconnectedTimer();
    this.set("connected");
    this.#host.runLifecycleCommands("connected");
  }

  showError(status: "client-error" | "server-error"): void {
    this.showLoader();
    this.set(status);
    this.#clearDisconnectedTimer();
    this.#disconnectedTimer = setTimeout(() => this.#host.runLifecycleCommands("disconnected"), this.#host.disconnectedTimeoutMs);
  }

  set(status: ContainerStatus): void {
    const container = this.#host.container();
    container.classList.remove(...ALL_STATE_CLASSES);
    container.classList.add(...CLASSES_OF[status]);
  }

  dispose(): void {
    this.#clearLoaderTimer();
    this.#clearDisconnectedTimer();
  }

  #clearLoaderTimer(): void {
    if (this.#loaderTimer !== null) clearTimeout(this.#loaderTimer);
    this.#loaderTimer = null;
  }

  #clearDisconnectedTimer(): void {
    if (this.#disconnectedTimer !== null) clearTimeout(this.#disconnectedTimer);
    this.#disconnectedTimer = null;
  }
}
