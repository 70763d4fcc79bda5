import { isJsonObject, type JsonObject, type PushedEvent, type StreamInstruction } from "@cinder/protocol";
import type { Channel } from "../channels/channel.js";
import { PhxAttribute, VIEW_SELECTOR, type BindingName } from "../dom/phx-attributes.js";
import { elementState, peekElementState } from "../dom/element-state.js";
import { markViewContainerDestroyed } from "../dom/view-patch.js";
import { replaceContainer } from "../dom/container-replace.js";
import { dropPendingMarks } from "../bindings/pending-marks.js";
import { HookRegistry } from "../hooks/hook-registry.js";
import { dropFocusStackEntriesWithin } from "../js/js-focus.js";
import { ChildViews } from "./child-views.js";
import { ContainerState } from "./container-state.js";
import { EventPusher } from "./event-pusher.js";
import { pushHookEvent } from "./view-targets.js";
import { recoveriesFor, replayFormRecoveries, snapshotForms, type FormSnapshot } from "./form-recovery.js";
import { joinPayload } from "./join-payload.js";
import { describeError } from "../errors.js";
import { DiagnosticCode, callUserCode, reportError, type DiagnosticAttribution } from "./diagnostics.js";
import { ComponentLifecycle } from "./component-lifecycle.js";
import { handleJoinFailure, noteJoinReply } from "./join-reply.js";
import { runConnectionCommands, runMountedCommandsWithin } from "./lifecycle-commands.js";
import { patchLockedElement, patchView } from "./patch-delegate.js";
import { followLivePatch, followLiveRedirect, followRedirect } from "./server-navigation.js";
import { openViewChannel } from "./view-channel.js";
import { ViewTree } from "./view-tree.js";
import type { LiveRuntime } from "./runtime.js";

/** Consecutive rejoins the client forces after bad server input before it gives up. */
const MAX_FORCED_REJOINS = 3;

/** Called once the first join reply is rendered, before it is patched in (live navigation swaps containers here). */
export type BeforeJoinPatch = (joinCount: number, proceed: () => void) => void;

/**
 * One LiveView in the page: its container, its `lv:<id>` channel, its rendered tree, its hooks
 * and nested views. The class is the view's lifecycle — joining, rejoining, errors, destruction;
 * the rest has a module of its own: `view-channel.ts` routes the channel's messages here,
 * `view-tree.ts` brings renders onto the page, `patch-delegate.ts` says what a patch sets off,
 * `join-reply.ts` reads join replies, `server-navigation.ts` follows the server elsewhere,
 * `child-views.ts` keeps the nested views, `event-pusher.ts` sends the view's events.
 *
 * Invariant: the DOM is only patched while the view is joined; diffs and navigation pushes that
 * arrive during a join wait and are applied after the join patch.
 *
 * @internal Views are created by the LiveSocket.
 */
export class View {
  readonly id: string;
  el: Element;
  readonly runtime: LiveRuntime;
  readonly parent: View | null;
  readonly root: View;
  readonly hooks: HookRegistry;
  readonly pusher: EventPusher;
  readonly components: ComponentLifecycle;
  readonly tree: ViewTree;
  /** The current `lv:<id>` channel; a forced rejoin replaces it. */
  channel!: Channel;
  joinCount: number;
  #joinAttempts = 0;
  #joinPending = true;
  #destroyed = false;
  #pendingJoinOps: Array<() => void> = [];
  readonly #children: ChildViews;
  readonly #container: ContainerState;
  #href: string | null = null;
  #redirect = false;
  #flash: string | null;
  readonly #liveReferer: string | null;
  #stopPageLoading: () => void = () => undefined;
  #beforeJoinPatch: BeforeJoinPatch | null = null;
  /** Root only: forms of the page as they were when the last rejoin reply arrived. */
  #formsForRecovery = new Map<string, FormSnapshot>();
  #forcedRejoins = 0;

  constructor(el: Element, runtime: LiveRuntime, parent: View | null, flash: string | null = null, liveReferer: string | null = null) {
    this.el = el;
    this.id = el.id;
    this.runtime = runtime;
    this.parent = parent;
    this.root = parent?.root ?? this;
    this.#flash = flash;
    this.#liveReferer = liveReferer;
    // A nested view created by a rejoined parent remounts: the server sees `_mounts > 0`.
    this.joinCount = parent === null ? 0 : Math.max(parent.joinCount - 1, 0);
    elementState(el).view = this;
    el.setAttribute(PhxAttribute.rootId, this.root.id);
    this.hooks = new HookRegistry({
      viewId: this.id,
      liveSocket: runtime.publicSocket,
      jsCommands: () => runtime.jsCommands(this.el),
      binding: runtime.binding,
      ownsElement: (element) => this.ownsElement(element),
      hookDefinition: (name) => runtime.hookDefinition(name),
      callHook: (origin, run) => callUserCode(origin, this.id, run),
      report: (code, message, metadata) => this.report(code, message, "app", metadata),
      pushHookEvent: (source, target, event, payload) => pushHookEvent(this, source, target, event, payload),
    });
    this.pusher = new EventPusher(this);
    this.components = new ComponentLifecycle(this);
    this.tree = new ViewTree(this, {
      mayPatch: () => !this.#joinPending && !(this.runtime.hasPendingLink() && this.root.isMain()),
      rejectInput: (code, message) => this.#forceRejoin(code, message),
      diffApplied: (events) => {
        this.#forcedRejoins = 0;
        this.runtime.dispatchServerEvents(events);
        this.#children.joinNew();
      },
    });
    this.#children = new ChildViews(this.id, (container) => new View(container, runtime, this));
    this.#container = new ContainerState({
      container: () => this.el,
      loaderTimeoutMs: runtime.loaderTimeoutMs,
      disconnectedTimeoutMs: runtime.disconnectedTimeoutMs,
      onShowLoader: () => this.hooks.disconnected(),
      runLifecycleCommands: (binding) => runConnectionCommands(this, binding),
    });
  }

  get binding(): BindingName {
    return this.runtime.binding;
  }

  get href(): string | null {
    return this.#href;
  }

  setHref(href: string): void {
    this.#href = href;
  }

  /** The next join is a live navigation to `href`. */
  setRedirect(href: string): void {
    this.#redirect = true;
    this.#href = href;
  }

  isMain(): boolean {
    return this.el.hasAttribute(PhxAttribute.main);
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** Joined and the socket is up: events can be sent. */
  isConnected(): boolean {
    return this.runtime.socket.isConnected() && this.channel?.state === "joined";
  }

  /** True for elements of this view's own DOM (not of nested views), and its nested containers. */
  ownsElement(element: Element): boolean {
    if (element.getAttribute(PhxAttribute.parentId) === this.id) return true;
    const viewElement = element.closest(VIEW_SELECTOR);
    return viewElement !== null && viewElement.id === this.id && peekElementState(viewElement)?.view === this;
  }

  // ── Joining ────────────────────────────────────────────────────────────────────────────

  join(beforeJoinPatch: BeforeJoinPatch | null = null): void {
    this.#beforeJoinPatch = beforeJoinPatch;
    this.#container.showLoader(this.runtime.loaderTimeoutMs);
    if (this.isMain()) this.#stopPageLoading = this.runtime.pageLoading({ to: this.#href, kind: "initial" });
    this.#openChannel();
  }

  #openChannel(): void {
    openViewChannel(this, () => this.#joinPayload(), {
      joined: (response) => this.#onJoin(response),
      joinFailed: (response) => this.#onJoinFailed(response),
      diff: (raw) => this.tree.receiveDiff(raw),
      redirect: (payload) => followRedirect(this, payload),
      liveRedirect: (payload) => followLiveRedirect(this, payload),
      livePatch: (payload) => this.#whenJoined(() => followLivePatch(this, payload)),
      errored: (reason) => this.#onError(reason),
      closed: (reason) => this.#onClose(reason),
    });
  }

  #joinPayload(): JsonObject {
    const payload = joinPayload({
      container: this.el,
      binding: this.binding,
      params: this.runtime.connectParams(this.el),
      href: this.#href,
      redirect: this.#redirect,
      mounts: this.joinCount,
      mountAttempts: this.#joinAttempts,
      liveReferer: this.#liveReferer,
      flash: this.#flash,
    });
    this.#joinAttempts += 1;
    return payload;
  }

  #onJoin(response: unknown): void {
    if (!isJsonObject(response) || !isJsonObject(response.rendered)) {
      this.#forceRejoin(DiagnosticCode.malformedJoinReply, "the join reply has no rendered tree");
      return;
    }
    this.#replaceContainer(response.container);
    this.#joinPending = true;
    this.#flash = null;
    if (this.root === this) this.#formsForRecovery = this.joinCount > 0 ? snapshotForms(this.el, this.binding) : new Map();
    noteJoinReply(this, response);
    const livePatch = isJsonObject(response.live_patch) ? response.live_patch : null;

    this.tree.read("mount", response.rendered, ({ diff, events }) => {
      let rendered: { html: string; streams: StreamInstruction[] };
      try {
        rendered = this.tree.startFrom(diff);
      } catch (error) {
        this.#forceRejoin(DiagnosticCode.malformedJoinReply, `the join render does not form a tree: ${describeError(error)}`);
        return;
      }
      dropPendingMarks(document, this.id);
      this.joinCount += 1;
      this.#joinAttempts = 0;
      this.#recoverForms(rendered.html, () => {
        const apply = () => this.guard("join patch", () => this.#applyJoinPatch(livePatch, rendered.html, rendered.streams, events));
        const beforeJoinPatch = this.#beforeJoinPatch;
        if (beforeJoinPatch !== null && this.joinCount === 1) {
          beforeJoinPatch(this.joinCount, apply);
        } else {
          apply();
        }
      });
    });
  }

  #applyJoinPatch(livePatch: JsonObject | null, html: string, streams: StreamInstruction[], events: readonly PushedEvent[]): void {
    if (this.#destroyed) return;
    this.#attachToDocument();
    patchView(this, { html, streams, isJoin: true });
    this.#children.joinNew();
    this.hooks.mountAll(this.el);
    runMountedCommandsWithin(this, this.el);
    this.#joinPending = false;
    this.runtime.dispatchServerEvents(events);
    this.applyPendingUpdates();
    for (const operation of this.#pendingJoinOps.splice(0)) operation();
    if (livePatch !== null && typeof livePatch.to === "string") {
      this.runtime.historyPatch(livePatch.to, livePatch.kind === "replace" ? "replace" : "push");
    }
    this.#container.showConnected();
    if (this.joinCount > 1) this.hooks.reconnected();
    this.#stopPageLoading();
    this.#stopPageLoading = () => undefined;
  }

  /** A view created for a detached container (live navigation) binds to the element in the page. */
  #attachToDocument(): void {
    const live = document.getElementById(this.id);
    if (live === null || live === this.el) return;
    this.el = live;
    elementState(live).view = this;
    live.setAttribute(PhxAttribute.rootId, this.root.id);
  }

  #replaceContainer(container: unknown): void {
    if (!Array.isArray(container) || typeof container[0] !== "string" || !isJsonObject(container[1])) return;
    this.el = replaceContainer(this.el, container[0], container[1]);
    elementState(this.el).view = this;
  }

  /** Replays the forms the user was filling in (root snapshot) before the join patch, see form-recovery.ts. */
  #recoverForms(html: string, done: () => void): void {
    replayFormRecoveries(this.pusher, recoveriesFor(html, this.root.#formsForRecovery, this.binding, this.id), done);
  }

  #onJoinFailed(response: JsonObject): void {
    handleJoinFailure(this, response, {
      flash: this.#flash,
      attempts: this.#joinAttempts,
      abandon: () => {
        this.#joinPending = false;
        this.channel.leave();
      },
    });
  }

  /** Runs `operation` now if the view is joined, else right after the join patch. */
  #whenJoined(operation: () => void): void {
    if (this.#joinPending) this.#pendingJoinOps.push(operation);
    else operation();
  }

  // ── Diffs ─────────────────────────────────────────────────────────────────────────────

  /** Applies the diffs that waited for the join (or a live navigation), here and in the nested views. */
  applyPendingUpdates(): void {
    this.tree.applyWaiting();
    for (const child of this.#children.values()) child.applyPendingUpdates();
  }

  /** Patches a released lock's clone (which took the patches meanwhile) into the live element. */
  applyLockClone(element: Element, clone: Element, ref: number): void {
    this.guard("lock release", () => {
      patchLockedElement(this, element, clone, ref);
      this.#children.joinNew();
    });
  }

  // ── Errors ────────────────────────────────────────────────────────────────────────────

  #onError(reason: unknown): void {
    this.#onClose(reason);
    if (this.runtime.socket.isConnected()) this.report(DiagnosticCode.crashed, `the view crashed: ${JSON.stringify(reason)}`, "app");
    if (!this.runtime.isUnloaded()) this.showError(this.runtime.socket.isConnected() ? "server-error" : "client-error");
  }

  #onClose(reason: unknown): void {
    if (this.#destroyed) return;
    if (this.isMain() && this.runtime.hasPendingLink() && reason !== "leave") {
      this.runtime.reloadWithJitter(this);
      return;
    }
    this.#children.destroyAll();
    if (this.runtime.isUnloaded()) this.#container.showLoader(200);
  }

  /** Shows the error state (spec §3.11); for the main view a page loading of kind `error` starts too. */
  showError(status: "client-error" | "server-error"): void {
    if (this.isMain()) this.runtime.pageLoading({ to: this.#href, kind: "error" });
    this.#container.showError(status);
  }

  /**
   * Recovers from server input the client cannot use: report it, then leave and join again so
   * the server sends a fresh full render. Bounded, so a server that keeps sending bad input
   * leaves the view in its error state instead of looping.
   */
  #forceRejoin(code: DiagnosticCode, message: string): void {
    this.report(code, `${message}; rejoining`, "internal");
    if (this.#destroyed) return;
    this.#forcedRejoins += 1;
    const old = this.channel;
    old.leave();
    this.tree.dropWaiting();
    this.#pendingJoinOps = [];
    this.#joinPending = true;
    if (this.#forcedRejoins > MAX_FORCED_REJOINS) {
      this.showError("server-error");
      return;
    }
    this.#container.showLoader(this.runtime.loaderTimeoutMs);
    this.#openChannel();
  }

  /** Runs a channel callback; anything it throws becomes a diagnostic and a rejoin, never an uncaught error. */
  guard(label: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.#forceRejoin(DiagnosticCode.internalError, `handling ${label} failed: ${describeError(error)}`);
    }
  }

  report(code: DiagnosticCode, message: string, attribution: DiagnosticAttribution, metadata?: Record<string, unknown>): void {
    reportError(code, message, { viewId: this.id, attribution, ...(metadata === undefined ? {} : { metadata }) });
  }

  // ── Nested views, destruction ────────────────────────────────────────────────────

  /** Destroys the nested view with this container id, anywhere below this view. */
  destroyDescendant(id: string): boolean {
    return this.#children.destroyDescendant(id);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#children.destroyAll();
    this.#destroyed = true;
    // `pop_focus` must not return focus into a view that is gone.
    dropFocusStackEntriesWithin(this.el);
    this.#container.dispose();
    if (this.parent !== null) this.parent.#children.forget(this.id);
    const state = peekElementState(this.el);
    if (state?.view === this) delete state.view;
    markViewContainerDestroyed(this.el);
    this.hooks.destroyAll();
    this.channel?.leave();
  }
}
