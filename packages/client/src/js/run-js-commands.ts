import { parseJsCommands, type JsCommand, type JsCommandProblemCode, type JsDispatchArgs, type JsTarget } from "@cinder/protocol";
import { describeError } from "../errors.js";
import type { JsCommandHost } from "./js-command-host.js";
import { JsDiagnosticCode, reportJsProblem } from "./js-diagnostics.js";
import { describeTarget, resolveTargets } from "./js-targets.js";
import { addOrRemoveClasses, toggleClasses } from "./js-classes.js";
import { hide, show, toggle } from "./js-visibility.js";
import { focusElement, focusFirstWithin, popFocus, pushFocus } from "./js-focus.js";
import { ignoreAttributesSticky, removeAttributeSticky, setAttributeSticky } from "./js-sticky-state.js";
import { holdUntil } from "./js-transitions.js";

export interface RunJsCommandsOptions {
  /**
   * The commands come from the `phx-remove` of an element that is about to leave the page:
   * `show` and the showing half of `toggle` do nothing. Remove the element once
   * `afterJsTransitions` calls back, so its hide transition can play.
   */
  removing?: boolean;
}

/** `exec` may nest; this bounds an attribute that (indirectly) execs itself. */
const MAX_EXEC_DEPTH = 16;

/**
 * Runs the JS commands in an attribute value (spec §3.15) on behalf of `element`, in order.
 * A value starting with `[` is a JSON command list; any other non-empty value is an event name
 * and means `[["push", {"event": value}]]`. Pushes and navigation go to `host`; DOM changes are
 * made here and stick across server patches (see `reapplyJsState`).
 *
 * A LiveSocket runs the commands of `phx-*` attributes by itself (and `liveSocket.execJS` runs
 * one on demand); call this to run them with a runtime of your own, or none.
 *
 * Never throws for bad input: malformed JSON, unknown ops, invalid args or selectors become a
 * `phx:live-view:diagnostic` event on `window` (logged once); the valid commands still run.
 *
 * @example
 * ```ts
 * // A page without a LiveView: the DOM commands run, pushes are only logged.
 * button.addEventListener("click", (event) => {
 *   runJsCommands(button.getAttribute("phx-click") ?? "", button, event, {
 *     push: (command) => console.info("no LiveView to push", command.event, "to"),
 *     navigate: (href) => window.location.assign(href),
 *     patch: (href, { replace }) => (replace ? history.replaceState(null, "", href) : history.pushState(null, "", href)),
 *   });
 * });
 * ```
 */
export function runJsCommands(
  encoded: string,
  element: Element,
  domEvent: Event | undefined,
  host: JsCommandHost,
  options: RunJsCommandsOptions = {},
): void {
  runEncoded(encoded, startContext(element, domEvent, host, options));
}

/**
 * Runs commands that are already typed (from `js()` or a parsed attribute) — for the imperative
 * API, where there is no attribute text to parse.
 */
export function runTypedJsCommands(
  commands: readonly JsCommand[],
  element: Element,
  domEvent: Event | undefined,
  host: JsCommandHost,
  options: RunJsCommandsOptions = {},
): void {
  const context = startContext(element, domEvent, host, options);
  for (const command of commands) runCommand(command, context);
}

interface RunContext {
  source: Element;
  domEvent: Event | undefined;
  host: JsCommandHost;
  removing: boolean;
  depth: number;
}

function startContext(element: Element, domEvent: Event | undefined, host: JsCommandHost, options: RunJsCommandsOptions): RunContext {
  return { source: element, domEvent, host, removing: options.removing ?? false, depth: 0 };
}

function runEncoded(encoded: string, context: RunContext): void {
  if (encoded === "") return;
  const commands: JsCommand[] = encoded.startsWith("[") ? parseReportingProblems(encoded, context.source) : [["push", { event: encoded }]];
  for (const command of commands) runCommand(command, context);
}

const DIAGNOSTIC_BY_PROBLEM: Readonly<Record<JsCommandProblemCode, JsDiagnosticCode>> = {
  malformed_json: JsDiagnosticCode.malformedJson,
  not_a_command_list: JsDiagnosticCode.notACommandList,
  not_a_command: JsDiagnosticCode.notACommand,
  unknown_op: JsDiagnosticCode.unknownOp,
  invalid_args: JsDiagnosticCode.invalidArgs,
};

function parseReportingProblems(encoded: string, source: Element): JsCommand[] {
  const { commands, problems } = parseJsCommands(encoded);
  for (const problem of problems) {
    const where = problem.index === undefined ? "" : `command ${problem.index}: `;
    reportJsProblem(DIAGNOSTIC_BY_PROBLEM[problem.code], `${where}${problem.message}`, source);
  }
  return commands;
}

function runCommand(command: JsCommand, context: RunContext): void {
  const { source, domEvent, host } = context;
  switch (command[0]) {
    case "push": {
      const { event, value, target, loading, page_loading } = command[1];
      host.push(definedOnly({ event, value, target, loading, pageLoading: page_loading }), source, domEvent);
      return;
    }
    case "navigate":
      host.navigate(command[1].href, { replace: command[1].replace ?? false });
      return;
    case "patch":
      host.patch(command[1].href, { replace: command[1].replace ?? false });
      return;
    case "pop_focus":
      popFocus();
      return;
    case "exec": {
      const { attr } = command[1];
      forEachTarget(command[1].to, context, (target) => execAttribute(target, attr, context));
      return;
    }
    default:
      forEachTarget(command[1].to, context, (target) => applyToElement(command, target, context));
  }
}

type ElementCommand = Exclude<JsCommand, ["push" | "navigate" | "patch" | "pop_focus" | "exec", unknown]>;

function applyToElement(command: ElementCommand, element: Element, context: RunContext): void {
  const { removing } = context;
  switch (command[0]) {
    case "show": {
      const { display, transition, time, blocking } = command[1];
      show(element, { display, ins: transition, time, blocking, removing });
      return;
    }
    case "hide": {
      const { transition, time, blocking } = command[1];
      hide(element, { outs: transition, time, blocking, removing });
      return;
    }
    case "toggle":
      toggle(element, { ...command[1], removing });
      return;
    case "add_class":
      addOrRemoveClasses(element, command[1].names, [], command[1].transition, command[1]);
      return;
    case "remove_class":
      addOrRemoveClasses(element, [], command[1].names, command[1].transition, command[1]);
      return;
    case "toggle_class":
      toggleClasses(element, command[1].names, command[1].transition, command[1]);
      return;
    case "transition":
      addOrRemoveClasses(element, [], [], command[1].transition, command[1]);
      return;
    case "set_attr":
      setAttributeSticky(element, command[1].attr[0], command[1].attr[1]);
      return;
    case "remove_attr":
      removeAttributeSticky(element, command[1].attr);
      return;
    case "toggle_attr":
      toggleAttribute(element, command[1].attr);
      return;
    case "ignore_attrs":
      ignoreAttributesSticky(element, command[1].attrs);
      return;
    case "focus":
      focusElement(element);
      return;
    case "focus_first":
      focusFirstWithin(element);
      return;
    case "push_focus":
      pushFocus(element);
      return;
    case "dispatch":
      dispatch(element, command[1], context);
      return;
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled JS command ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * `[name, value]`: present → removed, absent → set. `[name, a, b]`: `a` → `b`, anything else
 * (absent included) → `a`.
 */
function toggleAttribute(element: Element, attr: [string, string] | [string, string, string]): void {
  const [name, first, second] = attr;
  const current = element.getAttribute(name);
  if (second === undefined) {
    if (current === null) setAttributeSticky(element, name, first);
    else removeAttributeSticky(element, name);
  } else {
    setAttributeSticky(element, name, current === first ? second : first);
  }
}

/**
 * A `CustomEvent` whose detail carries `dispatcher` (the source element) — or, for `"click"`, a
 * real `MouseEvent`, since browsers give clicks a numeric detail. Blocking: patches wait until a
 * listener calls `event.detail.done()`.
 */
function dispatch(element: Element, args: JsDispatchArgs, context: RunContext): void {
  const isClick = args.event === "click";
  const isFileInputClick = isClick && element.localName === "input" && element.getAttribute("type") === "file";
  // A click bubbling from a file input would reach the label or form that opened it again.
  const bubbles = args.bubbles ?? !isFileInputClick;
  if (isClick) {
    element.dispatchEvent(new MouseEvent("click", { bubbles, cancelable: true }));
    return;
  }
  const detail: Record<string, unknown> = { ...args.detail, dispatcher: context.source };
  if (args.blocking === true) {
    holdUntil(new Promise<void>((resolve) => (detail["done"] = () => resolve())));
  }
  element.dispatchEvent(new CustomEvent(args.event, { bubbles, cancelable: true, detail }));
}

function execAttribute(target: Element, attribute: string, context: RunContext): void {
  const encoded = target.getAttribute(attribute);
  if (encoded === null || encoded === "") {
    reportJsProblem(
      JsDiagnosticCode.execAttributeMissing,
      `exec: the target has no "${attribute}" attribute with commands to run; add it or fix the attribute name`,
      target,
    );
    return;
  }
  if (context.depth >= MAX_EXEC_DEPTH) {
    reportJsProblem(
      JsDiagnosticCode.execTooDeep,
      `exec: more than ${MAX_EXEC_DEPTH} nested exec commands (does "${attribute}" exec itself?); the rest were not run`,
      target,
    );
    return;
  }
  runEncoded(encoded, { ...context, source: target, depth: context.depth + 1 });
}

/**
 * Runs `apply` for each element `to` selects. A selector the browser rejects, or a DOM
 * operation it refuses (an invalid attribute name, say), skips the command with a diagnostic.
 */
function forEachTarget(to: JsTarget | undefined, context: RunContext, apply: (target: Element) => void): void {
  let targets: Element[];
  try {
    targets = resolveTargets(context.source, to);
  } catch (error) {
    reportJsProblem(
      JsDiagnosticCode.invalidSelector,
      `"to" selector ${describeTarget(to ?? "")} is not valid CSS: ${describeError(error)}`,
      context.source,
    );
    return;
  }
  for (const target of targets) {
    try {
      apply(target);
    } catch (error) {
      if (!isDomRefusal(error)) throw error;
      reportJsProblem(JsDiagnosticCode.commandFailed, `the browser refused a JS command: ${describeError(error)}`, target);
    }
  }
}

/**
 * Errors the DOM raises for bad input, as opposed to bugs. Matched by name: a DOMException may
 * come from another realm (an iframe's document, a test DOM) and fail `instanceof`.
 */
const DOM_REFUSALS = new Set(["InvalidCharacterError", "SyntaxError", "NamespaceError", "InvalidStateError", "NotSupportedError"]);

function isDomRefusal(error: unknown): boolean {
  return error instanceof Error && DOM_REFUSALS.has(error.name);
}

function definedOnly<T extends object>(value: T): T {
  const result = { ...value };
  for (const key of Object.keys(result) as (keyof T)[]) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
}
