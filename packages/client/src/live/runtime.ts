import type { JsonObject, PushedEvent } from "@cinder/protocol";
import type { Socket } from "../channels/socket.js";
import type { BindingName } from "../dom/phx-attributes.js";
import type { HookDefinition } from "../hooks/view-hook.js";
import type { JsCommandsApi } from "../js/js-imperative.js";
import type { View } from "./view.js";

/** A `phx:page-loading-start/stop` pair's detail (spec §3.17). */
export interface PageLoadingInfo {
  kind: "initial" | "patch" | "redirect" | "element" | "error";
  to?: string | null;
  target?: Element;
  [detail: string]: unknown;
}

/**
 * What views need from the LiveSocket that owns them. The LiveSocket's public API stays small;
 * this is its internal face, handed to each View.
 */
export interface LiveRuntime {
  readonly binding: BindingName;
  readonly socket: Socket;
  /** The LiveSocket object, as hooks see it (`this.liveSocket`). */
  readonly publicSocket: unknown;
  readonly loaderTimeoutMs: number;
  /** Where the per-path reload counter lives (`localStorage` option). */
  readonly localStorage: Storage;
  readonly disconnectedTimeoutMs: number;
  /** The `params` option evaluated for a view container (a fresh object each time). */
  connectParams(container: Element): JsonObject;
  hookDefinition(name: string): HookDefinition | undefined;
  /** The view that owns `element`: the nearest container's view, else the main view. */
  ownerOf(element: Element): View | null;
  mainView(): View | null;
  isUnloaded(): boolean;
  hasPendingLink(): boolean;
  /** Dispatches server `push_event`s as `phx:<name>` window events. */
  dispatchServerEvents(events: readonly PushedEvent[]): void;
  /** Fires `phx:page-loading-start`; returns the function that fires the matching stop. */
  pageLoading(info: PageLoadingInfo): () => void;
  /** The page is about to be left (plain form submit, full navigation): views let go. */
  unload(): void;
  /** Full page navigation (unloads the LiveSocket first). */
  redirect(to: string, flash: string | null, reloadToken: string | null): void;
  /** Types the page's first history entry, so back/forward can return to it live. */
  replaceInitialHistory(viewId: string): void;
  /** Updates the URL for a patch the server made (no DOM change by itself). */
  historyPatch(href: string, kind: "push" | "replace"): void;
  /** Live navigation to another LiveView. */
  historyRedirect(href: string, kind: "push" | "replace", flash: string | null, source: Element | null, domEvent: Event | null): void;
  /** Reloads the page after a random delay, counting attempts (spec §3.11). */
  reloadWithJitter(view: View): void;
  /** Joins root views that appeared (sticky views in a patch). */
  joinRootViews(): void;
  destroyViewByElement(container: Element): void;
  /** Runs the JS commands (or event name) in `encoded` for `element`, outside any DOM event. */
  execCommands(element: Element, encoded: string, kind: string | null): void;
  /** Keeps state JS commands put on `live` when a patch morphs it into `incoming`. */
  reapplyClientState(live: Element, incoming: Element): void;
  /** Runs a DOM update once no blocking JS transition is running. */
  afterTransitions(update: () => void): void;
  /** The imperative JS commands API acting for `element`'s view. */
  jsCommands(element: Element): JsCommandsApi;
  /** Moves focus without the focus bindings treating it as the user's doing. */
  silenced(run: () => void): void;
  /** Which view version the client speaks. */
  readonly version: string;
}
