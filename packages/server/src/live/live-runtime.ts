import type { FastifyRequest } from "fastify";
import type { JsonObject } from "@cinder/protocol";
import type { Logger } from "../logger.js";
import type { LiveLayout, LiveTitleOptions } from "./http/page-layout.js";
import type { LiveRoutes } from "./routes/live-routes.js";
import type { ViewTokens } from "./session/view-tokens.js";

/**
 * Everything the HTTP render and the LiveView channel share for one app: routes and views,
 * token signing, page options. Built once by the `cinderLive` plugin; immutable afterwards
 * (except nested views registering themselves in `routes`).
 */
export interface LiveRuntime {
  readonly routes: LiveRoutes;
  readonly tokens: ViewTokens;
  readonly logger: Logger;
  readonly layout: LiveLayout;
  readonly title: LiveTitleOptions;
  /** Name of the HttpOnly cookie holding the CSRF secret. */
  readonly csrfCookieName: string;
  /** The app session of a request (the `session` option), checked to be a JSON object. */
  sessionOf(request: FastifyRequest): Promise<JsonObject>;
}

/** Cookie the LiveView client writes before a full-page redirect that carries a flash (spec §3.10.4). */
export const FLASH_COOKIE_NAME = "__phoenix_flash__";
