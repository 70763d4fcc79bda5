/**
 * The error registry of @cinder/client: every error a user of the package can cause, with a
 * stable code. Codes are never reused or renumbered; a retired error keeps its entry.
 *
 * The client throws only when its API is misused, and each message says how to fix the call.
 * A dropped connection or a refused join is a state, not an exception.
 */
export const ClientErrorCode = {
  /** `channel.join()` was called a second time on the same Channel object. */
  joinCalledTwice: "CINDER_CLIENT_JOIN_CALLED_TWICE",
  /** `channel.push()` before `channel.join()`. */
  pushBeforeJoin: "CINDER_CLIENT_PUSH_BEFORE_JOIN",
  /** A Channel `onMessage` hook returned nothing for a message that had a payload. */
  onMessageReturnedNothing: "CINDER_CLIENT_ON_MESSAGE_RETURNED_NOTHING",
  /** No WebSocket constructor was passed and the runtime has none (Node < 22). */
  noWebSocketTransport: "CINDER_CLIENT_NO_WEBSOCKET_TRANSPORT",
  /** A relative endpoint (`"/socket"`) outside a page, where there is no `location` to resolve it. */
  relativeEndpointWithoutLocation: "CINDER_CLIENT_RELATIVE_ENDPOINT_WITHOUT_LOCATION",
  /** A binary push whose topic or event does not fit the one-byte length of a binary frame field. */
  binaryFieldTooLong: "CINDER_CLIENT_BINARY_FIELD_TOO_LONG",
  /** A callback or function the application gave the client threw. */
  userCodeThrew: "CINDER_CLIENT_USER_CODE_THREW",
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * Every error @cinder/client creates. `code` is stable and safe to match on; `message` is for
 * humans and may be reworded.
 *
 * @example
 * ```ts
 * try {
 *   channel.push("new_msg", { body: "hi" });
 * } catch (error) {
 *   if (error instanceof CinderClientError && error.code === ClientErrorCode.pushBeforeJoin) channel.join();
 * }
 * ```
 */
export class CinderClientError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CinderClientError";
    this.code = code;
  }
}

/** The message of anything thrown, for a diagnostic or a wrapping error. */
export function describeError(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
