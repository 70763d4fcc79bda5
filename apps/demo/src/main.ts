import { serve } from "@cinder/dev";
import { createDemoApp } from "./app.js";
import { MissingSecretError, resolveSecretKeyBase } from "./secret-key-base.js";

/** `npm start` and `npm run dev`: the demo on PORT (default 4000), bound to HOST (default 127.0.0.1). */
async function main(): Promise<void> {
  let secret: ReturnType<typeof resolveSecretKeyBase>;
  try {
    secret = resolveSecretKeyBase();
  } catch (error) {
    if (error instanceof MissingSecretError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (secret.source === "generated") console.log("Generated a development secret in apps/demo/.cache/dev-secret (git-ignored).");

  const app = createDemoApp({ secretKeyBase: secret.secretKeyBase, logger: { level: process.env["LOG_LEVEL"] ?? "warn" } });
  // PORT (default 4000) and HOST (default 127.0.0.1); a taken port is one clear line, SIGINT/SIGTERM close
  // gracefully, and under `npm run dev` (cinder dev) it listens where the dev server asks.
  await serve(app);
}

await main();
