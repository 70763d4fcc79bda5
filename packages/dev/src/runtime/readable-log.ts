import { inspect } from "node:util";

/** pino's numeric levels, as fastify's logger writes them. */
const LEVELS: Readonly<Record<number, { readonly label: string; readonly color: number }>> = {
  10: { label: "TRACE", color: 90 },
  20: { label: "DEBUG", color: 36 },
  30: { label: "INFO ", color: 32 },
  40: { label: "WARN ", color: 33 },
  50: { label: "ERROR", color: 31 },
  60: { label: "FATAL", color: 35 },
};

/** Fields every record has, or that are shown in their own way. */
const SHOWN_APART = new Set(["level", "time", "pid", "hostname", "msg", "err", "error", "req", "res", "reqId", "responseTime", "v"]);

interface LogRecord {
  readonly level?: number;
  readonly time?: number;
  readonly msg?: string;
  readonly reqId?: string;
  readonly req?: { readonly method?: string; readonly url?: string };
  readonly res?: { readonly statusCode?: number };
  readonly responseTime?: number;
  readonly err?: { readonly type?: string; readonly message?: string; readonly stack?: string; readonly code?: string };
  readonly [field: string]: unknown;
}

export interface ReadableLogOptions {
  /** Where lines go. Default `process.stdout`. */
  readonly out?: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Colour the level and status. Default: when `out` is a terminal and NO_COLOR is unset. */
  readonly color?: boolean;
}

/**
 * A pino destination that prints fastify's JSON log records the way people read a dev server:
 * one line per request (`GET /counter → 200 in 3.1 ms`, written when it completes), errors with
 * their stack, other fields as `key=value`. Give it to fastify as `logger: { stream }`.
 */
export function readableLogStream(options: ReadableLogOptions = {}): { write(line: string): void } {
  const out = options.out ?? process.stdout;
  const color = options.color ?? (out.isTTY === true && process.env["NO_COLOR"] === undefined);
  const paint = (code: number, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  // "request completed" does not repeat the method and URL; remember them from "incoming request".
  const requests = new Map<string, string>();

  return {
    write(line: string): void {
      let record: LogRecord;
      try {
        record = JSON.parse(line) as LogRecord;
      } catch {
        out.write(line.endsWith("\n") ? line : `${line}\n`);
        return;
      }
      if (record.msg === "incoming request" && record.reqId !== undefined) {
        requests.set(record.reqId, `${record.req?.method ?? "?"} ${record.req?.url ?? "?"}`);
        return;
      }
      const level = LEVELS[record.level ?? 30] ?? { label: String(record.level), color: 0 };
      const time = paint(90, new Date(record.time ?? Date.now()).toTimeString().slice(0, 8));
      let message = record.msg ?? "";
      if (record.msg === "request completed" && record.reqId !== undefined) {
        const status = record.res?.statusCode ?? 0;
        const request = requests.get(record.reqId) ?? "request";
        requests.delete(record.reqId);
        const statusColor = status >= 500 ? 31 : status >= 400 ? 33 : 32;
        message = `${request} → ${paint(statusColor, String(status))} in ${(record.responseTime ?? 0).toFixed(1)} ms`;
      }
      const extras = Object.entries(record)
        .filter(([key]) => !SHOWN_APART.has(key))
        .map(([key, value]) => `${paint(90, `${key}=`)}${typeof value === "string" ? value : inspect(value, { depth: 3, breakLength: Infinity, colors: false })}`);
      let text = `${time} ${paint(level.color, level.label)} ${message}${extras.length > 0 ? ` ${extras.join(" ")}` : ""}\n`;
      const error = record.err ?? (record["error"] as LogRecord["err"]);
      if (error?.stack !== undefined) text += `${indent(error.stack)}\n`;
      else if (error?.message !== undefined) text += `  ${error.type ?? "Error"}: ${error.message}\n`;
      out.write(text);
    },
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
