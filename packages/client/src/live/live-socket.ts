import type { PushedEvent } from "@cinder/protocol";
import { Socket } from "../channels/socket.js";
import { bindingNamer, type BindingName } from "../dom/phx-attributes.js";
import type { BindingActivation, BindingDelegate, BindingObserver } from "../bindings/binding-delegate.js";
import { ClickObserver } from "../bindings/click-observer.js";
import { FormObserver } from "../bindings/form-observer.js";
import { KeyObserver } from "../bindings/key-observer.js";
import { FocusObserver } from "../bindings/focus-observer.js";
import { RateLimiter } from "../bindings/rate-limit.js";
import type { View } from "./view.js";
import type { LiveSocketOptions } from "./live-socket-options.js";
import { Navigation } from "./navigation.js";
import { PageViews } from "./page-views.js";
import { commandHostFor, type CommandHostContext } from "./command-host.js";
import { createJsCommands, type JsCommandsApi } from "../js/js-imperative.js";
import { runJsCommands } from "../js/run-js-commands.js";
import { reapplyJsState } from "../js/js-sticky-state.js";
import { afterJsTransitions } from "../js/js-transitions.js";
import { LIVE_VIEW_VERSION, LiveDefaults } from "./defaults.js";
import { describeError } from "../errors.js";
import { DiagnosticCode, callUserCode, reportError } from "./diagnostics.js";
import { RELOAD_STATUS_COOKIE, countReload, deleteCookie, navigateTo, setCookie } from "./browser.js";
import type { LiveRuntime, PageLoadingInfo } from "./runtime.js";

/**
 * Makes the server-rendered LiveViews of a page live: joins every `[data-phx-session]` root over
 * one socket, patches the DOM with the server's diffs, sends `phx-*` binding events, runs hooks,
 * follows live navigation, and recovers forms after reconnects. Speaks the protocol of the
 * official `phoenix_live_view` client, so either client works against the same server.
 *
 * @example
 * ```ts
 * import { LiveSocket } from "@cinder/client";
 * const csrfToken = document.querySelector("meta[name='csrf-token']")?.getAttribute("content") ?? "";
 * const liveSocket = new LiveSocket("/live", {
 *   params: { _csrf_token: csrfToken },
 *   hooks: { Focus: { mounted() { this.el.focus(); } } },
 * });
 * liveSocket.connect();
 * ```
 */
export class LiveSocket {
  readonly #socket: Socket;
  readonly #binding: BindingName;
  readonly #options: LiveSocketOptions;
  readonly #runtime: LiveRuntime;
  readonly #navigation: Navigation;
  readonly #observers: BindingObserver[];
  readonly #views: PageViews;
  readonly #localStorage: Storage;
  #unloaded = false;
  #silenced = false;
  #started = false;
  #reloadTimer: ReturnType<typeof setTimeout> | null = null;
  #serverCloseRef: string | null = null;
  #focusBeforeSubmit: Element | null = null;
  readonly #onPageHide = (): void => {
    this.#unloaded = true;
  };

  constructor(endpoint: string, options: LiveSocketOptions = {}) {
    this.#options = options;
    this.#binding = bindingNamer(options.bindingPrefix ?? LiveDefaults.bindingPrefix);
    this.#localStorage = options.localStorage ?? window.localStorage;
    const params = options.params;
    this.#socket = new Socket(endpoint, {
      ...options,
      params: typeof params === "function" ? () => params() : (params ?? {}),
      // The socket drops frames it cannot decode; the page learns about it here.
      onUndecodableFrame: (error, frame) => {
        reportError(DiagnosticCode.malformedFrame, `dropped a frame that is not Phoenix V2: ${error.message}`, {
          attribution: "internal",
          metadata: { frame, code: error.code },
        });
        options.onUndecodableFrame?.(error, frame);
      },
    });
    this.#runtime = this.#createRuntime();
    this.#views = new PageViews(this.#runtime);
    this.#navigation = new Navigation({
      mainView: () => this.#views.main,
      isConnected: () => this.isConnected(),
      pageLoading: (info) => this.#pageLoading(info),
      redirect: (href, flash) => this.#redirect(href, flash, null),
      replaceMain: (href, flash, done, linkRef) => this.#replaceMain(href, flash, done, linkRef),
      sessionStorage: options.sessionStorage ?? window.sessionStorage,
    });
    const delegate = this.#bindingDelegate();
    this.#observers = [new ClickObserver(delegate), new FormObserver(delegate), new KeyObserver(delegate), new FocusObserver(delegate)];
    window.addEventListener("pagehide", this.#onPageHide);
    this.#socket.onOpen(() => {
      // A page restored from the back/forward cache without `pageshow` reloads for fresh state.
      if (this.#unloaded) window.location.reload();
    });
  }

  /** Joins every LiveView of the page (after DOMContentLoaded) and connects the socket. */
  connect(): void {
    const start = (): void => {
      deleteCookie(RELOAD_STATUS_COOKIE);
      this.#startObservers();
      if (this.#joinRootViews()) this.#socket.connect();
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start, { once: true });
    } else {
      start();
    }
  }

  /** Closes the socket; views keep their DOM and show the error state until `connect()`. */
  disconnect(callback?: () => void): void {
    if (this.#reloadTimer !== null) clearTimeout(this.#reloadTimer);
    this.#reloadTimer = null;
    if (this.#serverCloseRef !== null) this.#socket.off([this.#serverCloseRef]);
    this.#serverCloseRef = null;
    this.#socket.disconnect(callback);
  }

  isConnected(): boolean {
    return this.#socket.isConnected();
  }

  /** The underlying channel socket (for app channels sharing the connection). */
  getSocket(): Socket {
    return this.#socket;
  }

  /** The LiveView protocol version this client speaks. */
  version(): string {
    return LIVE_VIEW_VERSION;
  }

  /**
   * Runs `encoded` (an event name or a JS command list) as if `element` had triggered it.
   *
   * @example
   * ```ts
   * liveSocket.execJS(button, button.getAttribute("data-confirm-js") ?? "");
   * ```
   */
  execJS(element: Element, encoded: string, eventType: string | null = null): void {
    this.#execCommands(element, encoded, eventType);
  }

  /**
   * JS commands from JavaScript, acting like the same commands in an attribute; pushes go to
   * the view owning the element (type `js`).
   *
   * @example
   * ```ts
   * liveSocket.js().addClass(document.getElementById("menu")!, "open");
   * ```
   */
  js(): JsCommandsApi {
    return this.#jsCommands(document.body, "js");
  }

  #jsCommands(element: Element, kind: string): JsCommandsApi {
    const run = (source: Element) => ({ kind, element: source, command: "", domEvent: new CustomEvent("phx:exec"), data: {} });
    return createJsCommands({
      push: (command, source, domEvent) => commandHostFor(this.#commandContext(), this.#views.ownerOf(source), run(source)).push(command, source, domEvent),
      navigate: (href, options) => commandHostFor(this.#commandContext(), this.#views.main, run(element)).navigate(href, options),
      patch: (href, options) => commandHostFor(this.#commandContext(), this.#views.main, run(element)).patch(href, options),
    });
  }

  #commandContext(): CommandHostContext {
    return { navigation: this.#navigation, blurForSubmit: () => this.#blurForSubmit() };
  }

  /** Stops watching the DOM and leaves every view; the page stays as it is. */
  destroy(): void {
    for (const observer of this.#observers) observer.stop();
    this.#navigation.stop();
    window.removeEventListener("pagehide", this.#onPageHide);
    this.#started = false;
    this.#views.destroyAll();
    this.disconnect();
  }

  #startObservers(): void {
    if (this.#serverCloseRef === null) {
      // The server closed the socket on purpose (code 1000, e.g. a "disconnect" broadcast).
      this.#serverCloseRef = this.#socket.onClose((event) => {
        const main = this.#views.main;
        if (event.code === 1000 && main !== null) this.#reloadWithJitter(main);
      });
    }
    if (this.#started) return;
    this.#started = true;
    // Live links listen first: a link's click is a navigation, not a phx-click of an ancestor.
    this.#navigation.start();
    for (const observer of this.#observers) observer.start();
  }

  #joinRootViews(): boolean {
    return this.#views.joinRootViews(() => this.#navigation.href);
  }

  #replaceMain(href: string, flash: string | null, done: ((linkRef: number) => void) | null, linkRef: number): void {
    this.#views.replaceMain(
      href,
      flash,
      () => this.#navigation.commitPendingLink(linkRef),
      () => done?.(linkRef),
    );
  }

  #unload(): void {
    if (this.#unloaded) return;
    this.#unloaded = true;
    this.#views.destroyAll();
    this.disconnect();
  }

  #redirect(to: string, flash: string | null, reloadToken: string | null): void {
    if (reloadToken !== null) setCookie(RELOAD_STATUS_COOKIE, reloadToken, 60);
    this.#unload();
    navigateTo(to, flash);
  }

  /** Reloads the page after 5–10 s (30 s after 10 consecutive tries), unless the view recovers first. */
  #reloadWithJitter(view: View): void {
    if (this.#reloadTimer !== null) clearTimeout(this.#reloadTimer);
    this.disconnect();
    const min = this.#options.reloadJitterMin ?? LiveDefaults.reloadJitterMinMs;
    const max = this.#options.reloadJitterMax ?? LiveDefaults.reloadJitterMaxMs;
    const tries = countReload(this.#localStorage, window.location.pathname);
    const maxReloads = this.#options.maxReloads ?? LiveDefaults.maxReloads;
    const delay = tries >= maxReloads ? (this.#options.failsafeJitter ?? LiveDefaults.failsafeJitterMs) : Math.floor(Math.random() * (max - min + 1)) + min;
    this.#reloadTimer = setTimeout(() => {
      if (view.isDestroyed() || view.isConnected()) return;
      view.destroy();
      const pending = this.#navigation.pendingLink();
      if (pending !== null) window.location.href = pending;
      else window.location.reload();
    }, delay);
  }

  #pageLoading(info: PageLoadingInfo): () => void {
    window.dispatchEvent(new CustomEvent("phx:page-loading-start", { detail: info, bubbles: true, cancelable: true }));
    return () => window.dispatchEvent(new CustomEvent("phx:page-loading-stop", { detail: info, bubbles: true, cancelable: true }));
  }

  #dispatchServerEvents(events: readonly PushedEvent[]): void {
    for (const [name, payload] of events) {
      window.dispatchEvent(new CustomEvent(`phx:${name}`, { detail: payload ?? {}, bubbles: true, cancelable: true }));
    }
  }

  #execCommands(element: Element, encoded: string, kind: string | null): void {
    if (encoded === "") return;
    const activation: BindingActivation = {
      kind: kind ?? "click",
      element,
      command: encoded,
      domEvent: new CustomEvent("phx:exec", { detail: { sourceElement: element } }),
      data: {},
    };
    this.#activate(activation);
  }

  #activate(activation: BindingActivation): void {
    const owner = this.#views.ownerOf(activation.change?.dispatcher ?? activation.element);
    const host = commandHostFor(this.#commandContext(), owner, activation);
    try {
      runJsCommands(activation.command, activation.element, activation.domEvent, host, { removing: activation.kind === "remove" });
    } catch (error) {
      reportError(DiagnosticCode.jsCommandFailed, `running ${activation.kind} command "${activation.command.slice(0, 80)}" failed: ${describeError(error)}`, {
        viewId: owner?.id,
        attribution: "app",
      });
    }
  }

  #blurForSubmit(): () => void {
    const active = document.activeElement;
    this.#focusBeforeSubmit = active;
    if (active instanceof HTMLElement && active !== document.body) active.blur();
    return () => {
      const previous = this.#focusBeforeSubmit;
      if (previous instanceof HTMLElement && previous !== document.body && previous.isConnected) previous.focus();
    };
  }

  #bindingDelegate(): BindingDelegate {
    const defaults = this.#options.defaults ?? {};
    return {
      binding: this.#binding,
      rateLimiter: new RateLimiter(
        this.#binding,
        () => ({ debounce: defaults.debounce ?? LiveDefaults.debounce, throttle: defaults.throttle ?? LiveDefaults.throttle }),
        (code, message, metadata) => reportError(code as DiagnosticCode, message, { attribution: "app", metadata }),
      ),
      activate: (activation) => this.#activate(activation),
      metadata: (eventName, domEvent, element) => {
        const callback = this.#options.metadata?.[eventName];
        if (callback === undefined) return {};
        return callUserCode(`metadata.${eventName}`, undefined, () => callback(domEvent, element), DiagnosticCode.userCallbackThrew) ?? {};
      },
      isAlive: (element) => {
        const owner = this.#views.ownerOf(element);
        return owner !== null && !owner.isDestroyed() && document.body.contains(element);
      },
      isSilenced: () => this.#silenced,
      blockChangeWhileComposing: this.#options.blockPhxChangeWhileComposing === true,
      pageWillUnload: () => this.#unload(),
    };
  }

  #createRuntime(): LiveRuntime {
    const options = this.#options;
    return {
      binding: this.#binding,
      socket: this.#socket,
      publicSocket: this,
      loaderTimeoutMs: options.loaderTimeout ?? LiveDefaults.loaderTimeoutMs,
      localStorage: this.#localStorage,
      disconnectedTimeoutMs: options.disconnectedTimeout ?? LiveDefaults.disconnectedTimeoutMs,
      version: LIVE_VIEW_VERSION,
      connectParams: (container) => {
        const params = options.params;
        const value =
          typeof params === "function" ? callUserCode("params function", container.id, () => params(container), DiagnosticCode.userCallbackThrew) : params;
        return { ...(value ?? {}) };
      },
      hookDefinition: (name) => (Object.hasOwn(options.hooks ?? {}, name) ? options.hooks?.[name] : undefined),
      ownerOf: (element) => this.#views.ownerOf(element),
      mainView: () => this.#views.main,
      isUnloaded: () => this.#unloaded,
      hasPendingLink: () => this.#navigation.hasPendingLink(),
      dispatchServerEvents: (events) => this.#dispatchServerEvents(events),
      pageLoading: (info) => this.#pageLoading(info),
      unload: () => this.#unload(),
      redirect: (to, flash, reloadToken) => this.#redirect(to, flash, reloadToken),
      replaceInitialHistory: (viewId) => this.#navigation.replaceInitialEntry(viewId),
      historyPatch: (href, kind) => this.#navigation.historyPatch(href, kind),
      historyRedirect: (href, kind, flash, source, domEvent) => this.#navigation.historyRedirect(domEvent, href, kind, flash, source),
      reloadWithJitter: (view) => this.#reloadWithJitter(view),
      joinRootViews: () => void this.#joinRootViews(),
      destroyViewByElement: (container) => this.#views.destroyByElement(container),
      execCommands: (element, encoded, kind) => this.#execCommands(element, encoded, kind),
      reapplyClientState: (live, incoming) => reapplyJsState(live, incoming),
      afterTransitions: (update) => afterJsTransitions(update),
      jsCommands: (element) => this.#jsCommands(element, "hook"),
      silenced: (run) => {
        this.#silenced = true;
        try {
          run();
        } finally {
          this.#silenced = false;
        }
      },
    };
  }
}
