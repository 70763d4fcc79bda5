/**
 * Errors of the LiveView runtime. Thrown ones are API misuse (a bad plugin option, a socket method
 * called wrongly, a callback that throws); logged ones carry `{ code }` in the log record. Hostile
 * client input never throws: it gets an error reply (and a log record) instead.
 *
 * Codes are stable and never reused. They follow the package registry's `CINDER_*` naming so they
 * can move into `src/errors.ts` unchanged.
 */
export class LiveViewError extends Error {
  readonly code: LiveViewErrorCode;

  constructor(code: LiveViewErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LiveViewError";
    this.code = code;
  }
}

/** Message templates, keyed by code. Each returns the full sentence, fix included. */
const templates = {
  // Plugin options (thrown by app.register).
  CINDER_LIVE_NEEDS_CINDER_PLUGIN: () =>
    `cinderLive needs the cinder plugin: register it first, e.g. await app.register(cinder, {}); await app.register(cinderLive, { … }).`,
  CINDER_LIVE_MISSING_SECRET: () =>
    `cinderLive needs secretKeyBase, a secret of at least 32 bytes that signs LiveView session tokens. Generate one with \`node -e "console.log(require('node:crypto').randomBytes(48).toString('base64url'))"\` and pass it from the environment (e.g. SECRET_KEY_BASE); keep it stable across restarts so open pages can rejoin.`,
  CINDER_LIVE_INVALID_OPTION: (name: string, expectation: string) => `cinderLive option ${name} ${expectation}.`,
  CINDER_LIVE_INVALID_ROUTE: (pattern: string, problem: string) =>
    `The live route ${JSON.stringify(pattern)} is not valid: ${problem}. Routes look like "/counter", "/users/:id" or "/files/*path".`,
  CINDER_LIVE_DUPLICATE_ROUTE: (pattern: string, first: string, second: string) =>
    `The live route ${JSON.stringify(pattern)} is declared in live session "${first}" and again in "${second}". Declare each route once.`,
  CINDER_LIVE_NOT_A_LIVE_VIEW: (where: string) =>
    `${where} is not a LiveView. Build views with defineLiveView({ mount, render, … }) and pass the value it returns.`,

  // API misuse inside view callbacks (thrown into the callback, which then crashes its view).
  CINDER_LIVE_INVALID_DEFINITION: (problem: string) => `defineLiveView: ${problem}.`,
  CINDER_LIVE_NOT_A_LOCAL_PATH: (method: string, to: unknown) =>
    `${method} needs a path on this site starting with "/" (e.g. "/users/7?tab=posts"), got ${JSON.stringify(to)}. To leave the site use socket.redirect(url, { external: true }).`,
  CINDER_LIVE_INVALID_LINK: (received: string) =>
    `liveLink takes exactly one of { navigate: "/path" }, { patch: "/path?query" } or { href: url }, got ${received}.`,
  CINDER_LIVE_LINK_NOT_LOCAL: (kind: string, to: unknown) =>
    `liveLink({ ${kind} }) needs a path on this site starting with "/" (e.g. "/users/7?tab=posts"), got ${JSON.stringify(to)}. Link to another site with liveLink({ href: url }).`,
  CINDER_LIVE_INVALID_EXTERNAL_URL: (to: unknown) =>
    `redirect(url, { external: true }) needs an absolute http(s) URL, got ${JSON.stringify(to)}.`,
  CINDER_LIVE_PATCH_TO_OTHER_VIEW: (to: string) =>
    `pushPatch(${JSON.stringify(to)}) leads to another LiveView (or to no live route). pushPatch only changes the params of the current view; use pushNavigate to go to another view of the same live session.`,
  CINDER_LIVE_PATCH_IN_CHILD_VIEW: (view: string) =>
    `pushPatch was called in the nested LiveView ${view}. Only the view mounted at the router owns the URL; send the parent a message and let it patch.`,
  CINDER_LIVE_PATCH_LOOP: (count: number) =>
    `handleParams patched the URL ${count} times in a row. Only call pushPatch from handleParams when the params actually need normalising.`,
  CINDER_LIVE_RESERVED_ASSIGN: (key: string) =>
    `The assign "${key}" is managed by Cinder. Use socket.putFlash / clearFlash for flash messages.`,
  CINDER_LIVE_INVALID_ASSIGNS: (received: string) => `assign() takes an object of assigns, e.g. socket.assign({ count: 0 }); got ${received}.`,
  CINDER_LIVE_INVALID_FLASH: () => `putFlash(kind, message) takes two strings, e.g. socket.putFlash("info", "Saved").`,
  CINDER_LIVE_INVALID_EVENT_NAME: (name: unknown) => `pushEvent needs a non-empty event name string, got ${JSON.stringify(name)}.`,
  CINDER_LIVE_INVALID_TIMER: (ms: unknown, minimum: number) => `Timer delays are finite milliseconds of at least ${minimum}, got ${String(ms)}.`,
  CINDER_LIVE_INVALID_EVENT_REPLY: (view: string, event: string) =>
    `handleEvent "${event}" of ${view} returned something other than nothing or { reply: { … } }. Return { reply: object } to answer a hook's pushEvent, or nothing.`,
  CINDER_LIVE_RENDER_OUTSIDE_VIEW: () =>
    `liveRender(View, { id }) can only be called while a LiveView renders (inside render or a function component it uses).`,
  CINDER_LIVE_INVALID_CHILD: (problem: string) => `liveRender: ${problem}.`,

  // A view callback threw; the view crashes (connected) or the page answers 500 (dead render).
  CINDER_LIVE_CALLBACK_FAILED: (callback: string, view: string, reason: string) => `${callback} of ${view} threw: ${reason}`,

  // Logged with the cause; the response only says "Internal Server Error".
  CINDER_LIVE_DEAD_RENDER_FAILED: (route: string) => `The HTTP render of the live route ${route} failed; answered 500.`,

  // Logged, never thrown.
  CINDER_LIVE_UNKNOWN_EVENT: (view: string, event: string) =>
    `${view} received the event ${JSON.stringify(event)} but has no handler for it; replied with an error and kept the view running. Add "${event}" to handleEvent, or fix the phx-* attribute that sends it.`,
  CINDER_LIVE_MALFORMED_MESSAGE: (view: string, event: string, problem: string) =>
    `${view} received a malformed "${event}" message (${problem}); replied with an error and kept the view running.`,
  CINDER_LIVE_UNHANDLED_INFO: (view: string) =>
    `${view} received a message but has no handleInfo; the message was dropped. Add handleInfo(message, socket) to the view.`,
  CINDER_LIVE_JOIN_REFUSED: (topic: string, reason: string, detail: string) => `Refused to join ${topic} (${reason}): ${detail}`,
} as const;

export type LiveViewErrorCode = keyof typeof templates;

type TemplateArguments<Code extends LiveViewErrorCode> = Parameters<(typeof templates)[Code]>;

/** The message of `code`, filled in. */
export function liveErrorMessage<Code extends LiveViewErrorCode>(code: Code, ...args: TemplateArguments<Code>): string {
  const template = templates[code] as (...values: unknown[]) => string;
  return template(...args);
}

/** A `LiveViewError` for `code`, ready to throw. */
export function liveError<Code extends LiveViewErrorCode>(code: Code, ...args: TemplateArguments<Code>): LiveViewError {
  return new LiveViewError(code, liveErrorMessage(code, ...args));
}

/** A short, non-throwing description of a value for error messages. */
export function describeLiveValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
