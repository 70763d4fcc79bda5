import { ErrorReason, isJsonObject, type JsonObject, type Payload, type RenderedRoot } from "@cinder/protocol";
import type { ChannelSocket, TerminateReason } from "../../channel/channel-definition.js";
import { error as errorReply, ok, stop, type HandleInfoResult, type HandleInResult, type JoinResult } from "../../channel/results.js";
import { decodeEventPayload, type DecodedEvent } from "../events/event-payload.js";
import { errorMessage, serverError } from "../../errors/error-registry.js";
import { bindLifetime, lifetimeOf } from "../../process/process-lifetime.js";
import type { LiveRuntime } from "../live-runtime.js";
import { historyKind, type HistoryKind, type Navigation } from "../navigation/navigation.js";
import type { RegisteredView } from "../routes/live-routes.js";
import type { ViewSessionClaims } from "../session/view-tokens.js";
import { trackConnectedView } from "../dev/connected-views.js";
import { RenderTracker } from "../template/render-tracker.js";
import { safe, type SafeHtml } from "../template/safe-html.js";
import { withLiveRenderHost, type LiveRenderHost, type LiveRenderOptions } from "./live-render.js";
import { eventHandlerOf, type AnyLiveView, type LiveViewTerminateReason } from "./live-view.js";
import { callHandleParams, mountView, paramsOf, resolveLocalUrl } from "./mount-pipeline.js";
import { joinFlash, parseAbsoluteUrl, resolveJoinTarget } from "./view-join.js";
import { callViewCallback, callViewCallbackSync } from "./view-callbacks.js";
import { containerHtml, LIVEVIEW_VERSION } from "./view-container.js";
import { renderViewTemplate } from "./view-render.js";
import { ViewState, type ViewProcessBackend } from "./view-state.js";

/** What the `/live` socket's `connect` leaves for every view joined on the connection. */
export interface LiveConnectionAssigns {
  /** Fingerprint of the connection's CSRF secret; `undefined` when `_csrf_token` did not match (→ every join is `stale`). */
  readonly csrfFingerprint: string | undefined;
  /** What the `socketId` option named this connection (`undefined`: anonymous), read by the socket's `id`. */
  readonly socketId?: string | undefined;
}

/** A running view: what was mounted and where. */
interface Mounted {
  readonly registered: RegisteredView;
  readonly state: ViewState;
  readonly claims: ViewSessionClaims;
  /** The page URL (root views); patches move it. */
  url: URL | undefined;
}

/** A navigation that leaves this view (the patches have been applied by then). */
type LeavingNavigation = Exclude<Navigation, { kind: "patch" }>;

/** How the outcome of a callback reaches the client: the reply to a push, or pushes of its own. */
type Delivery = { readonly kind: "reply"; readonly hookReply?: JsonObject | undefined } | { readonly kind: "push" };

/** An interval's tick; re-armed when it arrives, dropped once the interval was cancelled. */
class IntervalTick {
  constructor(
    readonly intervalId: number,
    readonly ms: number,
    readonly message: unknown,
  ) {}
}

/** `cinder dev` swapped the view's code: render again with the assigns as they are. */
class RenderAgain {}

/** More patches than this from one callback is a loop (handleParams patching itself). */
const MAX_PATCHES_PER_CALLBACK = 10;
/** Unknown events are logged once per name and view, for this many names. */
const MAX_LOGGED_UNKNOWN_EVENTS = 32;
/** Cached nested-view containers; past this, the cache starts over. */
const MAX_CACHED_CHILDREN = 256;
const TOPIC_PREFIX = "lv:";

/**
 * One connected LiveView: the state behind the `lv:<id>` channel it lives in. The channel process
 * gives it a FIFO mailbox, timers and subscriptions that end with it, and crash isolation (a
 * thrown error becomes `phx_error` for this topic only); this class adds the LiveView protocol on
 * top (spec §3.3–§3.10): join, events, patches, navigation, renders and diffs.
 *
 * Invariants:
 * - every client push gets exactly one reply (errors included), except when the view crashes;
 * - a render happens only when assigns (or components/streams) changed; an empty diff is `{}`;
 * - a navigation away (redirect, pushNavigate) ends the process with `phx_close`.
 */
export class LiveViewProcess {
  readonly #runtime: LiveRuntime;
  readonly #channel: ChannelSocket<LiveConnectionAssigns>;
  readonly #id: string;
  #mounted: Mounted | undefined;
  #tracker: RenderTracker | undefined;
  readonly #intervals = new Map<number, () => void>();
  #nextIntervalId = 1;
  readonly #loggedUnknownEvents = new Set<string>();
  #loggedUnhandledInfo = false;
  readonly #childContainers = new Map<string, { readonly cacheKey: string; readonly html: SafeHtml }>();
  readonly #childHost: LiveRenderHost = { renderChild: (view, options) => this.#childContainer(view, options) };
  #untrack: (() => void) | undefined;

  constructor(runtime: LiveRuntime, channel: ChannelSocket<LiveConnectionAssigns>) {
    this.#runtime = runtime;
    this.#channel = channel;
    this.#id = channel.topic.slice(TOPIC_PREFIX.length);
  }

  // ---- join (spec §3.3) ---------------------------------------------------------------------

  async join(payload: JsonObject): Promise<JoinResult> {
    const csrf = this.#channel.assigns.csrfFingerprint;
    if (csrf === undefined) return this.#refuse("stale", "the connection's _csrf_token does not match its CSRF cookie");
    const verified = this.#runtime.tokens.verifySession(payload.session);
    if (!verified.ok) return this.#refuse("stale", `the session token is ${verified.reason}`);
    const claims = verified.claims;
    if (claims.id !== this.#id) return this.#refuse("stale", "the session token belongs to another container id");
    if (claims.csrf !== csrf) return this.#refuse("stale", "the session token was issued for another CSRF cookie");
    const target = resolveJoinTarget(this.#runtime.routes, claims, payload);
    if (!target.ok) return this.#refuse(target.reason, target.detail);

    const connectParams = isJsonObject(payload.params) ? payload.params : {};
    const state = new ViewState({
      id: this.#id,
      viewLabel: target.registered.label,
      connected: true,
      connectParams,
      flash: joinFlash(this.#runtime.tokens, payload, claims, connectParams),
      backend: this.#backend(),
      logger: this.#runtime.logger,
    });
    // The view lives exactly as long as its channel: what is held for the view (Presence) ends with it.
    const lifetime = lifetimeOf(this.#channel);
    if (lifetime !== undefined) bindLifetime(state.socket, lifetime);
    const mounted: Mounted = { registered: target.registered, state, claims, url: target.url };
    this.#mounted = mounted;
    this.#tracker = new RenderTracker({ resolveComponent: (ref) => state.extensions.components.resolveComponent(ref) });

    state.beginCallback();
    const navigation = await mountView({ registered: target.registered, onMount: target.onMount, params: target.params, session: claims.session, url: target.url, state });
    const { rest, lastPatch } = await this.#followPatches(navigation, false);
    if (rest !== undefined) {
      return errorReply(rest.kind === "redirect" ? { redirect: this.#navigationPayload(rest) } : { live_redirect: this.#navigationPayload(rest) });
    }
    const response: JsonObject = { rendered: this.#renderDiff() as JsonObject, liveview_version: LIVEVIEW_VERSION };
    if (lastPatch !== undefined) response.live_patch = lastPatch;
    this.#untrack = trackConnectedView(target.registered.view, { renderAgain: () => void this.#channel.sendAfter(0, new RenderAgain()) });
    return ok(response);
  }

  #refuse(reason: "stale" | "unauthorized", detail: string): JoinResult {
    this.#runtime.logger.debug(
      { code: "CINDER_LIVE_JOIN_REFUSED", topic: this.#channel.topic, reason },
      errorMessage("CINDER_LIVE_JOIN_REFUSED", this.#channel.topic, reason, detail),
    );
    return errorReply({ reason });
  }

  // ---- client pushes (spec §3.8) ------------------------------------------------------------

  async handleIn(event: string, payload: Payload): Promise<HandleInResult> {
    switch (event) {
      case "event":
        return this.#handleEvent(payload);
      case "live_patch":
        return this.#handleLivePatch(payload);
      case "cids_will_destroy": {
        const cids = cidsOf(payload);
        if (cids === undefined) return this.#malformed(event, "cids must be an array of integers");
        this.#view.state.extensions.components.cidsWillDestroy(cids);
        return ok({});
      }
      case "cids_destroyed": {
        const cids = cidsOf(payload);
        if (cids === undefined) return this.#malformed(event, "cids must be an array of integers");
        return ok({ cids: this.#view.state.extensions.components.cidsDestroyed(cids) });
      }
      default:
        // allow_upload, progress (uploads are not supported yet) and anything a client invents.
        this.#logUnknownEvent(`channel event ${event}`);
        return errorReply({ reason: "unknown event", event });
    }
  }

  async #handleEvent(payload: Payload): Promise<HandleInResult> {
    const decoded = decodeEventPayload(payload);
    if (!decoded.ok) return this.#malformed("event", decoded.problem);
    const { state, registered } = this.#view;
    const event = decoded.event;
    state.beginCallback();
    if (event.cid !== undefined) {
      const outcome = await state.extensions.components.handleEvent(event.cid, event);
      if (outcome.kind === "refused") return errorReply(outcome.response);
      return this.#afterCallback({ kind: "reply", hookReply: outcome.kind === "handled" ? outcome.reply : undefined });
    }
    if (event.event === "lv:clear-flash") {
      const key = isJsonObject(event.value) ? event.value.key : undefined;
      state.clearFlash(typeof key === "string" ? key : undefined);
      return this.#afterCallback({ kind: "reply" });
    }
    const handler = eventHandlerOf(registered.view, event.event);
    if (handler === undefined) {
      this.#logUnknownEvent(event.event);
      return errorReply({ reason: "unknown event", event: event.event });
    }
    const handlers = registered.view.definition.handleEvent;
    const result: unknown = await callViewCallback(registered.label, `handleEvent ${JSON.stringify(event.event)}`, () => handler.call(handlers, event.value, state.socket));
    return this.#afterCallback({ kind: "reply", hookReply: hookReplyOf(result, registered.label, event) });
  }

  /** Spec §3.10.1: same view → handleParams; another view (or none) → let the client navigate. */
  async #handleLivePatch(payload: Payload): Promise<HandleInResult> {
    const url = isJsonObject(payload) && typeof payload.url === "string" ? parseAbsoluteUrl(payload.url) : undefined;
    if (url === undefined) return this.#malformed("live_patch", "url must be an absolute URL");
    const mounted = this.#view;
    const route = this.#runtime.routes.match(url.pathname);
    if (mounted.claims.parent !== null || route === undefined || route.key !== mounted.registered.key) return ok({ link_redirect: true });
    mounted.state.beginCallback();
    mounted.url = url;
    await callHandleParams(mounted.registered, paramsOf(url, route.pathParams), url, mounted.state);
    return this.#afterCallback({ kind: "reply" });
  }

  // ---- messages and timers ------------------------------------------------------------------

  async handleInfo(message: unknown): Promise<HandleInfoResult> {
    if (this.#mounted === undefined) return;
    if (message instanceof IntervalTick) {
      if (!this.#intervals.has(message.intervalId)) return;
      this.#armInterval(message.intervalId, message.ms, message.message);
      message = message.message;
    }
    const { state, registered } = this.#mounted;
    if (message instanceof RenderAgain) {
      state.beginCallback();
      state.markDirty();
      state.extensions.components.markAllDirty();
      return (await this.#afterCallback({ kind: "push" })) as HandleInfoResult;
    }
    const handleInfo = registered.view.definition.handleInfo;
    if (handleInfo === undefined) {
      if (!this.#loggedUnhandledInfo) {
        this.#loggedUnhandledInfo = true;
        this.#runtime.logger.warn({ code: "CINDER_LIVE_UNHANDLED_INFO", topic: this.#channel.topic, view: registered.label }, errorMessage("CINDER_LIVE_UNHANDLED_INFO", registered.label));
      }
      return;
    }
    state.beginCallback();
    await callViewCallback(registered.label, "handleInfo", () => handleInfo.call(registered.view.definition, message, state.socket));
    // A push delivery never produces a reply, only `undefined` or a stop.
    return (await this.#afterCallback({ kind: "push" })) as HandleInfoResult;
  }

  async terminate(reason: TerminateReason): Promise<void> {
    this.#untrack?.();
    for (const cancel of this.#intervals.values()) cancel();
    this.#intervals.clear();
    const mounted = this.#mounted;
    if (mounted === undefined) return;
    mounted.state.detachBackend();
    const terminate = mounted.registered.view.definition.terminate;
    if (terminate === undefined) return;
    await callViewCallback(mounted.registered.label, "terminate", () => terminate.call(mounted.registered.view.definition, reason as LiveViewTerminateReason, mounted.state.socket));
  }

  #backend(): ViewProcessBackend {
    return {
      subscribe: (topic) => this.#channel.subscribe(topic),
      unsubscribe: (topic) => this.#channel.unsubscribe(topic),
      sendAfter: (ms, message) => this.#channel.sendAfter(ms, message),
      sendInterval: (ms, message) => {
        const intervalId = this.#nextIntervalId++;
        this.#armInterval(intervalId, ms, message);
        return () => {
          this.#intervals.get(intervalId)?.();
          this.#intervals.delete(intervalId);
        };
      },
    };
  }

  #armInterval(intervalId: number, ms: number, message: unknown): void {
    this.#intervals.set(intervalId, this.#channel.sendAfter(ms, new IntervalTick(intervalId, ms, message)));
  }

  // ---- after a callback: navigation, render, reply ------------------------------------------

  /**
   * Turns what a callback left (navigation, assigns, title, events) into frames, in Phoenix's
   * order: `live_patch` push before the reply; a redirect answers the push (or is pushed), after
   * a `diff` push carrying pending events, then the view stops (`phx_close`).
   */
  async #afterCallback(delivery: Delivery): Promise<HandleInResult> {
    const { state } = this.#view;
    const { rest: navigation } = await this.#followPatches(state.takeNavigation(), true);
    if (navigation !== undefined) {
      const events = state.takeEvents();
      if (events.length > 0) this.#channel.push("diff", { e: events } as unknown as JsonObject);
      const kind = navigation.kind === "redirect" ? "redirect" : "live_redirect";
      const payload = this.#navigationPayload(navigation);
      if (delivery.kind === "reply") return stop(kind, ok({ [kind]: payload }));
      this.#channel.push(kind, payload);
      return stop(kind);
    }
    const diff = this.#renderDiff();
    if (delivery.kind === "push") {
      if (!isEmpty(diff)) this.#channel.push("diff", diff as JsonObject);
      return undefined;
    }
    if (delivery.hookReply !== undefined) diff.r = delivery.hookReply;
    return ok(isEmpty(diff) ? {} : { diff: diff as JsonObject });
  }

  /** Applies patches (each runs handleParams) until a callback leaves none; returns what is left. */
  async #followPatches(navigation: Navigation | undefined, announce: boolean): Promise<{ rest: LeavingNavigation | undefined; lastPatch: { to: string; kind: HistoryKind } | undefined }> {
    const mounted = this.#view;
    let lastPatch: { to: string; kind: HistoryKind } | undefined;
    let count = 0;
    while (navigation?.kind === "patch") {
      if (++count > MAX_PATCHES_PER_CALLBACK) throw serverError("CINDER_LIVE_PATCH_LOOP", count - 1);
      if (mounted.url === undefined) throw serverError("CINDER_LIVE_PATCH_IN_CHILD_VIEW", mounted.registered.label);
      const url = resolveLocalUrl(navigation.to, mounted.url);
      const route = this.#runtime.routes.match(url.pathname);
      if (route === undefined || route.key !== mounted.registered.key) throw serverError("CINDER_LIVE_PATCH_TO_OTHER_VIEW", navigation.to);
      lastPatch = { to: navigation.to, kind: historyKind(navigation.replace) };
      if (announce) this.#channel.push("live_patch", lastPatch);
      mounted.url = url;
      await callHandleParams(mounted.registered, paramsOf(url, route.pathParams), url, mounted.state);
      navigation = mounted.state.takeNavigation();
    }
    return { rest: navigation as LeavingNavigation | undefined, lastPatch };
  }

  #navigationPayload(navigation: LeavingNavigation): JsonObject {
    const payload: JsonObject = { to: navigation.to };
    if (navigation.kind === "navigate") payload.kind = historyKind(navigation.replace);
    const flash = this.#view.state.flashPutInCallback;
    if (Object.keys(flash).length > 0) payload.flash = this.#runtime.tokens.signFlash(flash);
    return payload;
  }

  /** The view's diff since the last render (the full tree the first time), with `t` and `e`. */
  #renderDiff(): RenderedRoot {
    const { registered, state } = this.#view;
    const tracker = this.#tracker as RenderTracker;
    let diff: RenderedRoot = {};
    if (state.dirty) {
      let fullRender = false;
      // Only live components changed: their diffs go out alone (a component-only patch).
      if (state.viewNeedsRender) {
        const template = renderViewTemplate(registered, state, this.#childHost);
        diff = callViewCallbackSync(registered.label, "render", () => withLiveRenderHost(this.#childHost, () => tracker.render(template))) as RenderedRoot;
        fullRender = tracker.lastRenderWasFull;
      }
      // Component renders may place nested views too.
      withLiveRenderHost(this.#childHost, () => state.extensions.components.completeDiff(diff, fullRender));
      state.markRendered(registered.view.definition.temporaryAssigns);
      state.extensions.streams.renderCommitted();
      state.extensions.components.renderCommitted();
    }
    const title = state.takeTitleChange();
    if (title !== undefined) diff.t = title;
    const events = state.takeEvents();
    if (events.length > 0) diff.e = events;
    return diff;
  }

  /**
   * A nested view's container, rendered by this (connected) view: empty, with `data-phx-static=""`
   * (spec §3.1). The token is cached per child id, so re-renders produce the same bytes and send
   * nothing for an unchanged child.
   */
  #childContainer(view: AnyLiveView, options: LiveRenderOptions): SafeHtml {
    const { registered, claims } = this.#view;
    const child = this.#runtime.routes.registerNested(view, registered.key, options.id);
    const session = { ...claims.session, ...options.session };
    const cacheKey = `${child.key}\0${JSON.stringify(session)}`;
    const cached = this.#childContainers.get(options.id);
    if (cached?.cacheKey === cacheKey) return cached.html;
    const sessionToken = this.#runtime.tokens.signSession({ id: options.id, view: child.key, liveSession: null, parent: this.#id, session, csrf: claims.csrf });
    const html = safe(containerHtml({ id: options.id, sessionToken, staticToken: "", main: false, parentId: this.#id, innerHtml: "" }));
    if (this.#childContainers.size >= MAX_CACHED_CHILDREN) this.#childContainers.clear();
    this.#childContainers.set(options.id, { cacheKey, html });
    return html;
  }

  // ---- bad input ----------------------------------------------------------------------------

  #malformed(event: string, problem: string): HandleInResult {
    const label = this.#mounted?.registered.label ?? this.#channel.topic;
    this.#runtime.logger.warn({ code: "CINDER_LIVE_MALFORMED_MESSAGE", topic: this.#channel.topic, event }, errorMessage("CINDER_LIVE_MALFORMED_MESSAGE", label, event, problem));
    return errorReply({ reason: ErrorReason.malformedPayload });
  }

  /** Logged once per name (a hostile client sending many names is capped). */
  #logUnknownEvent(event: string): void {
    if (this.#loggedUnknownEvents.has(event) || this.#loggedUnknownEvents.size >= MAX_LOGGED_UNKNOWN_EVENTS) return;
    this.#loggedUnknownEvents.add(event);
    const label = this.#mounted?.registered.label ?? this.#channel.topic;
    this.#runtime.logger.warn({ code: "CINDER_LIVE_UNKNOWN_EVENT", topic: this.#channel.topic, event }, errorMessage("CINDER_LIVE_UNKNOWN_EVENT", label, event));
  }

  /** The mounted view; pushes only reach a process whose join succeeded. */
  get #view(): Mounted {
    const mounted = this.#mounted;
    if (mounted === undefined) throw new Error(`LiveView ${this.#channel.topic} received a push before it was mounted`);
    return mounted;
  }
}

/** A handler's return value: nothing, or `{ reply: object }` for a hook's pushEvent. */
function hookReplyOf(result: unknown, label: string, event: DecodedEvent): JsonObject | undefined {
  if (result === undefined || result === null) return undefined;
  if (isJsonObject(result) && Object.keys(result).length === 1 && isJsonObject(result.reply)) return result.reply;
  throw serverError("CINDER_LIVE_INVALID_EVENT_REPLY", label, event.event);
}

function cidsOf(payload: Payload): number[] | undefined {
  if (!isJsonObject(payload) || !Array.isArray(payload.cids)) return undefined;
  const cids = payload.cids;
  return cids.every((cid) => typeof cid === "number" && Number.isSafeInteger(cid)) ? (cids as number[]) : undefined;
}

function isEmpty(diff: RenderedRoot): boolean {
  for (const _key in diff) return false;
  return true;
}
