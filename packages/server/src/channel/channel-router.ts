import { findTopicRoute } from "@cinder/protocol";
import { serverError } from "../errors/error-registry.js";
import type { SocketDefinition } from "../socket/socket-definition.js";
import type { ChannelDefinition } from "./channel-definition.js";

/** Channel definitions as the runtime handles them; assigns are checked by `defineChannel` at the call site. */
export type AnyChannelDefinition = ChannelDefinition<Record<string, unknown>>;

/**
 * A socket's `channels` table compiled once at mount time: topic patterns in declaration order
 * (Phoenix checks its `channel` lines top to bottom), each definition validated up front so a
 * typo fails at `app.register`, not at the first join.
 */
export class ChannelRouter {
  readonly #routes: ReadonlyArray<readonly [pattern: string, definition: AnyChannelDefinition]>;

  constructor(path: string, definition: SocketDefinition<any>) {
    const channels: unknown = (definition as { channels?: unknown } | undefined)?.channels;
    if (typeof channels !== "object" || channels === null) throw serverError("CINDER_PLUGIN_INVALID_SOCKET_DEFINITION", path);
    this.#routes = Object.entries(channels).map(([pattern, channel]) => {
      if (typeof (channel as { join?: unknown } | undefined)?.join !== "function") {
        throw serverError("CINDER_PLUGIN_INVALID_CHANNEL_DEFINITION", path, pattern);
      }
      return [pattern, channel as AnyChannelDefinition] as const;
    });
  }

  /** The first channel whose pattern matches `topic`, or undefined (→ "unmatched topic"). */
  find(topic: string): AnyChannelDefinition | undefined {
    return findTopicRoute(this.#routes, topic);
  }
}
