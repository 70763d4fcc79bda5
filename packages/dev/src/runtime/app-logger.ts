import type { FastifyServerOptions } from "fastify";
import { notifyDevServer, underDevServer } from "./dev-server-link.js";
import { readableLogStream } from "./readable-log.js";
import { describeLoggedError } from "./source-frame.js";

/**
 * Fastify logger options for an app, on by default because a server that fails silently is
 * worse than a noisy one: JSON lines in production (for log collectors), readable lines in
 * development, warnings and errors only in tests. `LOG_LEVEL` overrides the level.
 *
 * @example
 * ```ts
 * const app = Fastify({ logger: appLogger() });
 * ```
 */
export function appLogger(options: { readonly level?: string; readonly env?: NodeJS.ProcessEnv } = {}): NonNullable<FastifyServerOptions["logger"]> {
  const env = options.env ?? process.env;
  const mode = env["NODE_ENV"] ?? "development";
  const level = options.level ?? env["LOG_LEVEL"] ?? (mode === "test" ? "warn" : "info");
  if (mode === "production") return { level };
  const readable = readableLogStream();
  if (!underDevServer()) return { level, stream: readable };
  // Under cinder dev, every error the app logs — a view that crashed while rendering, a failed
  // page, a channel callback that threw — also goes to the browser's error overlay.
  const root = env["CINDER_PROJECT_ROOT"] ?? process.cwd();
  return {
    level,
    stream: {
      write(line: string): void {
        readable.write(line);
        reportLoggedError(line, root);
      },
    },
  };
}

function reportLoggedError(line: string, root: string): void {
  if (!line.includes('"err"')) return;
  try {
    const record = JSON.parse(line) as { level?: number; msg?: string; err?: { type?: string; message?: string; stack?: string } };
    if ((record.level ?? 0) < 50 || record.err === undefined) return;
    notifyDevServer({ type: "error", error: describeLoggedError(record.err, root, record.msg) });
  } catch {
    // not JSON: nothing to report
  }
}
