import { parseJsCommands } from "@cinder/protocol";
import type { JsCommandHost, PushCommand } from "../js/js-command-host.js";
import { runJsCommands } from "../js/run-js-commands.js";
import { reapplyJsState } from "../js/js-sticky-state.js";
import { afterJsTransitions } from "../js/js-transitions.js";
import { dropFocusStackEntriesWithin } from "../js/js-focus.js";
import { createJsCommands, type JsCommandsApi } from "../js/js-imperative.js";

/**
 * The one place the runtime hands `phx-*` attribute values to the JS commands module (spec
 * §3.15). A value starting with `[` is a JSON command list; anything else is an event name,
 * which behaves like `[["push", {"event": name}]]`.
 */
export function runCommands(encoded: string, element: Element, domEvent: Event | undefined, host: JsCommandHost, removing = false): void {
  runJsCommands(encoded, element, domEvent, host, { removing });
}

/** Re-applies DOM state JS commands put on `live` (classes, attributes, display) onto `incoming`. */
export function reapplyClientState(live: Element, incoming: Element): void {
  reapplyJsState(live, incoming);
}

/**
 * The first push of `encoded` (an event name or a command list), or null when it pushes
 * nothing. Form recovery replays a form's `phx-change` without running its other commands.
 */
export function pushCommandOf(encoded: string): PushCommand | null {
  if (encoded === "") return null;
  if (!encoded.startsWith("[")) return { event: encoded };
  for (const command of parseJsCommands(encoded).commands) {
    if (command[0] !== "push") continue;
    const { event, value, target, loading, page_loading: pageLoading } = command[1];
    return {
      event,
      ...(value !== undefined && { value: value as Record<string, unknown> }),
      ...(target !== undefined && { target }),
      ...(loading !== undefined && { loading }),
      ...(pageLoading === true && { pageLoading }),
    };
  }
  return null;
}

/** Runs `update` once no blocking JS transition runs, so a patch cannot cut an animation short. */
export function afterTransitions(update: () => void): void {
  afterJsTransitions(update);
}

/** A destroyed view's elements leave the `push_focus` stack. */
export function forgetFocusWithin(container: Element): void {
  dropFocusStackEntriesWithin(container);
}

/** The imperative JS commands API (`liveSocket.js()`, a hook's `this.js()`) over `host`. */
export function jsCommandsApi(host: JsCommandHost): JsCommandsApi {
  return createJsCommands(host);
}
