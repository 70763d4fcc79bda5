import { existsSync } from "node:fs";
import { relative } from "node:path";
import { devError, devErrorMessage } from "../dev-errors.js";
import { DevServer } from "../dev/dev-server.js";
import { loadEnvFiles } from "../project/env-files.js";
import { loadProjectConfig } from "../project/project-config.js";

/** `cinder dev`: the dev server on PORT (default 4000) of HOST (default 127.0.0.1), until Ctrl-C. */
export async function devCommand(): Promise<void> {
  const config = loadProjectConfig();
  if (!existsSync(config.serverEntry)) throw devError("CINDER_DEV_MISSING_ENTRY", "server entry", relative(config.root, config.serverEntry));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env["NODE_ENV"] ?? "development" };
  loadEnvFiles(config.root, "development", env);
  const port = env["PORT"] === undefined ? 4000 : Number(env["PORT"]);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw devError("CINDER_DEV_INVALID_ARGUMENT", `PORT must be a port number, got ${JSON.stringify(env["PORT"])}`);
  const host = env["HOST"] ?? "127.0.0.1";
  const server = new DevServer({ config, port, host, env });
  try {
    await server.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      console.error(devErrorMessage(code === "EADDRINUSE" ? "CINDER_DEV_PORT_IN_USE" : "CINDER_DEV_PORT_DENIED", host, port));
      await server.close().catch(() => undefined);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void server.close().then(() => process.exit(0));
    });
  }
}
