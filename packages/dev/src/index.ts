/**
 * @cinder/dev — the `cinder` command (dev, build, start, routes, gen live, secret) and the
 * pieces of it an app uses at run time. This export list is the package's whole public API.
 *
 * @example
 * ```ts
 * // src/app.ts
 * const app = Fastify({ logger: appLogger() });
 * await app.register(cinderErrorPages, { notFound, serverError });
 * await app.register(cinderAssets);
 * // src/server.ts
 * await serve(app);
 * ```
 */
export { serve } from "./runtime/serve.js";
export type { ServeOptions } from "./runtime/serve.js";
export { cinderAssets } from "./runtime/assets-plugin.js";
export type { Assets, AssetsMode, CinderAssetsOptions } from "./runtime/assets-plugin.js";
export { cinderErrorPages } from "./runtime/error-pages-plugin.js";
export type { ErrorPagesOptions } from "./runtime/error-pages-plugin.js";
export type { HttpRoute } from "./runtime/http-routes.js";
export { appLogger } from "./runtime/app-logger.js";
export { readableLogStream } from "./runtime/readable-log.js";
export type { ReadableLogOptions } from "./runtime/readable-log.js";
export { describeError } from "./runtime/source-frame.js";
export type { ReportedError } from "./runtime/dev-server-link.js";
export { loadEnvFiles, parseEnvFile, envFilesFor } from "./project/env-files.js";
export type { AppMode } from "./project/env-files.js";
export { checkProductionSecret, generateSecret } from "./project/secret-check.js";
export { loadProjectConfig } from "./project/project-config.js";
export type { ProjectConfig } from "./project/project-config.js";
export { buildProject } from "./build/build-project.js";
export type { BuildReport } from "./build/build-project.js";
export type { AssetManifest } from "./build/asset-build.js";
export { CinderDevError } from "./dev-errors.js";
export type { DevErrorCode } from "./dev-errors.js";
