import type { JsonValue } from "@cinder/protocol";
import type { LiveStreamOperations } from "../streams/live-stream.js";
import type { ComponentId, LiveComponent, LiveComponentBuiltinAssigns } from "./live-component.js";

/**
 * The socket a live component's callbacks receive: its own assigns, its streams, and what a
 * component may ask of its view. Navigation, flash and pushed events act on the parent view
 * (as in Phoenix); `sendParent` reaches the view's `handleInfo`.
 *
 * @example
 * ```ts
 * handleEvent: {
 *   save(form, socket) {
 *     socket.assign({ editing: false });
 *     socket.sendParent({ saved: socket.assigns.item.id });
 *     socket.putFlash("info", "Saved");
 *   },
 * }
 * ```
 */
export interface LiveComponentSocket<Assigns extends object = Record<string, unknown>, ParentInfo = unknown> extends LiveStreamOperations<Assigns> {
  /** The component's cid (also `assigns.myself`). */
  readonly cid: number;
  /** False during the HTTP render, true once the browser joined. */
  readonly connected: boolean;
  /** The component's assigns, `id` and `myself`. Replaced (never mutated) on every change. */
  readonly assigns: Readonly<Assigns & LiveComponentBuiltinAssigns>;

  /**
   * Merge `values` into the component's assigns. Keys whose value is `Object.is`-equal to the
   * current one change nothing; the component re-renders only when some key actually changed.
   */
  assign(values: Partial<Assigns>): void;
  /** `assign({ [key]: update(assigns[key]) })`. */
  update<Key extends keyof Assigns>(key: Key, update: (current: Assigns[Key]) => Assigns[Key]): void;

  /** Deliver `message` to the parent view's `handleInfo` (after the current callback). No-op during the HTTP render. */
  sendParent(message: ParentInfo): void;
  /**
   * Update another live component of this view: its `update` runs with its last props merged
   * with `props`, then it re-renders if its assigns changed. Sent with this callback's render.
   */
  sendUpdate<Props extends object>(component: LiveComponent<Props, any, any, any>, id: ComponentId, props: Partial<NoInfer<Props>>): void;

  /** The parent view's `pushPatch`. */
  pushPatch(to: string, options?: { replace?: boolean }): void;
  /** The parent view's `pushNavigate`. */
  pushNavigate(to: string, options?: { replace?: boolean }): void;
  /** The parent view's `redirect`. */
  redirect(to: string, options?: { external?: boolean }): void;
  /** A flash message of the parent view. */
  putFlash(kind: string, message: string): void;
  clearFlash(kind?: string): void;
  /** Dispatch `phx:<name>` on the browser's window after the patch (hoisted into the view's `"e"`). */
  pushEvent(name: string, payload?: JsonValue): void;
}
