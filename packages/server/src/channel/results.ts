import type { JsonObject, Payload, ReplyStatus } from "@cinder/protocol";

/**
 * What a channel callback hands back, as plain tagged objects built by the helpers below, so a
 * handler reads like Phoenix's `{:reply, {:ok, map}, socket}`:
 *
 * ```ts
 * join(topic, payload, socket) {
 *   return socket.assigns.admin ? ok({ welcome: true }) : error({ reason: "unauthorized" });
 * }
 * handleIn(event, payload, socket) {
 *   if (event === "ping") return ok({ pong: payload });
 *   return; // no reply
 * }
 * ```
 */
export interface Reply {
  readonly type: "reply";
  readonly status: ReplyStatus;
  /** A JSON object, or bytes for a binary reply (spec §1.5, kind 1). */
  readonly response: Payload;
}

/** Stop the channel gracefully: the client receives `phx_close` and does not rejoin. */
export interface Stop {
  readonly type: "stop";
  readonly reason: string;
  /** Sent before the channel closes, when the stop answers a client push. */
  readonly reply?: Reply;
}

/**
 * Reply `ok` to a join or a push; `ok(bytes)` sends a binary reply frame.
 *
 * @example
 * ```ts
 * handleIn: (event) => (event === "ping" ? ok({ pong: true }) : undefined),
 * ```
 */
export function ok(response: Payload = {}): Reply {
  return { type: "reply", status: "ok", response };
}

/**
 * Reply `error`. For joins, by convention `{ reason: "..." }`; the official client retries the join.
 *
 * @example
 * ```ts
 * join: (topic, _payload, socket) => (socket.assigns.userId === undefined ? error({ reason: "unauthorized" }) : ok()),
 * ```
 */
export function error(response: JsonObject = {}): Reply {
  return { type: "reply", status: "error", response };
}

/**
 * Reply with any status string; the client matches `receive(status)` by string.
 *
 * @example
 * ```ts
 * handleIn: (event) => (event === "save" ? reply("queued", { position: 3 }) : undefined),
 * ```
 */
export function reply(status: ReplyStatus, response: Payload = {}): Reply {
  return { type: "reply", status, response };
}

/**
 * Stop the channel. `reason` is logged and passed to `terminate`; `replyBeforeClose` answers the
 * push being handled before `phx_close` is sent.
 *
 * @example
 * ```ts
 * handleIn: (event) => (event === "bye" ? stop("left the game", ok({ score: 42 })) : undefined),
 * ```
 */
export function stop(reason = "normal", replyBeforeClose?: Reply): Stop {
  return replyBeforeClose ? { type: "stop", reason, reply: replyBeforeClose } : { type: "stop", reason };
}

/** A join either succeeds (`ok`, optionally with a response) or is refused (`error`). */
export type JoinResult = Reply;

/** `undefined` means no reply (the client's push will time out unless answered later). */
export type HandleInResult = Reply | Stop | undefined | void;

/** `handleInfo` / `handleOut` may only continue or stop. */
export type HandleInfoResult = Stop | undefined | void;

/** A callback may answer directly or with a promise. */
export type MaybePromise<T> = T | Promise<T>;
