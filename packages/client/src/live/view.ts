import { RenderedTree, isJsonObject, splitDiffExtras, type JsonObject, type PushedEvent, type RenderedRoot, type StreamInstruction } from "@cinder/protocol";
import type { Channel } from "../channels/channel.js";
import { PhxAttribute, VIEW_SELECTOR, type BindingName } from "../dom/phx-attributes.js";
import { elementState, peekElementState } from "../dom/element-state.js";
import { performViewPatch, markViewContainerDestroyed, type ViewPatchDelegate, type ViewPatchRequest } from "../dom/view-patch.js";
import { replaceContainer } from "../dom/container-replace.js";
import { submitOverHttp } from "../dom/form-submit.js";
import { dropPendingMarks } from "../bindings/pending-marks.js";
import { HookRegistry } from "../hooks/hook-registry.js";
import { ContainerState } from "./container-state.js";
import { EventPusher, type TargetContext } from "./event-pusher.js";
import { pushHookEvent, withinTargets } from "./view-targets.js";
import { recoveriesFor, snapshotForms, type FormSnapshot } from "./form-recovery.js";
import { joinPayload } from "./join-payload.js";
import { clearReloads, absoluteUrl } from "./browser.js";
import { putTitle } from "./title.js";
import { DiagnosticCode, callUserCode, describeError, reportDiagnostic, reportError, type DiagnosticAttribution } from "./diagnostics.js";
import { LiveDefaults } from "./defaults.js";
import { forgetFocusWithin } from "./js-bridge.js";
import { ComponentLifecycle } from "./component-lifecycle.js";
import type { LiveRuntime } from "./runtime.js";

/** Server events of a LiveView topic; anything else is reported as unknown. */
const KNOWN_SERVER_EVENTS = new Set(["diff", "redirect", "live_patch", "live_redirect", "phx_reply", "phx_error", "phx_close"]);

/** Consecutive rejoins the client forces after bad server input before it gives up. */
const MAX_FORCED_REJOINS = 3;

interface PendingDiff {
  diff: RenderedRoot;
  events: readonly PushedEvent[];
  /** The join the diff was computed against; a diff from an earlier join is dropped. */
  joinCount: number;
}

/** Called once the first join reply is rendered, before it is patched in (live navigation swaps containers here). */
export type BeforeJoinPatch = (joinCount: number, proceed: () => void) => void;

/**
 * One LiveView in the page: its container, its `lv:<id>` channel and its rendered tree.
 * Joins (and rejoins), applies diffs, sends events through its EventPusher, and keeps the
 * hooks and nested views of its container in step.
 *
 * Invariant: the DOM is only patched while the view is joined; diffs and navigation pushes that
 * arrive during a join are queued and applied after the join patch.
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
  channel!: Channel;
  joinCount: number;
  #joinAttempts = 0;
  #joinPending = true;
  #destroyed = false;
  #tree: RenderedTree | null = null;
  #pendingDiffs: PendingDiff[] = [];
  #pendingJoinOps: Array<() => void> = [];
  readonly #children = new Map<string, View>();
  readonly #container: ContainerState;
  readonly #components: ComponentLifecycle;
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
      report: (code, message, metadata) => reportError(code, message, { viewId: this.id, attribution: "app", metadata }),
      pushHookEvent: (source, target, event, payload) => pushHookEvent(this, source, target, event, payload),
    });
    this.pusher = new EventPusher(this);
    this.#components = new ComponentLifecycle(this);
    this.#container = new ContainerState({
      container: () => this.el,
      loaderTimeoutMs: runtime.loaderTimeoutMs,
      disconnectedTimeoutMs: runtime.disconnectedTimeoutMs,
      onShowLoader: () => this.hooks.disconnected(),
      runLifecycleCommands: (binding) => this.#execAll(binding),
    });
  }

  get binding(): BindingName {
    return this.runtime.binding;
  }

  get href(): string | null {
    return this.#href;
  }

  get tree(): RenderedTree | null {
    return this.#tree;
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

  isJoinPending(): boolean {
    return this.#joinPending;
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
    const channel = this.runtime.socket.channel(`lv:${this.id}`, () => this.#joinPayload());
    this.channel = channel;
    channel.onMessage = (event, payload) => {
      if (!KNOWN_SERVER_EVENTS.has(event) && !event.startsWith("chan_reply_")) {
        this.report(DiagnosticCode.unknownServerEvent, `the server sent an unknown event "${event}" on lv:${this.id}; it was ignored`, "internal", { event });
      }
      return payload;
    };
    const current = (run: () => void) => () => {
      if (this.channel === channel) run();
    };
    channel.on("diff", (raw) => this.runtime.afterTransitions(() => this.guard("diff", current(() => this.#receiveDiff(raw)))));
    channel.on("redirect", (payload) => this.guard("redirect", current(() => this.#onRedirect(payload))));
    channel.on("live_redirect", (payload) => this.guard("live_redirect", current(() => this.#onLiveRedirect(payload))));
    channel.on("live_patch", (payload) =>
      this.guard("live_patch", current(() => this.#whenJoined(() => this.#onLivePatch(payload)))),
    );
    channel.onError((reason) => this.guard("channel error", current(() => this.#onError(reason))));
    channel.onClose((reason) => this.guard("channel close", current(() => this.#onClose(reason))));
    channel
      .join()
      .receive("ok", (response) => this.runtime.afterTransitions(() => this.guard("join reply", current(() => this.#onJoin(response)))))
      .receive("error", (response) => this.guard("join error", current(() => this.#onJoinError(isJsonObject(response) ? response : {}))))
      .receive("timeout", () => this.guard("join timeout", current(() => this.#onJoinError({ reason: "timeout" }))));
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
    if (this.isMain() && history.state === null) this.runtime.replaceInitialHistory(this.id);
    if (typeof response.liveview_version === "string" && response.liveview_version !== this.runtime.version) {
      reportDiagnostic({
        level: "debug",
        code: DiagnosticCode.versionMismatch,
        message: `the server speaks LiveView ${response.liveview_version}, this client ${this.runtime.version}`,
        viewId: this.id,
        attribution: "app",
      });
    }
    if (typeof response.pid === "string") this.el.setAttribute(PhxAttribute.pid, response.pid);
    clearReloads(this.runtime.localStorage, window.location.pathname);
    const livePatch = isJsonObject(response.live_patch) ? response.live_patch : null;

    this.#applyDiff("mount", response.rendered, ({ diff, events }) => {
      let rendered: { html: string; streams: StreamInstruction[] };
      try {
        this.#tree = new RenderedTree(diff, this.id);
        rendered = this.#tree.toHtml();
      } catch (error) {
        this.#tree = null;
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
    this.#patch({ html, streams, isJoin: true });
    this.#joinNewChildren();
    this.#mountNew(this.el);
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

  #recoverForms(html: string, done: () => void): void {
    const recoveries = recoveriesFor(html, this.root.#formsForRecovery, this.binding, this.id);
    if (recoveries.length === 0) {
      done();
      return;
    }
    let pending = recoveries.length;
    for (const { snapshot, event, value, cid } of recoveries) {
      const payload: JsonObject = {
        type: "form",
        event,
        value: snapshot.value,
        meta: { _target: snapshot.target, ...snapshot.meta, ...(value as JsonObject | undefined) },
        uploads: {},
      };
      if (cid !== null) payload.cid = cid;
      // Every recovery must be answered before the join patch; failures only delay nothing.
      void this.pusher.pushWithReply(null, "event", payload).then(() => {
        pending -= 1;
        if (pending === 0) done();
      });
    }
  }

  #onJoinError(response: JsonObject): void {
    if (Array.isArray(response.events)) this.runtime.dispatchServerEvents(response.events as unknown as PushedEvent[]);
    const mainHref = this.runtime.mainView()?.href ?? window.location.href;
    if (response.reason === "reload") {
      this.report(DiagnosticCode.joinRefused, `mount failed with status ${String(response.status)}; reloading the page`, "app");
      this.runtime.redirect(mainHref, null, typeof response.token === "string" ? response.token : null);
      return;
    }
    if (response.reason === "unauthorized" || response.reason === "stale") {
      this.report(DiagnosticCode.joinRefused, `join refused (${response.reason}); loading the page again over HTTP`, "app");
      this.runtime.redirect(mainHref, this.#flash, null);
      return;
    }
    if (isJsonObject(response.redirect) || isJsonObject(response.live_redirect)) {
      this.#joinPending = false;
      this.channel.leave();
      if (isJsonObject(response.redirect)) this.#onRedirect(response.redirect);
      else this.#onLiveRedirect(response.live_redirect);
      return;
    }
    const timedOut = response.reason === "timeout";
    this.report(
      timedOut ? DiagnosticCode.joinTimeout : DiagnosticCode.joinFailed,
      timedOut ? "the join timed out" : `unable to join: ${JSON.stringify(response)}`,
      timedOut ? "network" : "app",
    );
    if (this.isMain()) {
      this.#displayError("server-error");
      if (this.runtime.socket.isConnected()) this.runtime.reloadWithJitter(this);
    } else if (this.#joinAttempts >= LiveDefaults.maxChildJoinAttempts) {
      this.root.#displayError("server-error");
      this.report(DiagnosticCode.mountAttemptsExhausted, `gave up joining after ${LiveDefaults.maxChildJoinAttempts} attempts`, "app");
      this.destroy();
    } else {
      this.#displayError("server-error");
    }
  }

  // ── Diffs ─────────────────────────────────────────────────────────────────────────────

  #receiveDiff(raw: unknown): void {
    this.#applyDiff("update", raw, ({ diff, events }) => this.update(diff, events));
  }

  /** Applies a reply's diff: `beforeUpdate` releases the event's marks first, `finish` gets the hook reply. */
  applyReplyDiff(raw: unknown, beforeUpdate: () => void, finish: (reply: unknown) => void): void {
    this.runtime.afterTransitions(() =>
      this.guard("event reply diff", () =>
        this.#applyDiff("update", raw, ({ diff, reply, events }) => {
          beforeUpdate();
          this.update(diff, events);
          finish(reply);
        }),
      ),
    );
  }

  #applyDiff(
    kind: "mount" | "update",
    raw: unknown,
    apply: (parts: { diff: RenderedRoot; reply: unknown; events: readonly PushedEvent[] }) => void,
  ): void {
    if (!isJsonObject(raw)) {
      this.#forceRejoin(DiagnosticCode.malformedDiff, `a ${kind} render must be a JSON object, got ${JSON.stringify(raw)?.slice(0, 80)}`);
      return;
    }
    const { diff, reply, events, title } = splitDiffExtras(raw as RenderedRoot);
    const eventList = Array.isArray(events) ? events.filter((event) => Array.isArray(event) && typeof event[0] === "string") : [];
    this.runtime.dispatchServerEvents(eventList.filter((event) => event[2] === true));
    apply({ diff, reply, events: eventList.filter((event) => event[2] !== true) });
    if (typeof title === "string" || (kind === "mount" && this.isMain())) putTitle(title);
  }

  /** Merges a diff and patches the DOM; returns false when it was queued instead (join pending). */
  update(diff: RenderedRoot, events: readonly PushedEvent[], alreadyQueued = false): boolean {
    if (this.#joinPending || (this.runtime.hasPendingLink() && this.root.isMain()) || this.#tree === null) {
      if (!alreadyQueued) this.#pendingDiffs.push({ diff, events, joinCount: this.joinCount });
      return false;
    }
    const tree = this.#tree;
    try {
      tree.merge(diff);
      if (RenderedTree.isComponentOnlyDiff(diff)) {
        for (const cid of this.#components.existingParents(RenderedTree.componentIds(diff))) {
          const { html, streams } = tree.componentToHtml(cid);
          this.#patch({ html, streams, componentId: cid, isJoin: false });
        }
      } else if (Object.keys(diff).length > 0) {
        const { html, streams } = tree.toHtml({ onlyComponents: new Set(RenderedTree.componentIds(diff)) });
        this.#patch({ html, streams, isJoin: false });
      }
    } catch (error) {
      this.#forceRejoin(DiagnosticCode.malformedDiff, `a diff does not fit the rendered tree: ${describeError(error)}`);
      return true;
    }
    this.#forcedRejoins = 0;
    this.runtime.dispatchServerEvents(events);
    this.#joinNewChildren();
    return true;
  }

  applyPendingUpdates(): void {
    this.#pendingDiffs = this.#pendingDiffs.filter(({ diff, events, joinCount }) => {
      // A rejoin replaced the tree; a diff computed against the old one cannot merge into it.
      if (joinCount !== this.joinCount) return false;
      return !this.update(diff, events, true);
    });
    for (const child of this.#children.values()) child.applyPendingUpdates();
  }

  #patch(request: Omit<ViewPatchRequest, "container" | "viewId">): void {
    performViewPatch({ container: this.el, viewId: this.id, ...request }, this.#patchDelegate(!request.isJoin));
  }

  /** Patches a released lock's clone (which took the patches meanwhile) into the live element. */
  applyLockClone(element: Element, clone: Element, ref: number): void {
    this.guard("lock release", () => {
      performViewPatch(
        { container: element, viewId: this.id, html: clone, streams: [], isJoin: false, undoRef: ref, withContainer: true },
        this.#patchDelegate(true),
      );
      this.#joinNewChildren();
    });
  }

  #patchDelegate(pruneComponents: boolean): ViewPatchDelegate {
    return {
      binding: this.binding,
      ownsElement: (element) => this.ownsElement(element),
      beforeElementUpdated: (from, to) => this.hooks.beforeUpdate(from, to),
      elementAdded: (element) => {
        this.hooks.elementAdded(element);
        this.#maybeMounted(element);
      },
      elementUpdated: (element) => this.hooks.elementUpdated(element),
      elementsDiscarded: (elements) => {
        this.hooks.elementsDiscarded(elements);
        if (pruneComponents) this.#components.elementsRemoved(elements);
      },
      childViewAdded: (container) => {
        if (container.hasAttribute(PhxAttribute.sticky)) this.runtime.joinRootViews();
      },
      childViewRemoved: (container) => this.runtime.destroyViewByElement(container),
      removeWithCommands: (elements, remove) => {
        for (const element of elements) this.runtime.execCommands(element, element.getAttribute(this.binding("remove")) ?? "", "remove");
        // Hide transitions of phx-remove play before the elements leave.
        this.runtime.afterTransitions(() => this.guard("phx-remove", remove));
      },
      reapplyClientState: (live, incoming) => this.runtime.reapplyClientState(live, incoming),
      triggerFormAction: (form) => this.#submitOverHttp(form),
      report: (code, message, metadata) => reportError(code as DiagnosticCode, message, { viewId: this.id, attribution: "app", metadata }),
      silenced: (run) => this.runtime.silenced(run),
    };
  }

  // ── Server navigation and errors ─────────────────────────────────────────────────────

  /** Follows `redirect`, `live_patch` or `live_redirect` in an event reply. */
  followNavigationReply(response: JsonObject): void {
    if (isJsonObject(response.redirect)) this.#onRedirect(response.redirect);
    if (isJsonObject(response.live_patch)) this.#onLivePatch(response.live_patch);
    if (isJsonObject(response.live_redirect)) this.#onLiveRedirect(response.live_redirect);
  }

  #onRedirect(payload: unknown): void {
    if (!isJsonObject(payload) || typeof payload.to !== "string") return this.#badNavigation("redirect", payload);
    this.runtime.redirect(payload.to, typeof payload.flash === "string" ? payload.flash : null, null);
  }

  #onLivePatch(payload: unknown): void {
    if (!isJsonObject(payload) || typeof payload.to !== "string") return this.#badNavigation("live_patch", payload);
    this.#href = absoluteUrl(payload.to);
    this.runtime.historyPatch(payload.to, payload.kind === "replace" ? "replace" : "push");
  }

  #onLiveRedirect(payload: unknown): void {
    if (!isJsonObject(payload) || typeof payload.to !== "string") return this.#badNavigation("live_redirect", payload);
    const kind = payload.kind === "replace" ? "replace" : "push";
    this.runtime.historyRedirect(absoluteUrl(payload.to), kind, typeof payload.flash === "string" ? payload.flash : null, null, null);
  }

  #badNavigation(event: string, payload: unknown): void {
    this.report(DiagnosticCode.malformedDiff, `"${event}" needs a "to" URL; ignored ${JSON.stringify(payload)?.slice(0, 80)}`, "internal");
  }

  #whenJoined(operation: () => void): void {
    if (this.#joinPending) this.#pendingJoinOps.push(operation);
    else operation();
  }

  #onError(reason: unknown): void {
    this.#onClose(reason);
    if (this.runtime.socket.isConnected()) this.report(DiagnosticCode.crashed, `the view crashed: ${JSON.stringify(reason)}`, "app");
    if (!this.runtime.isUnloaded()) this.#displayError(this.runtime.socket.isConnected() ? "server-error" : "client-error");
  }

  #onClose(reason: unknown): void {
    if (this.#destroyed) return;
    if (this.isMain() && this.runtime.hasPendingLink() && reason !== "leave") {
      this.runtime.reloadWithJitter(this);
      return;
    }
    this.#destroyAllChildren();
    if (this.runtime.isUnloaded()) this.#container.showLoader(200);
  }

  #displayError(status: "client-error" | "server-error"): void {
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
    this.#pendingDiffs = [];
    this.#pendingJoinOps = [];
    this.#joinPending = true;
    if (this.#forcedRejoins > MAX_FORCED_REJOINS) {
      this.#displayError("server-error");
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

  // ── Children, hooks, lifecycle commands ───────────────────────────────────────────────

  #joinNewChildren(): void {
    const selector = `${VIEW_SELECTOR}[${PhxAttribute.parentId}="${CSS.escape(this.id)}"]`;
    for (const container of Array.from(document.querySelectorAll(selector))) {
      if (this.#children.has(container.id) || container.getAttribute(PhxAttribute.session) === "") continue;
      const child = new View(container, this.runtime, this);
      this.#children.set(child.id, child);
      child.join();
    }
  }

  childById(id: string): View | undefined {
    return this.#children.get(id);
  }

  /** Destroys the nested view with this container id, anywhere below this view. */
  destroyDescendant(id: string): boolean {
    const child = this.#children.get(id);
    if (child !== undefined) {
      child.destroy();
      return true;
    }
    for (const descendant of this.#children.values()) if (descendant.destroyDescendant(id)) return true;
    return false;
  }

  #destroyAllChildren(): void {
    for (const child of Array.from(this.#children.values())) child.destroy();
  }

  #mountNew(root: Element): void {
    this.hooks.mountAll(root);
    for (const element of Array.from(root.querySelectorAll(`[${this.binding("mounted")}]`))) this.#maybeMounted(element);
  }

  #maybeMounted(element: Element): void {
    const command = element.getAttribute(this.binding("mounted"));
    if (command === null || !this.ownsElement(element)) return;
    const state = elementState(element);
    if (state.mounted === true) return;
    state.mounted = true;
    this.runtime.execCommands(element, command, "mounted");
  }

  #execAll(binding: "connected" | "disconnected"): void {
    const attribute = this.binding(binding);
    for (const element of Array.from(this.el.querySelectorAll(`[${attribute}]`))) {
      if (this.ownsElement(element)) this.runtime.execCommands(element, element.getAttribute(attribute) ?? "", binding);
    }
  }

  #submitOverHttp(form: HTMLFormElement): void {
    this.runtime.unload();
    submitOverHttp(form, peekElementState(form)?.submitter);
  }

  /** Resolves `target` (element, cid or selector) to views and calls `callback` per target (spec §3.8.4). */
  withinTargets(target: Element | string | number, callback: (view: View, context: TargetContext) => void): void {
    withinTargets(this, target, callback);
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyAllChildren();
    this.#destroyed = true;
    forgetFocusWithin(this.el);
    this.#container.dispose();
    if (this.parent !== null) this.parent.#children.delete(this.id);
    const state = peekElementState(this.el);
    if (state?.view === this) delete state.view;
    markViewContainerDestroyed(this.el);
    this.hooks.destroyAll();
    this.channel?.leave();
  }
}
