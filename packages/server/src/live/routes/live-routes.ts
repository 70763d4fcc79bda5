import type { MaybePromise } from "../../channel/results.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { LiveView, type AnyLiveView, type LiveParams, type LiveSession } from "../view/live-view.js";
import type { LiveViewSocket } from "../view/live-view-socket.js";
import { RoutePattern } from "./route-pattern.js";

/**
 * A guard or setup step shared by every view of a live session. It runs before `mount` on the
 * HTTP render, on every join and on every live navigation. Calling `socket.redirect` or
 * `socket.pushNavigate` halts the mount: later hooks and the view's `mount` do not run.
 *
 * @example
 * ```ts
 * const requireUser: OnMountHook = async (_params, session, socket) => {
 *   const user = typeof session.userId === "string" ? await users.find(session.userId) : undefined;
 *   if (user === undefined) socket.redirect("/login");
 *   else socket.assign({ currentUser: user });
 * };
 * ```
 */
export type OnMountHook = (params: LiveParams, session: LiveSession, socket: LiveViewSocket<Record<string, unknown>>) => MaybePromise<void>;

/**
 * Views that share a layout of trust: live navigation between them stays on one socket and one
 * session token; navigating to a route of another live session reloads the page.
 */
export interface LiveSessionOptions {
  /** Path patterns to views: `"/counter"`, `"/users/:id"`, `"/files/*path"`. */
  readonly routes: Readonly<Record<string, AnyLiveView>>;
  readonly onMount?: readonly OnMountHook[];
}

/** A view reachable on this server, by the key its session tokens name. */
export interface RegisteredView {
  readonly key: string;
  readonly view: AnyLiveView;
  /** For logs: the view's name, or its route. */
  readonly label: string;
  /** `undefined` for nested views (rendered with liveRender, never at a route). */
  readonly liveSession: string | undefined;
}

export interface MatchedRoute extends RegisteredView {
  readonly liveSession: string;
  readonly pattern: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly onMount: readonly OnMountHook[];
}

interface CompiledRoute {
  readonly liveSession: string;
  readonly route: RoutePattern;
  readonly registered: RegisteredView;
  readonly onMount: readonly OnMountHook[];
}

/**
 * The live routes of one app, in declaration order (first match wins), and the registry of views
 * by key. A routed view's key is `"<live session> <pattern>"`, which every node derives the same
 * way from the same options; nested views are registered when a parent first renders them.
 */
export class LiveRoutes {
  readonly #routes: CompiledRoute[] = [];
  readonly #views = new Map<string, RegisteredView>();

  constructor(liveSessions: unknown) {
    if (typeof liveSessions !== "object" || liveSessions === null || Array.isArray(liveSessions)) {
      throw serverError("CINDER_LIVE_INVALID_OPTION", "liveSessions", `must map live session names to { routes: { "/path": View } }, got ${describeValue(liveSessions)}`);
    }
    const declaredIn = new Map<string, string>();
    for (const [liveSession, options] of Object.entries(liveSessions as Record<string, unknown>)) {
      const { routes, onMount } = checkLiveSession(liveSession, options);
      for (const [pattern, view] of Object.entries(routes)) {
        if (!(view instanceof LiveView)) throw serverError("CINDER_LIVE_NOT_A_LIVE_VIEW", `The view of route ${JSON.stringify(pattern)} (live session "${liveSession}")`);
        const route = new RoutePattern(pattern);
        const first = declaredIn.get(pattern);
        if (first !== undefined) throw serverError("CINDER_LIVE_DUPLICATE_ROUTE", pattern, first, liveSession);
        declaredIn.set(pattern, liveSession);
        const key = `${liveSession} ${pattern}`;
        const registered: RegisteredView = { key, view, label: view.name ?? `LiveView at ${pattern}`, liveSession };
        this.#views.set(key, registered);
        this.#routes.push({ liveSession, route, registered, onMount });
      }
    }
  }

  /** Every route, for registering the HTTP handlers. */
  get routes(): ReadonlyArray<{ readonly fastifyPath: string; readonly pattern: string }> {
    return this.#routes.map(({ route }) => ({ fastifyPath: route.fastifyPath, pattern: route.pattern }));
  }

  /** Every route with its view and live session, for `app.cinder.routes()`. */
  get descriptions(): Array<{ readonly path: string; readonly view: string; readonly liveSession: string }> {
    return this.#routes.map(({ route, registered, liveSession }) => ({ path: route.pattern, view: registered.label, liveSession }));
  }

  /** The first route whose pattern matches `pathname` (percent-encoded, without query). */
  match(pathname: string): MatchedRoute | undefined {
    for (const { liveSession, route, registered, onMount } of this.#routes) {
      const pathParams = route.match(pathname);
      if (pathParams !== undefined) return { ...registered, liveSession, pattern: route.pattern, pathParams, onMount };
    }
    return undefined;
  }

  /** The route declared with exactly this pattern (the HTTP handler knows which one it serves). */
  matchPattern(pattern: string, pathname: string): MatchedRoute | undefined {
    const compiled = this.#routes.find((candidate) => candidate.route.pattern === pattern);
    const pathParams = compiled?.route.match(pathname);
    if (compiled === undefined || pathParams === undefined) return undefined;
    return { ...compiled.registered, liveSession: compiled.liveSession, pattern, pathParams, onMount: compiled.onMount };
  }

  /** The onMount hooks of a live session (none for nested views). */
  onMountOf(liveSession: string | undefined): readonly OnMountHook[] {
    if (liveSession === undefined) return [];
    return this.#routes.find((route) => route.liveSession === liveSession)?.onMount ?? [];
  }

  view(key: string): RegisteredView | undefined {
    return this.#views.get(key);
  }

  /**
   * Registers a nested view under a key derived from where it is rendered, so the child's session
   * token can name it. A named view keeps its name as key (stable when it moves in a template).
   */
  registerNested(view: AnyLiveView, parentKey: string, childId: string): RegisteredView {
    const key = view.name !== undefined ? `nested ${view.name}` : `nested ${parentKey} > ${childId}`;
    const existing = this.#views.get(key);
    if (existing?.view === view) return existing;
    const registered: RegisteredView = { key, view, label: view.name ?? `nested LiveView "${childId}"`, liveSession: undefined };
    this.#views.set(key, registered);
    return registered;
  }
}

function checkLiveSession(name: string, options: unknown): { routes: Record<string, unknown>; onMount: readonly OnMountHook[] } {
  const candidate = options as Partial<LiveSessionOptions> | null;
  if (typeof candidate !== "object" || candidate === null || typeof candidate.routes !== "object" || candidate.routes === null) {
    throw serverError("CINDER_LIVE_INVALID_OPTION", `liveSessions.${name}`, 'must be an object with routes, e.g. { routes: { "/counter": CounterLive } }');
  }
  const onMount: unknown = candidate.onMount ?? [];
  if (!Array.isArray(onMount) || onMount.some((hook) => typeof hook !== "function")) {
    throw serverError("CINDER_LIVE_INVALID_OPTION", `liveSessions.${name}.onMount`, "must be an array of functions (params, session, socket) => void");
  }
  return { routes: candidate.routes as Record<string, unknown>, onMount: onMount as OnMountHook[] };
}
