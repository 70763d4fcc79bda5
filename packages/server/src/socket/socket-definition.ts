import type { ChannelDefinition } from "../channel/channel-definition.js";
import type { MaybePromise } from "../channel/results.js";

/** Query parameters of the upgrade request, nested as the official client serialises them. */
export type ConnectParams = Record<string, unknown>;

/** What the server knows about the connection at upgrade time (Phoenix's `connect_info`). */
export interface ConnectInfo {
  /** Lower-cased request headers of the upgrade request. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly remoteAddress: string | undefined;
  /** The `Origin` header, if the client sent one (browsers always do). */
  readonly origin: string | undefined;
  /** Cookies of the upgrade request. Signed cookies are still signed here; unsign them with `@fastify/cookie`. */
  readonly cookies: Readonly<Record<string, string>>;
  /** The token of the `base64url.bearer.phx.*` subprotocol (spec §1.2), when the client used `authToken`. */
  readonly authToken: string | undefined;
}

/** The socket as `connect` and `id` see it: a bag of assigns shared by all channels it joins. */
export interface ConnectingSocket<Assigns extends object> {
  readonly assigns: Readonly<Assigns>;
  assign(values: Partial<Assigns>): void;
}

/**
 * A socket handler (Phoenix's `UserSocket`): authentication, identity and channel routes.
 *
 * @example
 * ```ts
 * export const UserSocket = defineSocket<{ userId: string }>({
 *   connect(params, socket) {
 *     const result = verify(secret, "user socket", String(params.token), { maxAge: 1_209_600 });
 *     if (!result.ok) return false;
 *     socket.assign({ userId: String(result.data) });
 *     return true;
 *   },
 *   id: (socket) => `user_socket:${socket.assigns.userId}`,
 *   channels: { "room:*": RoomChannel },
 * });
 * ```
 */
export interface SocketDefinition<Assigns extends object = Record<string, unknown>> {
  /** Accept (`true`) or refuse (`false` → HTTP 403 before the upgrade). Omitted: accept everyone. */
  connect?(params: ConnectParams, socket: ConnectingSocket<Assigns>, info: ConnectInfo): MaybePromise<boolean>;
  /**
   * A topic naming this user's sockets, e.g. `user_socket:42`. Broadcasting `disconnect` to it
   * closes every socket of that user. `undefined` makes the socket anonymous.
   */
  id?(socket: ConnectingSocket<Assigns>): string | undefined;
  /** Topic patterns to channels, checked in declaration order; `"room:*"` matches by prefix. */
  channels: Readonly<Record<string, ChannelDefinition<Assigns> | ChannelDefinition<any>>>;
}

/**
 * Declares a socket: returns `definition` unchanged, typed with its assigns. Mount it with the
 * `cinder` plugin's `sockets` option; an example is on {@link SocketDefinition}.
 *
 * @example
 * ```ts
 * await app.register(cinder, { sockets: { "/socket": defineSocket({ channels: { "room:*": RoomChannel } }) } });
 * ```
 */
export function defineSocket<Assigns extends object = Record<string, unknown>>(
  definition: SocketDefinition<Assigns>,
): SocketDefinition<Assigns> {
  return definition;
}
