import { fileURLToPath } from "node:url";
import { loadEnvFiles } from "@cinder/dev";
import type { FastifyInstance } from "fastify";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";

/** The app's folder, wherever the tests run from. */
export const appRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface TestApp {
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * The real app with the test secret from `.env.test`, listening on a free port of 127.0.0.1 —
 * the same code as production, so the tests see what a browser would.
 */
export async function startTestApp(): Promise<TestApp> {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "test" };
  loadEnvFiles(appRoot, "test", env);
  const app = await createApp({ ...loadConfig(env), root: appRoot });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { app, origin: `http://127.0.0.1:${port}`, close: () => app.close() };
}
