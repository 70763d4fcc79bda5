import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyPlugin from "fastify-plugin";
import { isJsonObject, type JsonObject } from "@cinder/protocol";
import type { MaybePromise } from "../channel/results.js";
import { describeLiveRoutes, endpointSettings, mountSocket } from "../endpoint/endpoint.js";
import type { ConnectInfo } from "../socket/socket-definition.js";
import type { TokenSecret } from "../token/token-types.js";
import { sign } from "../token/signed-token.js";
import { createLiveViewSocket } from "./channel/live-view-socket.js";
import { renderLivePage } from "./http/dead-render.js";
import { defaultLayout, type LiveLayout, type LiveTitleOptions } from "./http/page-layout.js";
import { CinderServerError, errorMessage, serverError } from "../errors/error-registry.js";
import { describeValue } from "../errors/describe-value.js";
import type { LiveRuntime } from "./live-runtime.js";
import { LiveRoutes, type LiveSessionOptions } from "./routes/live-routes.js";
import { ViewTokens } from "./session/view-tokens.js";
import type { LiveSession } from "./view/live-view.js";
import { callViewCallback } from "./view/view-callbacks.js";

/** Options of the `cinderLive` plugin (`app.register(cinderLive, options)`). */
export interface CinderLiveOptions {
  /**
   * Signs LiveView session tokens: at least 32 bytes, the same on every node and across restarts
   * (open pages rejoin with their tokens). A list rotates secrets (the first one signs).
   */
  readonly secretKeyBase: TokenSecret;
  /** Live sessions by name, each with its routes and onMount hooks. */
  readonly liveSessions: Readonly<Record<string, LiveSessionOptions>>;
  /** The HTML document around each live page. Default: a plain document without scripts. */
  readonly layout?: LiveLayout;
  /** What the signed session token carries into `mount` (readable by the browser). Default `{}`. */
  readonly session?: (request: FastifyRequest) => MaybePromise<LiveSession>;
  /** Title composition for `page.titleTag` and the client (`data-default`, `-prefix`, `-suffix`). */
  readonly title?: LiveTitleOptions;
  /** Where the LiveView socket is mounted; the client connects to `<socketPath>/websocket`. Default `"/live"`. */
  readonly socketPath?: string;
  /** The HttpOnly cookie holding the CSRF secret. Default `"_cinder_csrf"`. */
  readonly csrfCookieName?: string;
  /**
   * Names each `/live` connection after its user (Phoenix's `live_socket_id`), from the upgrade
   * request's cookies and headers; `undefined` leaves it anonymous. Then
   * `app.cinder.broadcast(id, "disconnect", {})` closes every LiveView socket of that user with
   * 1001: the client reconnects and rejoins, and the views' `mount` and onMount hooks see the
   * session as it is now (e.g. redirect to the sign-in page after a sign-out). Runs once per
   * connection, synchronously; a throw refuses the connection (500) and is logged.
   *
   * @example
   * ```ts
   * socketId: (info) => {
   *   const cookie = info.cookies.session_id;
   *   const unsigned = cookie === undefined ? undefined : app.unsignCookie(cookie);
   *   return unsigned?.valid ? `users_sessions:${unsigned.value}` : undefined;
   * },
   * ```
   */
  readonly socketId?: (info: ConnectInfo) => string | undefined;
}

async function cinderLivePlugin(app: FastifyInstance, options: CinderLiveOptions): Promise<void> {
  if (!app.hasDecorator("cinder")) throw serverError("CINDER_LIVE_NEEDS_CINDER_PLUGIN");
  if (typeof options !== "object" || options === null) throw serverError("CINDER_LIVE_INVALID_OPTION", "(the options object)", "is required");
  const secret = options.secretKeyBase;
  if (secret === undefined || secret === null || (typeof secret === "string" && secret === "")) throw serverError("CINDER_LIVE_MISSING_SECRET");
  sign(secret, "cinder live view secret check", null); // a weak or malformed secret throws its coded error now, not at the first page
  const layout = options.layout ?? defaultLayout;
  if (typeof layout !== "function") throw serverError("CINDER_LIVE_INVALID_OPTION", "layout", `must be a function (page) => html\`…\`, got ${describeValue(layout)}`);
  const sessionOption = options.session;
  if (sessionOption !== undefined && typeof sessionOption !== "function") {
    throw serverError("CINDER_LIVE_INVALID_OPTION", "session", `must be a function (request) => object, got ${describeValue(sessionOption)}`);
  }
  const socketIdOption = options.socketId;
  if (socketIdOption !== undefined && typeof socketIdOption !== "function") {
    throw serverError("CINDER_LIVE_INVALID_OPTION", "socketId", `must be a function (connectInfo) => string | undefined, got ${describeValue(socketIdOption)}`);
  }
  const csrfCookieName = options.csrfCookieName ?? "_cinder_csrf";
  if (typeof csrfCookieName !== "string" || !/^[A-Za-z0-9_-]+$/.test(csrfCookieName)) {
    throw serverError("CINDER_LIVE_INVALID_OPTION", "csrfCookieName", "must be a cookie name made of letters, digits, '_' and '-'");
  }

  const routes = new LiveRoutes(options.liveSessions);
  const runtime: LiveRuntime = {
    routes,
    tokens: new ViewTokens(secret),
    logger: endpointSettings(app.cinder).logger,
    layout,
    title: options.title ?? {},
    csrfCookieName,
    async sessionOf(request) {
      if (sessionOption === undefined) return {};
      const session: unknown = await callViewCallback("the cinderLive options", "session", () => sessionOption(request));
      if (!isJsonObject(session)) throw serverError("CINDER_LIVE_INVALID_OPTION", "session", `must return a JSON object, returned ${describeValue(session)}`);
      // What the token will carry, exactly: undefined values vanish, non-JSON values fail here.
      return JSON.parse(JSON.stringify(session)) as JsonObject;
    },
  };

  mountSocket(app.cinder, options.socketPath ?? "/live", createLiveViewSocket(runtime, { socketId: socketIdOption }));
  for (const route of routes.routes) {
    app.get(route.fastifyPath, (request, reply) => renderLivePageSafely(runtime, route.pattern, request, reply));
  }
  describeLiveRoutes(app.cinder, routes.descriptions);
}

/**
 * The LiveView plugin: registers every live route (HTTP render) and the `/live` socket. Register
 * the `cinder` plugin first.
 *
 * @example
 * ```ts
 * await app.register(cinder, {});
 * await app.register(cinderLive, {
 *   secretKeyBase: process.env.SECRET_KEY_BASE!,
 *   layout: (page) => html`<!DOCTYPE html><html><head><meta name="csrf-token" content=${page.csrfToken}>${page.titleTag}
 *     <script defer src="/assets/app.js"></script></head><body>${page.inner}</body></html>`,
 *   session: (request) => ({ userId: request.cookies.user_id }),
 *   liveSessions: {
 *     public: { routes: { "/counter": CounterLive, "/users/:id": UserLive } },
 *     authenticated: { onMount: [requireUser], routes: { "/settings": SettingsLive } },
 *   },
 * });
 * ```
 */
export const cinderLive = fastifyPlugin(cinderLivePlugin, { name: "@cinder/server/live", fastify: "5.x" });

/**
 * A view that throws during the HTTP render answers 500. Fastify's default error handler would
 * put the exception's message — file paths, data, internals — into the response body, so the
 * error is logged here in full and re-thrown with a generic message (the original stays
 * reachable as `cause` for an app's own error handler).
 */
async function renderLivePageSafely(runtime: LiveRuntime, pattern: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  try {
    await renderLivePage(runtime, pattern, request, reply);
  } catch (failure) {
    runtime.logger.error({ err: failure, code: "CINDER_LIVE_DEAD_RENDER_FAILED", route: pattern }, errorMessage("CINDER_LIVE_DEAD_RENDER_FAILED", pattern));
    // The registry gives this code statusCode 500, which fastify answers with.
    throw new CinderServerError("CINDER_LIVE_DEAD_RENDER_FAILED", "Internal Server Error", { cause: failure });
  }
}
