import type { MaybePromise } from "../../channel/results.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { assertDefinitionShape } from "../definition-checks.js";
import { LiveComponentRef } from "../template/live-component-ref.js";
import type { Template } from "../template/template.js";
import type { LiveEventResult } from "../view/live-view.js";
import type { LiveComponentSocket } from "./live-component-socket.js";

/** A live component's id: unique per definition within one view (e.g. the id of the record it shows). */
export type ComponentId = string | number;

/** Assigns every live component has, managed by Cinder. */
export interface LiveComponentBuiltinAssigns {
  /** The id the parent gave in `liveComponent(Component, { id, … })`. */
  readonly id: ComponentId;
  /**
   * The component's cid. `phx-target=${assigns.myself}` sends the element's events to this
   * component's `handleEvent` instead of the view's.
   */
  readonly myself: number;
}

/** What a live component's `render` receives: its assigns plus the built-in ones. */
export type LiveComponentRenderAssigns<Assigns extends object> = Readonly<Assigns & LiveComponentBuiltinAssigns>;

/** One handler per declared event, checked against `Events` like a view's (spec §3.8.4 events with a cid). */
export type LiveComponentEventHandlers<Assigns extends object, Events extends object, ParentInfo> = [keyof Events & string] extends [never]
  ? { readonly [event: string]: never }
  : { readonly [Name in keyof Events & string]-?: (value: Events[Name], socket: LiveComponentSocket<Assigns, ParentInfo>) => MaybePromise<LiveEventResult> };

/**
 * A stateful live component (Phoenix.LiveComponent): its own assigns, events and change
 * tracking inside a view, rendered into the diff's `"c"` map under its cid.
 *
 * Lifecycle: `mount` once per component id; `update(props)` whenever the parent renders it with
 * props that are not shallow-equal to the previous ones (default: assign the props); `render`
 * whenever its assigns changed. `mount`, `update` and `render` run while the parent renders, so
 * they are synchronous; `handleEvent` handlers may be async. A throw in any of them crashes the
 * whole view, as in Phoenix.
 */
export interface LiveComponentDefinition<Props extends object, State extends object = {}, Events extends object = {}, ParentInfo = unknown> {
  /** Shown in logs (`handleEvent "toggle" of component TodoItem (id 3) of TodosLive threw …`). */
  readonly name?: string;
  /** Once, when the component first appears (before the first `update`). Props are not assigned yet. */
  mount?(socket: LiveComponentSocket<Props & State, ParentInfo>): void;
  /** The parent rendered the component with new props (or `sendUpdate` sent some). Default: `socket.assign(props)`. */
  update?(props: Readonly<Props & { readonly id: ComponentId }>, socket: LiveComponentSocket<Props & State, ParentInfo>): void;
  /** Events sent with `phx-target=${assigns.myself}`, typed by `Events`. */
  readonly handleEvent?: LiveComponentEventHandlers<Props & State, Events, ParentInfo>;
  /** One root element (the client marks it with `data-phx-component`). */
  render(assigns: LiveComponentRenderAssigns<Props & State>): Template;
}

/**
 * A live component built by {@link defineLiveComponent}. Place it in a template with
 * {@link liveComponent}; its type parameters carry the props, own assigns, events and the
 * message type its parent view's `handleInfo` accepts.
 */
export class LiveComponent<Props extends object = any, State extends object = any, Events extends object = any, ParentInfo = any> {
  readonly definition: LiveComponentDefinition<Props, State, Events, ParentInfo>;

  /** Use {@link defineLiveComponent}. */
  constructor(definition: LiveComponentDefinition<Props, State, Events, ParentInfo>) {
    this.definition = definition;
  }

  /** The name for logs. */
  get name(): string {
    return this.definition.name ?? "(anonymous component)";
  }
}

/** Any live component, whatever its types. */
export type AnyLiveComponent = LiveComponent<any, any, any, any>;

/**
 * Defines a live component. Give the props, the component's own assigns, its events and
 * (optionally) the parent view's message type as type arguments.
 *
 * @example
 * ```ts
 * interface ItemProps { item: Todo }
 * interface ItemState { editing: boolean }
 * interface ItemEvents { toggle: Record<string, never>; rename: { title: string } }
 *
 * export const TodoItem = defineLiveComponent<ItemProps, ItemState, ItemEvents>({
 *   name: "TodoItem",
 *   mount(socket) { socket.assign({ editing: false }); },
 *   handleEvent: {
 *     toggle(_value, socket) { socket.sendParent({ toggled: socket.assigns.item.id }); },
 *     rename(value, socket) { socket.assign({ editing: false, item: { ...socket.assigns.item, title: value.title } }); },
 *   },
 *   render: (assigns) => html`<li id=${`todo-${assigns.item.id}`} phx-click="toggle" phx-target=${assigns.myself}>${assigns.item.title}</li>`,
 * });
 *
 * // in a view's (or another component's) template:
 * html`<ul>${todos.map((todo) => liveComponent(TodoItem, { id: todo.id, item: todo }))}</ul>`;
 * ```
 */
export function defineLiveComponent<Props extends object, State extends object = {}, Events extends object = {}, ParentInfo = unknown>(
  definition: LiveComponentDefinition<Props, State, Events, ParentInfo>,
): LiveComponent<Props, State, Events, ParentInfo> {
  assertDefinitionShape(definition, "CINDER_COMPONENT_INVALID_DEFINITION", "an html`` template with one root element", ["mount", "update"]);
  return new LiveComponent(definition);
}

/**
 * Places a live component in a template (a view's or another component's). `props.id`
 * identifies it: the same component and id on the next render is the same component (same
 * state, same cid); a new id mounts a new one.
 *
 * @example
 * ```ts
 * html`<ul>${todos.map((todo) => liveComponent(TodoItem, { id: todo.id, item: todo }))}</ul>`
 * ```
 */
export function liveComponent<Props extends object>(
  component: LiveComponent<Props, any, any, any>,
  props: NoInfer<Props> & { readonly id: ComponentId },
): LiveComponentRef<LiveComponent<Props, any, any, any>, Props & { readonly id: ComponentId }> {
  if (!(component instanceof LiveComponent)) throw serverError("CINDER_COMPONENT_NOT_A_COMPONENT", "The first argument of liveComponent");
  if (typeof props !== "object" || props === null || Array.isArray(props)) {
    throw serverError("CINDER_COMPONENT_INVALID_PROPS", component.name, describeValue(props));
  }
  checkComponentId(component, props.id);
  return new LiveComponentRef(component, props.id, props);
}

export function checkComponentId(component: AnyLiveComponent, id: unknown): asserts id is ComponentId {
  if ((typeof id === "string" && id !== "") || (typeof id === "number" && Number.isFinite(id))) return;
  throw serverError("CINDER_COMPONENT_INVALID_ID", component.name, describeValue(id));
}

/** The handler of `event`, if the component declares one (own properties only). */
export function componentEventHandler(
  component: AnyLiveComponent,
  event: string,
): ((value: unknown, socket: LiveComponentSocket<any, any>) => MaybePromise<LiveEventResult>) | undefined {
  const handlers = component.definition.handleEvent as Record<string, unknown> | undefined;
  if (handlers === undefined || !Object.hasOwn(handlers, event)) return undefined;
  const handler = handlers[event];
  return typeof handler === "function" ? (handler as (value: unknown, socket: LiveComponentSocket<any, any>) => MaybePromise<LiveEventResult>) : undefined;
}
