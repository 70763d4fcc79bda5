import { isJsonObject, type JsonObject } from "../json.js";
import type { JsCommand, JsCommandArgs, JsCommandOp, JsTarget, JsTransition } from "./js-command.js";

/**
 * Parsing never throws: an attribute value comes from a template and may be anything. A list
 * that is not JSON, or not a list of `[op, args]` pairs, yields no commands and one problem; a
 * single bad command yields a problem and is left out while the others are kept, so a newer
 * server's unknown op does not take the whole attribute down with it.
 *
 * Accepted: exactly what `js()` emits, plus `null` for any optional arg (older servers send
 * `"to": null`) and a missing args object for ops that need no args. Unknown arg keys are
 * ignored, for the same forward-compatibility reason as unknown ops are skipped.
 */
export type JsCommandProblemCode = "malformed_json" | "not_a_command_list" | "not_a_command" | "unknown_op" | "invalid_args";

export interface JsCommandProblem {
  code: JsCommandProblemCode;
  message: string;
  /** Position of the offending command in the list; absent when the list itself is unusable. */
  index?: number;
}

export interface ParsedJsCommands {
  commands: JsCommand[];
  problems: JsCommandProblem[];
}

/**
 * Parses an attribute value such as `[["push",{"event":"inc"}]]` (already HTML-unescaped, as
 * `getAttribute` returns it).
 *
 * @example
 * ```ts
 * const { commands, problems } = parseJsCommands('[["hide",{"to":"#modal"}],["nope",{}]]');
 * // commands: [["hide", { to: "#modal" }]]
 * // problems: [{ code: "unknown_op", index: 1, message: "…" }]
 * ```
 */
export function parseJsCommands(encoded: string): ParsedJsCommands {
  let parsed: unknown;
  try {
    parsed = JSON.parse(encoded);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return unusable("malformed_json", `JS commands are not valid JSON (${reason}): ${excerpt(encoded)}`);
  }
  return validateJsCommands(parsed);
}

/** Validates an already-decoded value as a JS command list (see {@link parseJsCommands}). */
export function validateJsCommands(value: unknown): ParsedJsCommands {
  if (!Array.isArray(value)) {
    return unusable("not_a_command_list", `JS commands must be a JSON array of [op, args] pairs, got ${describe(value)}`);
  }
  const result: ParsedJsCommands = { commands: [], problems: [] };
  value.forEach((entry: unknown, index) => {
    const outcome = validateCommand(entry);
    if (Array.isArray(outcome)) result.commands.push(outcome);
    else result.problems.push({ ...outcome, index });
  });
  return result;
}

function validateCommand(entry: unknown): JsCommand | Omit<JsCommandProblem, "index"> {
  if (!Array.isArray(entry) || entry.length < 1 || entry.length > 2 || typeof entry[0] !== "string") {
    return { code: "not_a_command", message: `a JS command must be [op, args], got ${excerpt(JSON.stringify(entry) ?? String(entry))}` };
  }
  const op: string = entry[0];
  const args: unknown = entry[1] ?? {};
  if (!isKnownOp(op)) {
    return { code: "unknown_op", message: `unknown JS command "${op}"; known commands: ${KNOWN_OPS.join(", ")}` };
  }
  if (!isJsonObject(args)) {
    return { code: "invalid_args", message: `the args of JS command "${op}" must be an object, got ${describe(args)}` };
  }
  const reader = new ArgsReader(op, args);
  const parsedArgs = ARG_PARSERS[op](reader);
  if (reader.problem !== undefined) return { code: "invalid_args", message: reader.problem };
  return [op, parsedArgs] as JsCommand;
}

interface FieldType<T> {
  expected: string;
  read(value: unknown): T | undefined;
}

/** Reads typed fields from one command's args; the first mismatch becomes the problem. */
class ArgsReader {
  problem: string | undefined;

  constructor(
    private readonly op: string,
    private readonly args: JsonObject,
  ) {}

  required<T>(key: string, type: FieldType<T>): T {
    const value = this.optional(key, type);
    if (value === undefined && this.problem === undefined) {
      this.problem = `JS command "${this.op}" needs "${key}" (${type.expected})`;
    }
    return value as T;
  }

  optional<T>(key: string, type: FieldType<T>): T | undefined {
    const raw = this.args[key];
    if (raw === undefined || raw === null) return undefined;
    const value = type.read(raw);
    if (value === undefined && this.problem === undefined) {
      this.problem = `JS command "${this.op}": "${key}" must be ${type.expected}, got ${excerpt(JSON.stringify(raw))}`;
    }
    return value;
  }
}

const text: FieldType<string> = {
  expected: "a string",
  read: (value) => (typeof value === "string" ? value : undefined),
};

const name: FieldType<string> = {
  expected: "a non-empty string",
  read: (value) => (typeof value === "string" && value.length > 0 ? value : undefined),
};

const flag: FieldType<boolean> = {
  expected: "true or false",
  read: (value) => (typeof value === "boolean" ? value : undefined),
};

const duration: FieldType<number> = {
  expected: "a number of milliseconds ≥ 0",
  read: (value) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined),
};

const object: FieldType<JsonObject> = {
  expected: "an object",
  read: (value) => (isJsonObject(value) ? value : undefined),
};

const pushTarget: FieldType<string | number> = {
  expected: "a selector or a component id",
  read: (value) => (typeof value === "string" || (typeof value === "number" && Number.isInteger(value)) ? value : undefined),
};

/** Class lists are normalised: entries are split on whitespace and empty names dropped. */
const classNames: FieldType<string[]> = {
  expected: "an array of class names",
  read: (value) => (isStringArray(value) ? value.flatMap(splitClassNames) : undefined),
};

const nameList: FieldType<string[]> = {
  expected: "an array of non-empty strings",
  read: (value) => (isStringArray(value) && value.every((entry) => entry.length > 0) ? [...value] : undefined),
};

const transition: FieldType<JsTransition> = {
  expected: "[[running classes], [start classes], [end classes]]",
  read: (value) => {
    if (!Array.isArray(value) || value.length !== 3 || !value.every(isStringArray)) return undefined;
    const [running, start, end] = value as [string[], string[], string[]];
    return [running.flatMap(splitClassNames), start.flatMap(splitClassNames), end.flatMap(splitClassNames)];
  },
};

const target: FieldType<JsTarget> = {
  expected: 'a selector, {"closest": selector} or {"inner": selector}',
  read: (value) => {
    if (typeof value === "string") return value.length > 0 ? value : undefined;
    if (!isJsonObject(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1) return undefined;
    const selector = value[keys[0] as string];
    if (typeof selector !== "string" || selector.length === 0) return undefined;
    if (keys[0] === "closest") return { closest: selector };
    if (keys[0] === "inner") return { inner: selector };
    return undefined;
  },
};

const attrPair: FieldType<[string, string]> = {
  expected: "[name, value]",
  read: (value) => (isStringArray(value) && value.length === 2 && value[0] !== "" ? [value[0] as string, value[1] as string] : undefined),
};

const attrToggle: FieldType<[string, string] | [string, string, string]> = {
  expected: "[name, value] or [name, value, other value]",
  read: (value) => {
    if (!isStringArray(value) || value[0] === "" || (value.length !== 2 && value.length !== 3)) return undefined;
    return [...value] as [string, string] | [string, string, string];
  },
};

/** Builds the args object without the keys that were absent, so parsed commands compare cleanly. */
function present<T extends object>(args: T): T {
  for (const key of Object.keys(args) as (keyof T)[]) {
    if (args[key] === undefined) delete args[key];
  }
  return args;
}

function timed(read: ArgsReader): { time?: number; blocking?: boolean } {
  return { time: read.optional("time", duration), blocking: read.optional("blocking", flag) };
}

type ArgParsers = { [Op in JsCommandOp]: (read: ArgsReader) => JsCommandArgs<Op> };

const ARG_PARSERS: ArgParsers = {
  push: (read) =>
    present({
      event: read.required("event", name),
      target: read.optional("target", pushTarget),
      loading: read.optional("loading", text),
      page_loading: read.optional("page_loading", flag),
      value: read.optional("value", object),
    }),
  navigate: (read) => present({ href: read.required("href", name), replace: read.optional("replace", flag) }),
  patch: (read) => present({ href: read.required("href", name), replace: read.optional("replace", flag) }),
  dispatch: (read) =>
    present({
      event: read.required("event", name),
      to: read.optional("to", target),
      detail: read.optional("detail", object),
      bubbles: read.optional("bubbles", flag),
      blocking: read.optional("blocking", flag),
    }),
  show: (read) =>
    present({
      to: read.optional("to", target),
      display: read.optional("display", name),
      transition: read.optional("transition", transition),
      ...timed(read),
    }),
  hide: (read) => present({ to: read.optional("to", target), transition: read.optional("transition", transition), ...timed(read) }),
  toggle: (read) =>
    present({
      to: read.optional("to", target),
      display: read.optional("display", name),
      ins: read.optional("ins", transition),
      outs: read.optional("outs", transition),
      ...timed(read),
    }),
  add_class: (read) => classArgs(read),
  remove_class: (read) => classArgs(read),
  toggle_class: (read) => classArgs(read),
  transition: (read) =>
    present({ transition: read.required("transition", transition), to: read.optional("to", target), ...timed(read) }),
  set_attr: (read) => present({ attr: read.required("attr", attrPair), to: read.optional("to", target) }),
  remove_attr: (read) => present({ attr: read.required("attr", name), to: read.optional("to", target) }),
  toggle_attr: (read) => present({ attr: read.required("attr", attrToggle), to: read.optional("to", target) }),
  ignore_attrs: (read) => present({ attrs: read.required("attrs", nameList), to: read.optional("to", target) }),
  focus: (read) => present({ to: read.optional("to", target) }),
  focus_first: (read) => present({ to: read.optional("to", target) }),
  push_focus: (read) => present({ to: read.optional("to", target) }),
  pop_focus: () => ({}),
  exec: (read) => present({ attr: read.required("attr", name), to: read.optional("to", target) }),
};

function classArgs(read: ArgsReader): JsCommandArgs<"add_class"> {
  return present({
    names: read.required("names", classNames),
    to: read.optional("to", target),
    transition: read.optional("transition", transition),
    ...timed(read),
  });
}

const KNOWN_OPS = Object.keys(ARG_PARSERS) as JsCommandOp[];

function isKnownOp(op: string): op is JsCommandOp {
  return Object.prototype.hasOwnProperty.call(ARG_PARSERS, op);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === "string");
}

function splitClassNames(names: string): string[] {
  return names.split(/\s+/).filter((className) => className.length > 0);
}

function unusable(code: JsCommandProblemCode, message: string): ParsedJsCommands {
  return { commands: [], problems: [{ code, message }] };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${excerpt(String(value))}`;
}

/** Hostile attribute values can be long; messages quote only their start. */
function excerpt(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}
