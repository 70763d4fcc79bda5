import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportedError } from "./dev-server-link.js";

/** `at fn (file:///app/src/x.ts:12:5)`, `at file:///app/src/x.ts:12:5`, `at /app/src/x.ts:12:5`. */
const STACK_LOCATION = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/;
const FRAME_CONTEXT_LINES = 3;

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The first stack frame in the app's own code: under `root`, not in node_modules, not in Node's
 * internals. With source maps on (cinder dev and cinder start turn them on), that is the line
 * of the `.ts` file the person wrote.
 */
export function firstAppFrame(stack: string, root: string): SourceLocation | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const match = STACK_LOCATION.exec(line.trim());
    if (match === null) continue;
    const [, rawFile = "", lineNumber = "0", column = "0"] = match;
    let file = rawFile;
    try {
      if (file.startsWith("file://")) file = fileURLToPath(file);
    } catch {
      continue;
    }
    if (!isAbsolute(file) || file.includes(`${sep}node_modules${sep}`)) continue;
    const fromRoot = relative(root, file);
    if (fromRoot.startsWith("..") || isAbsolute(fromRoot)) continue;
    return { file, line: Number(lineNumber), column: Number(column) };
  }
  return undefined;
}

/** Lines around `location`, numbered, the failing one marked with `>` and a caret under the column. */
export function sourceFrame(location: SourceLocation): string | undefined {
  if (!existsSync(location.file)) return undefined;
  const lines = readFileSync(location.file, "utf8").split(/\r?\n/);
  if (location.line < 1 || location.line > lines.length) return undefined;
  const first = Math.max(1, location.line - FRAME_CONTEXT_LINES);
  const last = Math.min(lines.length, location.line + FRAME_CONTEXT_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const marker = number === location.line ? ">" : " ";
    out.push(`${marker} ${String(number).padStart(width)} | ${lines[number - 1] ?? ""}`);
    if (number === location.line) out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, location.column - 1))}^`);
  }
  return out.join("\n");
}

/**
 * What the overlay and the dev error page show for `error`: the innermost cause (the user's own
 * throw, not the wrappers Cinder adds around callbacks) with its location and source, and the
 * chain of messages leading to it.
 */
export function describeError(error: unknown, root: string, context?: string): ReportedError {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 10) {
    chain.push(current);
    current = current.cause;
  }
  const innermost = chain.at(-1);
  if (innermost === undefined) return { name: "Error", message: String(error), stack: String(error), ...(context === undefined ? {} : { context }) };
  const stack = chain.map((link, index) => (index === 0 ? link.stack ?? String(link) : `Caused by: ${link.stack ?? String(link)}`)).join("\n");
  const location = firstAppFrame(innermost.stack ?? "", root) ?? chain.map((link) => firstAppFrame(link.stack ?? "", root)).find((found) => found !== undefined);
  const frame = location === undefined ? undefined : sourceFrame(location);
  return {
    name: innermost.name,
    message: innermost.message,
    stack,
    ...(location === undefined ? {} : { file: relative(root, location.file), line: location.line, column: location.column }),
    ...(frame === undefined ? {} : { frame }),
    ...(context === undefined ? {} : { context }),
  };
}

/**
 * The same report from a log record's serialized error (pino writes `{type, message, stack}`,
 * the causes appended to the stack as `caused by: …`): the innermost cause names the user's code.
 */
export function describeLoggedError(logged: { readonly type?: string; readonly message?: string; readonly stack?: string }, root: string, context?: string): ReportedError {
  const stack = logged.stack ?? `${logged.type ?? "Error"}: ${logged.message ?? ""}`;
  const causes = stack.split(/\ncaused by: /i);
  const innermost = causes.at(-1) ?? stack;
  const headline = innermost.split("\n")[0] ?? "";
  const separator = headline.indexOf(": ");
  const name = separator === -1 ? (logged.type ?? "Error") : headline.slice(0, separator);
  const message = separator === -1 ? headline : headline.slice(separator + 2);
  const location = firstAppFrame(innermost, root) ?? causes.map((cause) => firstAppFrame(cause, root)).find((found) => found !== undefined);
  const frame = location === undefined ? undefined : sourceFrame(location);
  return {
    name,
    message,
    stack,
    ...(location === undefined ? {} : { file: relative(root, location.file), line: location.line, column: location.column }),
    ...(frame === undefined ? {} : { frame }),
    ...(context === undefined ? {} : { context }),
  };
}
