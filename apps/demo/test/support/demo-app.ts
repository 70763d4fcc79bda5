import { afterAll, beforeAll } from "vitest";
import type { FastifyInstance } from "fastify";
import { createDemoApp } from "@cinder/demo";

/**
 * The demo app for `app.inject()` tests: created and readied before the file's tests, closed after.
 * Returns an accessor because the app exists only once `beforeAll` has run.
 */
export function useDemoApp(secretKeyBase: string): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = createDemoApp({ secretKeyBase });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  return () => {
    if (app === undefined) throw new Error("useDemoApp: the app is only available inside tests");
    return app;
  };
}
