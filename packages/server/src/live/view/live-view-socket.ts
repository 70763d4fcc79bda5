import type { JsonObject, JsonValue } from "@cinder/protocol";
import type { ComponentId, LiveComponent } from "../components/live-component.js";
import type { LiveStreamOperations } from "../streams/live-stream.js";
import type { LiveBuiltinAssigns } from "./live-view.js";

/**
 * The socket a LiveView's callbacks receive: its assigns and everything it may ask of the
 * runtime. Effects (navigation, pushed events, the page title) are collected during the callback
 * and sent when it returns, together with the diff of the new render.
 *
 * @example
 * ```ts
 * handleEvent: {
 *   async save(form, socket) {
 *     const user = await users.update(socket.assigns.user.id, form.user);
 *     socket.assign({ user });
 *     socket.putFlash("info", "Saved");
 *     socket.pushPatch(`/users/${user.id}`);
 *   },
 * }
 * ```
 */
export interface LiveViewSocket<Assigns extends object = Record<string, unknown>> extends LiveStreamOperations<Assigns> {
  /** The container id, also the channel topic suffix (`lv:<id>`). */
  readonly id: string;
  /** False during the HTTP render, true once the browser joined over the WebSocket. */
  readonly connected: boolean;
  /** Your assigns and the built-in `flash`. Replaced (never mutated) on every change. */
  readonly assigns: Readonly<Assigns & LiveBuiltinAssigns>;
  /**
   * The join's `params` (the LiveSocket `params` option plus `_mounts`, `_csrf_token`, …);
   * `undefined` during the HTTP render. Browser-controlled: validate what you read.
   */
  readonly connectParams: JsonObject | undefined;

  /**
   * Merge `values` into the assigns. Keys whose value is `Object.is`-equal to the current one
   * change nothing; the view re-renders only when some key actually changed. Assign new objects
   * and arrays instead of mutating the ones you hold.
   */
  assign(values: Partial<Assigns>): void;
  /** `assign({ [key]: update(assigns[key]) })`. */
  update<Key extends keyof Assigns>(key: Key, update: (current: Assigns[Key]) => Assigns[Key]): void;

  /** Change the URL and params of this view: pushes `live_patch`, then runs `handleParams`. */
  pushPatch(to: string, options?: { replace?: boolean }): void;
  /** Go to another view of the same live session without reloading the page. */
  pushNavigate(to: string, options?: { replace?: boolean }): void;
  /** Full page load of `to` (a local path, or any http(s) URL with `{ external: true }`). */
  redirect(to: string, options?: { external?: boolean }): void;

  /** Show a flash message; carried along when the callback navigates away. */
  putFlash(kind: string, message: string): void;
  /** Clear one kind of flash, or all of them. */
  clearFlash(kind?: string): void;
  /** Dispatch `phx:<name>` on the browser's window (and to hooks' `handleEvent`) after the patch. */
  pushEvent(name: string, payload?: JsonValue): void;
  /** Set the document title (sent only when it changes). */
  pageTitle(title: string): void;

  /** Receive the topic's PubSub messages in `handleInfo` until the view ends. No-op during the HTTP render. */
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  /** Deliver `message` to `handleInfo` after `ms`; returns a cancel function. Dies with the view. */
  sendAfter(ms: number, message: unknown): () => void;
  /** Deliver `message` to `handleInfo` every `ms`; returns a cancel function. Dies with the view. */
  sendInterval(ms: number, message: unknown): () => void;

  /**
   * Update a live component of this view: its `update` runs with its last props merged with
   * `props`, then it re-renders if its assigns changed. Sent with this callback's render.
   */
  sendUpdate<Props extends object>(component: LiveComponent<Props, any, any, any>, id: ComponentId, props: Partial<NoInfer<Props>>): void;
}
