import type { JsonObject } from "@cinder/protocol";
import type { SocketOptions } from "../channels/socket-options.js";
import type { HookDefinition } from "../hooks/view-hook.js";

/** Extra value fields for a DOM event, e.g. `click: (event) => ({ altKey: event.altKey })`. */
export type EventMetadata = Record<string, (domEvent: Event, element: Element) => Record<string, unknown>>;

/**
 * Options of `new LiveSocket(endpoint, options)`. Everything the LiveView runtime does not use
 * (`heartbeatIntervalMs`, `reconnectAfterMs`, `authToken`, `transport`, …) goes to the Socket.
 */
export interface LiveSocketOptions extends Omit<SocketOptions, "params"> {
  /**
   * Sent in the socket URL and in every join, e.g. `{ _csrf_token }`. A function gets the view
   * container being joined (and nothing for the socket URL).
   */
  params?: JsonObject | ((container?: Element) => JsonObject);
  /** Client hooks by name, for `phx-hook="Name"`. */
  hooks?: Record<string, HookDefinition>;
  /** Prefix of the binding attributes (`"phx-"`). */
  bindingPrefix?: string;
  /** Defaults of `phx-debounce=""` and `phx-throttle=""` in ms (300 each). */
  defaults?: { debounce?: number; throttle?: number };
  /** Delay before a joining view shows `phx-loading` (1 ms). */
  loaderTimeout?: number;
  /** Time in an error state before `phx-disconnected` commands run (500 ms). */
  disconnectedTimeout?: number;
  /**
   * A failed mount or an unanswered event reloads the page after a random delay between
   * `reloadJitterMin` and `reloadJitterMax` ms (5000–10 000); after `maxReloads` consecutive
   * reloads of one path (10) the delay is `failsafeJitter` ms (30 000).
   */
  maxReloads?: number;
  reloadJitterMin?: number;
  reloadJitterMax?: number;
  failsafeJitter?: number;
  /** Extra value fields per DOM event name (`click`, `keydown`, …). */
  metadata?: EventMetadata;
  /** Drop `phx-change` during IME composition (false). */
  blockPhxChangeWhileComposing?: boolean;
  /** Where the per-path count of consecutive reloads is kept (`window.localStorage`). */
  localStorage?: Storage;
  /** Where the tab's live navigation position is kept (`window.sessionStorage`). */
  sessionStorage?: Storage;
}
