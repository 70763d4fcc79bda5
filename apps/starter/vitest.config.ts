import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Tests start the app on a real port and talk to it over a real WebSocket.
    testTimeout: 15_000,
  },
});
