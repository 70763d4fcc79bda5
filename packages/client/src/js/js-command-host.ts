/**
 * The contract between the LiveView runtime (bindings, patching) and the JS commands module.
 * JS commands are the `[[op, args], …]` arrays that `phx-*` attributes may hold instead of a plain
 * event name (spec §3.15). The runtime owns the channel and navigation; JS commands own the DOM
 * operations. Neither reaches into the other except through this host.
 */
export interface PushCommand {
  event: string;
  value?: Record<string, unknown>;
  /** CSS selector or cid, as `phx-target`. */
  target?: string | number;
  /** Selector of elements that get the loading classes while the push is pending. */
  loading?: string;
  /** Fire `phx:page-loading-start/stop` (kind `element`) around the push. */
  pageLoading?: boolean;
}

export interface JsCommandHost {
  /**
   * Push an event exactly as the binding that triggered the command would have. `source` is the
   * element whose attribute held the command (for `exec`, the element that holds the exec'd
   * attribute); `domEvent` is the event that triggered the binding, if any.
   */
  push(command: PushCommand, source: Element, domEvent: Event | undefined): void;
  /** Live navigation to another LiveView (push_navigate). */
  navigate(href: string, options: { replace: boolean }): void;
  /** Live patch of the current LiveView (push_patch). */
  patch(href: string, options: { replace: boolean }): void;
}
