import { createDemoApp } from "./app.js";
import { MissingSecretError, resolveSecretKeyBase } from "./secret-key-base.js";

/** `npm start`: the demo on PORT (default 4000), bound to HOST (default 127.0.0.1). */
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

  const port = Number(process.env["PORT"] ?? 4000);
  const host = process.env["HOST"] ?? "127.0.0.1";
  const app = createDemoApp({ secretKeyBase: secret.secretKeyBase, logger: { level: process.env["LOG_LEVEL"] ?? "warn" } });
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  console.log(`Cinder demo listening on http://${shownHost}:${boundPort}/`);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
}

await main();
