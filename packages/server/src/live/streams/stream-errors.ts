/**
 * Errors of LiveView streams. All of them are API misuse inside a view or component callback:
 * thrown into the callback, which then crashes its view with a log record naming the callback.
 * Codes are stable and never reused.
 */
export class LiveStreamError extends Error {
  readonly code: LiveStreamErrorCode;

  constructor(code: LiveStreamErrorCode, message: string) {
    super(message);
    this.name = "LiveStreamError";
    this.code = code;
  }
}

/** Message templates, keyed by code. Each returns the full sentence, fix included. */
const templates = {
  CINDER_STREAM_INVALID_NAME: (name: unknown) =>
    `A stream name is a non-empty string, e.g. socket.stream("songs", songs); got ${JSON.stringify(name) ?? String(name)}.`,
  CINDER_STREAM_NOT_ITERABLE: (name: string) =>
    `socket.stream(${JSON.stringify(name)}, items) needs an array (or another iterable) of items; pass [] to start empty.`,
  CINDER_STREAM_UNKNOWN: (name: string, method: string) =>
    `${method}(${JSON.stringify(name)}, …) was called before the stream exists. Create it first with socket.stream(${JSON.stringify(name)}, items) (usually in mount).`,
  CINDER_STREAM_ITEM_WITHOUT_ID: (name: string) =>
    `An item of the stream ${JSON.stringify(name)} has no id, so its DOM id "${name}-<id>" cannot be built. Give items a string or number id, or pass domId: (item) => "…" in the stream's options.`,
  CINDER_STREAM_INVALID_DOM_ID: (name: string, received: string) =>
    `The domId function of the stream ${JSON.stringify(name)} must return a non-empty string; got ${received}.`,
  CINDER_STREAM_INVALID_OPTION: (name: string, option: string, expectation: string, received: string) =>
    `The option ${option} of the stream ${JSON.stringify(name)} ${expectation}; got ${received}.`,
  CINDER_STREAM_RESERVED_ASSIGN: () =>
    `The assign "streams" is managed by Cinder: create and change streams with socket.stream / streamInsert / streamDelete, and render them from assigns.streams.`,
  CINDER_STREAM_INVALID_ITEM_RENDER: (ref: string, received: string) =>
    `The render function given to a stream's map (stream ${ref}) must return an html\`\` template whose root element carries the item's DOM id, e.g. ([domId, song]) => html\`<li id=\${domId}>…</li>\`; got ${received}.`,
} as const;

export type LiveStreamErrorCode = keyof typeof templates;

/** A `LiveStreamError` for `code`, ready to throw. */
export function streamError<Code extends LiveStreamErrorCode>(code: Code, ...args: Parameters<(typeof templates)[Code]>): LiveStreamError {
  const template = templates[code] as (...values: unknown[]) => string;
  return new LiveStreamError(code, template(...args));
}

/** A short, non-throwing description of a value for error messages. */
export function describeStreamValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
