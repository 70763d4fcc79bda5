import { existsSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { devError } from "../dev-errors.js";
import { loadEnvFiles } from "../project/env-files.js";
import { loadProjectConfig, serverOutFile } from "../project/project-config.js";
import { checkProductionSecret } from "../project/secret-check.js";

/**
 * `cinder start`: the build, in production. Refuses to start without a strong SECRET_KEY_BASE
 * (before anything listens), serves the digested assets with year-long caching (cinderAssets
 * sees NODE_ENV=production), and maps stack traces back to the TypeScript sources.
 */
export async function startCommand(): Promise<void> {
  const config = loadProjectConfig();
  process.env["NODE_ENV"] = "production";
  process.env["CINDER_PROJECT_ROOT"] = config.root;
  loadEnvFiles(config.root, "production");
  checkProductionSecret(process.env["SECRET_KEY_BASE"], config.root);
  const serverFile = serverOutFile(config);
  if (!existsSync(serverFile)) throw devError("CINDER_DEV_NO_BUILD", relative(config.root, serverFile));
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(serverFile).href);
}
