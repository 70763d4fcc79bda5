/**
 * An optional sink for the client's diagnostics. `kind` groups messages ("transport", "push",
 * "receive", "channel"); `data` is the payload or value the message is about.
 *
 * The socket checks for a logger before it builds any message, so leaving it out costs nothing.
 *
 * @example
 * ```ts
 * const socket = new Socket("/socket", {
 *   logger: (kind, message, data) => console.debug(`${kind}: ${message}`, data),
 * });
 * ```
 */
export type Logger = (kind: LogKind, message: string, data?: unknown) => void;

/** The message groups the channel client logs under; other strings are allowed for extensions. */
export type LogKind = "transport" | "push" | "receive" | "channel" | (string & {});
