import { existsSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { devError } from "../dev-errors.js";
import { registerTypeScript } from "../loader/register-typescript.js";
import { loadEnvFiles } from "../project/env-files.js";
import { loadProjectConfig } from "../project/project-config.js";
import { collectedHttpRoutes, type HttpRoute } from "../runtime/http-routes.js";

/**
 * `cinder routes` (Phoenix's `mix phx.routes`): creates the app without listening — importing
 * `createApp` from the app module — and prints its live routes, other HTTP routes, sockets and
 * their channels.
 */
export async function routesCommand(): Promise<void> {
  const config = loadProjectConfig();
  process.env["NODE_ENV"] ??= "development";
  process.env["CINDER_PROJECT_ROOT"] = config.root;
  loadEnvFiles(config.root, "development");
  if (!existsSync(config.appModule)) throw devError("CINDER_DEV_MISSING_ENTRY", "app module", relative(config.root, config.appModule));
  registerTypeScript();
  const module = (await import(pathToFileURL(config.appModule).href)) as { createApp?: unknown };
  if (typeof module.createApp !== "function") throw devError("CINDER_DEV_NO_CREATE_APP", relative(config.root, config.appModule));
  const app = (await (module.createApp as () => Promise<FastifyInstance> | FastifyInstance)()) as FastifyInstance;
  await app.ready();
  console.log(formatRoutes(app, collectedHttpRoutes(app)));
  await app.close();
}

/** `httpRoutes` is undefined when the app does not register cinderErrorPages (which collects them). */
export function formatRoutes(app: FastifyInstance, httpRoutes: readonly HttpRoute[] | undefined): string {
  const lines: string[] = [];
  const table = (rows: string[][]): void => {
    const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
    for (const row of rows) lines.push(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}`.trimEnd());
  };
  const cinder = app.hasDecorator("cinder") ? app.cinder.routes() : { sockets: [], liveRoutes: [] };
  const livePaths = new Set(cinder.liveRoutes.map((route) => route.path));
  if (cinder.liveRoutes.length > 0) {
    lines.push("Live routes:");
    table(cinder.liveRoutes.map((route) => ["GET", route.path, route.view, `(live session ${route.liveSession})`]));
  }
  const others = (httpRoutes ?? []).filter((route) => !livePaths.has(route.url));
  if (httpRoutes === undefined) lines.push("HTTP routes: not listed (register cinderErrorPages from @cinder/dev first in createApp to see them).");
  else if (others.length > 0) {
    lines.push("HTTP routes:");
    table(others.map((route) => [route.method, route.url]));
  }
  if (cinder.sockets.length > 0) {
    lines.push("Sockets:");
    table(cinder.sockets.map((socket) => ["WS", `${socket.path}/websocket`, socket.channels.join(", ")]));
  }
  return lines.length === 0 ? "This app has no routes yet." : lines.join("\n");
}
