import { defineConfig } from "vitest/config";

/**
 * One vitest run covers the whole workspace. Packages are resolved through the `@cinder/source`
 * export condition, so tests run against `src/` without a build step in between.
 */
const sourceConditions = ["@cinder/source", "node", "import", "default"];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@cinder/source"] } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "protocol", include: ["packages/protocol/test/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: { name: "server", include: ["packages/server/test/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: { name: "client", include: ["packages/client/test/**/*.test.ts"], environment: "happy-dom" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
