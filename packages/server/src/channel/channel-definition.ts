import type { JsonObject, Payload } from "@cinder/protocol";
import type { HandleInfoResult, HandleInResult, JoinResult, MaybePromise, Reply } from "./results.js";

/** Why a channel ended, as `terminate` sees it. */
export type TerminateReason =
  | "left" // the client sent phx_leave
  | "closed" // the transport went away
  | "duplicate_join" // the client joined the same topic again
  | "crashed" // a callback threw
  | (string & {}); // the reason given to `stop(...)`

/**
 * The per-channel socket handed to every channel callback: Phoenix's `%Socket{}` for one topic.
 * Assigns start as a copy of the socket's connect-time assigns.
 */
export interface ChannelSocket<Assigns extends object = Record<string, unknown>> {
  readonly topic: string;
  /** The join_ref of this incarnation; a rejoin gets a new one. */
  readonly joinRef: string;
  /** The socket id returned by the socket definition's `id`, if any. */
  readonly socketId: string | undefined;
  readonly assigns: Readonly<Assigns>;
  /** Merge values into this channel's assigns. */
  assign(values: Partial<Assigns>): void;
  /** Send an event to this client only: `[join_ref, null, topic, event, payload]`. */
  push(event: string, payload: Payload): void;
  /** Send an event to every subscriber of this channel's topic, this client included. */
  broadcast(event: string, payload: Payload): Promise<void>;
  /** Same as `broadcast`, except this client. */
  broadcastFrom(event: string, payload: Payload): Promise<void>;
  /** Subscribe this channel to another PubSub topic; its messages arrive in `handleInfo`. */
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  /** Deliver `message` to `handleInfo` after `ms`. The timer dies with the channel. */
  sendAfter(ms: number, message: unknown): () => void;
  /**
   * Answer the current push later, after the handler has returned `undefined` (Phoenix's
   * `socket_ref` + `reply/2`). The returned function may be called once; calls after the
   * channel ended are ignored.
   */
  deferReply(): (reply: Reply) => void;
}

/**
 * A channel module. Only `join` is required.
 *
 * @example
 * ```ts
 * export const RoomChannel = defineChannel<{ userId: string }>({
 *   join(topic, _payload, socket) {
 *     return topic === "room:lobby" ? ok() : error({ reason: "unauthorized" });
 *   },
 *   async handleIn(event, payload, socket) {
 *     if (event === "new_msg") await socket.broadcast("new_msg", { body: String(payload.body) });
 *   },
 * });
 * ```
 */
export interface ChannelDefinition<Assigns extends object = Record<string, unknown>> {
  join(topic: string, payload: JsonObject, socket: ChannelSocket<Assigns>): MaybePromise<JoinResult>;
  /** Every client event other than join/leave. Binary pushes arrive as `Uint8Array`. */
  handleIn?(event: string, payload: Payload, socket: ChannelSocket<Assigns>): MaybePromise<HandleInResult>;
  /** Messages from `sendAfter`, `subscribe`d topics, and direct PubSub messages to the topic. */
  handleInfo?(message: unknown, socket: ChannelSocket<Assigns>): MaybePromise<HandleInfoResult>;
  /**
   * Broadcast events listed here go through `handleOut` instead of straight to the client, so
   * the channel can filter or rewrite them per subscriber (Phoenix's `intercept`).
   */
  intercept?: readonly string[];
  handleOut?(event: string, payload: Payload, socket: ChannelSocket<Assigns>): MaybePromise<HandleInfoResult>;
  /** Called once when the channel ends, for any reason. Errors thrown here are logged only. */
  terminate?(reason: TerminateReason, socket: ChannelSocket<Assigns>): MaybePromise<void>;
}

/**
 * Declares a channel: returns `definition` unchanged, typed with the socket's assigns. Route
 * topics to it in a socket's `channels`; the callbacks are described on {@link ChannelDefinition}.
 *
 * @example
 * ```ts
 * const RoomChannel = defineChannel<{ userId: string }>({
 *   join: (topic, _payload, socket) => (socket.assigns.userId ? ok({ topic }) : error({ reason: "unauthorized" })),
 *   handleIn: (event) => (event === "ping" ? ok({ pong: true }) : error({ reason: `unknown event ${event}` })),
 * });
 * const UserSocket = defineSocket<{ userId: string }>({ channels: { "room:*": RoomChannel } });
 * ```
 */
export function defineChannel<Assigns extends object = Record<string, unknown>>(
  definition: ChannelDefinition<Assigns>,
): ChannelDefinition<Assigns> {
  return definition;
}
