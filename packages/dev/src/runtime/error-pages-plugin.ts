import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { renderToString, type Template } from "@cinder/server";
import { describeError } from "./source-frame.js";
import { devErrorPage, devNotFoundPage } from "./dev-pages.js";
import { collectedHttpRoutes, collectHttpRoutes } from "./http-routes.js";

export interface ErrorPagesOptions {
  /** The page visitors see for a URL that matches nothing. */
  readonly notFound: (request: FastifyRequest) => Template | string;
  /** The page visitors see when the server failed (the details are in the log, never in the page). */
  readonly serverError: (request: FastifyRequest, statusCode: number) => Template | string;
  /**
   * Show developers what happened instead: the route list on a 404, the error with its stack
   * and source on a 500. Default: unless NODE_ENV is production.
   */
  readonly details?: boolean;
  /** For source frames: the app's folder. Default `CINDER_PROJECT_ROOT`, else the current directory. */
  readonly root?: string;
}

/** Logged already by the code that threw it (cinderLive logs a failed HTTP render with its view and route). */
const LOGGED_AT_SOURCE = new Set(["CINDER_LIVE_DEAD_RENDER_FAILED"]);

async function errorPagesPlugin(app: FastifyInstance, options: ErrorPagesOptions): Promise<void> {
  const details = options.details ?? process.env["NODE_ENV"] !== "production";
  const root = options.root ?? process.env["CINDER_PROJECT_ROOT"] ?? process.cwd();
  collectHttpRoutes(app);

  app.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    if (!wantsHtml(request)) return reply.send({ statusCode: 404, error: "Not Found", message: `No route for ${request.method} ${request.url}` });
    const cinder = app.hasDecorator("cinder") ? app.cinder.routes() : undefined;
    const page = details ? devNotFoundPage(request, { http: collectedHttpRoutes(app) ?? [], cinder }) : asHtml(options.notFound(request));
    return reply.type("text/html; charset=utf-8").send(page);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const statusCode = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500 && !LOGGED_AT_SOURCE.has(String(error.code))) request.log.error({ err: error }, error.message);
    else if (statusCode < 500) request.log.info({ err: error }, error.message);
    reply.code(statusCode);
    if (statusCode < 500) return sendClientError(request, reply, error, statusCode);
    const reported = describeError(error, root, `${request.method} ${request.url}`);
    if (!wantsHtml(request)) return reply.send({ statusCode, error: "Internal Server Error", message: details ? reported.message : "Something went wrong." });
    const page = details ? devErrorPage(reported, request) : asHtml(options.serverError(request, statusCode));
    return reply.type("text/html; charset=utf-8").send(page);
  });
}

/**
 * The app's 404 and 500 pages, with a developer's view in development: a 404 lists every live
 * route, HTTP route and socket; a 500 shows the error, the line of your code that threw with its
 * source around it, and the stack. Errors are logged once. Register it before your routes (it
 * collects them as they are added).
 *
 * @example
 * ```ts
 * await app.register(cinderErrorPages, {
 *   notFound: () => html`<h1>Page not found</h1><a href="/">Home</a>`,
 *   serverError: () => html`<h1>Something went wrong</h1><p>We are on it.</p>`,
 * });
 * ```
 */
export const cinderErrorPages = fastifyPlugin(errorPagesPlugin, { name: "@cinder/dev/error-pages", fastify: "5.x" });

function wantsHtml(request: FastifyRequest): boolean {
  // Browsers ask for text/html; API clients that ask for JSON only get JSON; anything else gets the page.
  const accept = request.headers.accept ?? "";
  return accept.includes("text/html") || !accept.includes("application/json");
}

function asHtml(page: Template | string): string {
  return typeof page === "string" ? page : renderToString(page);
}

/** 4xx from fastify itself (a body too large, bad JSON): the status and fastify's message, which are meant for clients. */
function sendClientError(request: FastifyRequest, reply: FastifyReply, error: FastifyError, statusCode: number): FastifyReply {
  if (!wantsHtml(request)) return reply.send({ statusCode, error: error.name, message: error.message });
  return reply.type("text/plain; charset=utf-8").send(`${statusCode}: ${error.message}`);
}
