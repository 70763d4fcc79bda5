import { DIAGNOSTIC_EVENT, DIAGNOSTIC_VERSION } from "../diagnostic-event.js";

/**
 * JS commands come from templates, so a broken one is the application's mistake, not a reason
 * for the page to throw. Every problem becomes a `phx:live-view:diagnostic` event on `window`
 * (`DIAGNOSTIC_EVENT`, the event the official client uses for its diagnostics, spec §3.17) and
 * one console line.
 */
export const JS_DIAGNOSTIC_EVENT = DIAGNOSTIC_EVENT;

/** Stable codes of the JS command diagnostics. Codes are never reused or renumbered. */
export const JsDiagnosticCode = {
  /** The attribute starts with `[` but is not valid JSON. */
  malformedJson: "js.malformed-json",
  /** The attribute is JSON but not a list of commands. */
  notACommandList: "js.not-a-command-list",
  /** One entry of the list is not an `[op, args]` pair. */
  notACommand: "js.not-a-command",
  /** An op this client does not know; the other commands still run. */
  unknownOp: "js.unknown-op",
  /** A known op with args of the wrong shape; that command is skipped. */
  invalidArgs: "js.invalid-args",
  /** A `to` selector the browser refuses to parse; that command is skipped. */
  invalidSelector: "js.invalid-selector",
  /** `exec` named an attribute that its target does not carry. */
  execAttributeMissing: "js.exec-attribute-missing",
  /** `exec` chains nested deeper than the limit, e.g. an attribute that execs itself. */
  execTooDeep: "js.exec-too-deep",
  /** The DOM refused an operation (e.g. `set_attr` with a name no element may carry). */
  commandFailed: "js.command-failed",
} as const;
export type JsDiagnosticCode = (typeof JsDiagnosticCode)[keyof typeof JsDiagnosticCode];

/** `event.detail` of a JS command diagnostic; the first fields match the official client's diagnostics. */
export interface JsDiagnosticDetail {
  version: typeof DIAGNOSTIC_VERSION;
  level: "error";
  attribution: "app";
  code: JsDiagnosticCode;
  message: string;
  /** The element whose commands had the problem. */
  element: Element;
}

/** Distinct messages already written to the console; bounded so a hostile page cannot grow it forever. */
const loggedProblems = new Set<string>();
const MAX_REMEMBERED_PROBLEMS = 200;

export function reportJsProblem(code: JsDiagnosticCode, message: string, element: Element): void {
  const detail: JsDiagnosticDetail = { version: DIAGNOSTIC_VERSION, level: "error", attribution: "app", code, message, element };
  const target = element.ownerDocument.defaultView ?? globalThis;
  target.dispatchEvent(new CustomEvent(JS_DIAGNOSTIC_EVENT, { detail }));
  logOnce(code, message, element);
}

/** The same broken attribute fires on every click; the console hears about it once. */
function logOnce(code: JsDiagnosticCode, message: string, element: Element): void {
  const key = `${code} ${message}`;
  if (loggedProblems.has(key)) return;
  if (loggedProblems.size >= MAX_REMEMBERED_PROBLEMS) loggedProblems.clear();
  loggedProblems.add(key);
  console.error(`[cinder] ${code}: ${message}`, element);
}
