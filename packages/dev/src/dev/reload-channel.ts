import { defineChannel, defineSocket, ok, type SocketDefinition } from "@cinder/server";
import type { ReportedError } from "../runtime/dev-server-link.js";

/** Where the dev client connects (on the dev server's port, beside the app's own sockets). */
export const DEV_SOCKET_PATH = "/__cinder/dev/socket";
export const DEV_CLIENT_PATH = "/__cinder/dev/client.js";
export const RELOAD_TOPIC = "cinder:live_reload";

/** What the dev server tells open pages, as events on `cinder:live_reload`. */
export type ReloadEvent =
  | { readonly event: "css"; readonly payload: { readonly files: readonly string[] } }
  | { readonly event: "reload"; readonly payload: { readonly reason: string } }
  | { readonly event: "error"; readonly payload: { readonly error: ReportedError } }
  | { readonly event: "clear"; readonly payload: Record<string, never> }
  | { readonly event: "hot"; readonly payload: { readonly views: readonly string[] } };

/**
 * The live-reload socket: one channel, joined by every page the dev server sends. The join
 * reply carries the current error, so a page loaded while the code is broken shows the overlay
 * at once. The dev server broadcasts on the topic; pages never push.
 */
export function reloadSocket(currentError: () => ReportedError | undefined): SocketDefinition<Record<string, never>> {
  const channel = defineChannel({
    join(topic) {
      const error = currentError();
      return topic === RELOAD_TOPIC ? ok(error === undefined ? {} : { error: { ...error } }) : ok();
    },
  });
  return defineSocket({ channels: { [RELOAD_TOPIC]: channel } });
}
