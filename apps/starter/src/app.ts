import { appLogger, cinderAssets, cinderErrorPages } from "@cinder/dev";
import { cinder, cinderLive } from "@cinder/server";
import Fastify, { type FastifyInstance } from "fastify";
import { loadConfig, type AppConfig } from "./config.js";
import { rootLayout } from "./layouts/root-layout.js";
import { notFoundPage, serverErrorPage } from "./pages/error-pages.js";
import { liveSessions } from "./router.js";

/**
 * The whole app, ready to listen: `src/server.ts` starts it, the tests drive it in-process and
 * `cinder routes` lists what it serves. Add HTTP routes of your own with `app.get(…)` below.
 *
 * @example
 * ```ts
 * const app = await createApp();
 * const response = await app.inject("/");
 * ```
 */
export async function createApp(config: AppConfig = loadConfig()): Promise<FastifyInstance> {
  const app = Fastify({ logger: appLogger(), trustProxy: config.trustProxy });

  // First, so that it sees every route for the development 404 page.
  await app.register(cinderErrorPages, {
    notFound: (request) => notFoundPage(config, request.url),
    serverError: () => serverErrorPage(config),
    details: !config.production,
    root: config.root,
  });
  await app.register(cinderAssets, { root: config.root });
  await app.register(cinder, {});
  await app.register(cinderLive, {
    secretKeyBase: config.secretKeyBase,
    layout: (page) => rootLayout(page, app.assets),
    title: { suffix: ` · ${config.appName}`, default: config.appName },
    liveSessions,
  });

  // For load balancers and uptime checks: answers as long as the process serves requests.
  app.get("/health", async () => ({ status: "ok" }));

  return app;
}
