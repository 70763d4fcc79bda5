import type { JsonObject, JsonValue } from "@cinder/protocol";
import type { MaybePromise } from "../../channel/results.js";
import type { Template } from "../template/template.js";
import { assertDefinitionShape } from "../definition-checks.js";
import type { LiveViewSocket } from "./live-view-socket.js";

/**
 * A decoded parameter: path segments and query values are strings, `x[]=1&x[]=2` is a list,
 * `user[name]=a` an object. Values come from the browser: their shape is a claim, check it.
 */
export type ParamValue = string | readonly ParamValue[] | { readonly [key: string]: ParamValue };

/** Path params, query params and form values, decoded into nested objects (Plug's rules). */
export type LiveParams = { readonly [key: string]: ParamValue };

/**
 * What the application's `session(request)` option puts into the signed session token, and what
 * `mount` receives as `session`. Augment it to type your keys:
 *
 * @example
 * ```ts
 * declare module "@cinder/server" {
 *   interface LiveSessionData { userId?: string }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface -- augmented by applications.
export interface LiveSessionData {}

/**
 * The session a view mounts with: your `LiveSessionData` keys, plus any other JSON value. It is
 * signed, not encrypted: the browser can read it (it cannot change it). Keep secrets out.
 */
export type LiveSession = Readonly<LiveSessionData> & { readonly [key: string]: JsonValue | undefined };

/** Flash messages by kind (`info`, `error`, …). */
export type Flash = Readonly<Record<string, string>>;

/** Assigns every view has, managed by Cinder. */
export interface LiveBuiltinAssigns {
  /** Set with `socket.putFlash`, cleared with `socket.clearFlash` or the built-in `lv:clear-flash` event. */
  readonly flash: Flash;
}

/** What `render` receives: your assigns plus the built-in ones. */
export type RenderAssigns<Assigns extends object> = Readonly<Assigns & LiveBuiltinAssigns>;

/**
 * What an event handler may return: nothing, or `{ reply }` to answer a hook's
 * `pushEvent(name, payload, (reply) => …)` (sent as `"r"` in the reply diff).
 */
export type LiveEventResult = void | undefined | { readonly reply: JsonObject };

/**
 * One handler per declared event. The map is checked against `Events`: a handler for an event
 * that is not declared, or a declared event without a handler, is a type error.
 */
export type LiveEventHandlers<Assigns extends object, Events extends object> = [keyof Events & string] extends [never]
  ? { readonly [event: string]: never } // no events declared: any handler is a mistake (an empty type would accept it)
  : { readonly [Name in keyof Events & string]-?: (value: Events[Name], socket: LiveViewSocket<Assigns>) => MaybePromise<LiveEventResult> };

/** Why a connected view ended, as `terminate` sees it. */
export type LiveViewTerminateReason =
  | "left" // the client left (navigation away, element removed)
  | "closed" // the WebSocket went away
  | "crashed" // a callback threw
  | "duplicate_join" // the client rejoined the same view
  | "redirect" // the view called redirect
  | "live_redirect"; // the view called pushNavigate

/**
 * A LiveView: state in assigns, `render` turns them into an `html` template; events, messages
 * and URL changes update the assigns and Cinder sends the browser what changed.
 *
 * Lifecycle: `mount` runs twice, once for the HTTP page (`socket.connected === false`) and once
 * when the browser joins over the WebSocket; `handleParams` follows `mount` and every URL patch.
 * Every callback runs inside the view's mailbox, one at a time.
 *
 * Event values come from the browser: the `Events` types describe what your templates send, they
 * are not checked at runtime. Validate values before trusting them.
 */
export interface LiveViewDefinition<Assigns extends object, Events extends object = {}, Info = unknown> {
  /** Shown in logs (`handleEvent "inc" of CounterLive threw …`). Default: the view's route. */
  readonly name?: string;
  mount?(params: LiveParams, session: LiveSession, socket: LiveViewSocket<Assigns>): MaybePromise<void>;
  /** After `mount`, and after every `live_patch` / `pushPatch`. Only for views mounted at a route. */
  handleParams?(params: LiveParams, url: URL, socket: LiveViewSocket<Assigns>): MaybePromise<void>;
  /** Browser events (`phx-click="inc"` → `inc`), typed by `Events`. */
  readonly handleEvent?: LiveEventHandlers<Assigns, Events>;
  /** Messages from `sendAfter`, `sendInterval` and subscribed PubSub topics. */
  handleInfo?(message: Info, socket: LiveViewSocket<Assigns>): MaybePromise<void>;
  render(assigns: RenderAssigns<Assigns>): Template;
  /** When a connected view ends, for any reason. Errors thrown here are logged only. */
  terminate?(reason: LiveViewTerminateReason, socket: LiveViewSocket<Assigns>): MaybePromise<void>;
  /**
   * Assigns reset to these values after every render, to free memory for data that is rendered
   * once (the client keeps what was sent). Resetting does not cause a render.
   */
  readonly temporaryAssigns?: Partial<Assigns>;
}

/**
 * A LiveView built by {@link defineLiveView}: what routes, `liveRender` and the runtime accept.
 * The type parameters carry the view's assigns, events and info messages.
 */
export class LiveView<Assigns extends object = any, Events extends object = any, Info = any> {
  readonly definition: LiveViewDefinition<Assigns, Events, Info>;

  /** Use {@link defineLiveView}. */
  constructor(definition: LiveViewDefinition<Assigns, Events, Info>) {
    this.definition = definition;
  }

  get name(): string | undefined {
    return this.definition.name;
  }
}

/** Any LiveView, whatever its assigns (routes hold views of many types). */
export type AnyLiveView = LiveView<any, any, any>;

/**
 * Defines a LiveView. Give the assigns, the events and (optionally) the info messages as type
 * arguments; handlers and `render` are then checked against them.
 *
 * @example
 * ```ts
 * interface CounterAssigns { count: number }
 * interface CounterEvents { inc: { by?: string }; reset: Record<string, never> }
 *
 * export const CounterLive = defineLiveView<CounterAssigns, CounterEvents>({
 *   name: "CounterLive",
 *   mount(_params, _session, socket) { socket.assign({ count: 0 }); },
 *   handleEvent: {
 *     inc(value, socket) { socket.assign({ count: socket.assigns.count + Number(value.by ?? 1) }); },
 *     reset(_value, socket) { socket.assign({ count: 0 }); },
 *   },
 *   render: (assigns) => html`<h1>Count: ${assigns.count}</h1><button phx-click="inc" phx-value-by="1">+</button>`,
 * });
 * ```
 */
export function defineLiveView<Assigns extends object, Events extends object = {}, Info = unknown>(
  definition: LiveViewDefinition<Assigns, Events, Info>,
): LiveView<Assigns, Events, Info> {
  assertDefinitionShape(definition, "CINDER_LIVE_INVALID_DEFINITION", "an html`` template", ["mount", "handleParams", "handleInfo", "terminate"]);
  return new LiveView(definition);
}

/** The handler of `event`, if the view declares one (own properties only: no `toString`, `__proto__`). */
export function eventHandlerOf(
  view: AnyLiveView,
  event: string,
): ((value: unknown, socket: LiveViewSocket<any>) => MaybePromise<LiveEventResult>) | undefined {
  const handlers = view.definition.handleEvent as Record<string, unknown> | undefined;
  if (handlers === undefined || !Object.hasOwn(handlers, event)) return undefined;
  const handler = handlers[event];
  return typeof handler === "function" ? (handler as (value: unknown, socket: LiveViewSocket<any>) => MaybePromise<LiveEventResult>) : undefined;
}
