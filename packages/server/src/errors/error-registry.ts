import { channelMessages } from "./channel-messages.js";
import { liveMessages } from "./live-messages.js";
import { presenceMessages } from "./presence-messages.js";
import { pubsubMessages } from "./pubsub-messages.js";
import { templateMessages } from "./template-messages.js";
import { tokenMessages } from "./token-messages.js";

/**
 * The error registry of @cinder/server: every error a user can cause, thrown or logged, has a
 * stable code here and a message that says what to do. The message tables live next to this
 * file, one per area (channel server, PubSub, tokens, templates, LiveView); this file joins them
 * and defines the code type, the error class and the lookup. Codes are never reused or renamed;
 * a retired code stays listed so that old logs keep their meaning.
 *
 * Thrown errors are `CinderServerError`s (API misuse); logged events carry `{ code }` in the log
 * record so they can be searched and counted.
 */
const messages = {
  ...channelMessages,
  ...pubsubMessages,
  ...tokenMessages,
  ...templateMessages,
  ...liveMessages,
  ...presenceMessages,
} as const;

/** Every stable code of @cinder/server (`CINDER_*`), thrown in `CinderServerError.code` or logged as `{ code }`. */
export type ServerErrorCode = keyof typeof messages;

/**
 * The HTTP status of the few errors that become an HTTP response (fastify answers with it). All
 * others are thrown by `app.register`, thrown into application code, or only logged.
 */
const httpStatusCodes: Partial<Record<ServerErrorCode, number>> = {
  CINDER_LIVE_DEAD_RENDER_FAILED: 500,
};

/**
 * The one error class of @cinder/server. `code` is stable (search logs and docs for it); the
 * message says what to do. A failure of application code caught on its way through Cinder keeps
 * the original error as `cause`.
 *
 * @example
 * ```ts
 * try {
 *   await app.register(cinder, { limits: { maxFrameBytes: 0 } });
 * } catch (error) {
 *   if (error instanceof CinderServerError && error.code === "CINDER_PLUGIN_INVALID_LIMIT") console.error(error.message);
 * }
 * ```
 */
export class CinderServerError extends Error {
  readonly code: ServerErrorCode;
  /** Set only for errors that become an HTTP response. */
  declare readonly statusCode?: number;

  constructor(code: ServerErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CinderServerError";
    this.code = code;
    const statusCode = httpStatusCodes[code];
    if (statusCode !== undefined) this.statusCode = statusCode;
  }
}

type MessageArguments<Code extends ServerErrorCode> = Parameters<(typeof messages)[Code]>;

/** The message of `code`, filled in. */
export function errorMessage<Code extends ServerErrorCode>(code: Code, ...args: MessageArguments<Code>): string {
  const template = messages[code] as (...values: unknown[]) => string;
  return template(...args);
}

/** A `CinderServerError` for `code`, ready to throw. */
export function serverError<Code extends ServerErrorCode>(code: Code, ...args: MessageArguments<Code>): CinderServerError {
  return new CinderServerError(code, errorMessage(code, ...args));
}
