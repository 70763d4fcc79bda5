import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

/** Git-ignored (the root .gitignore ignores every `.cache/`), next to `src/` and `dist/`. */
export const DEV_SECRET_FILE = fileURLToPath(new URL("../.cache/dev-secret", import.meta.url));

export type SecretSource = "environment" | "dev-file" | "generated";

export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
  readonly code = "CINDER_DEMO_SECRET_MISSING";
  constructor() {
    super(
      "SECRET_KEY_BASE is not set. In production the demo refuses to start without it, because every " +
        "session cookie and socket token is signed with it. Generate one with " +
        "`node -e \"console.log(require('node:crypto').randomBytes(48).toString('base64url'))\"` and set " +
        "SECRET_KEY_BASE to it (the same value on every node). [CINDER_DEMO_SECRET_MISSING]",
    );
  }
}

/**
 * The secret everything is signed with: `SECRET_KEY_BASE` when set; outside production, a dev
 * secret generated once and kept in `.cache/dev-secret` so that restarts keep cookies and tokens
 * valid; in production without the variable, an error (there is no default secret).
 */
export function resolveSecretKeyBase(
  env: NodeJS.ProcessEnv = process.env,
  devSecretFile: string = DEV_SECRET_FILE,
): { secretKeyBase: string; source: SecretSource } {
  const fromEnvironment = env["SECRET_KEY_BASE"];
  if (fromEnvironment) return { secretKeyBase: fromEnvironment, source: "environment" };
  if (env["NODE_ENV"] === "production") throw new MissingSecretError();

  try {
    const stored = readFileSync(devSecretFile, "utf8").trim();
    if (stored.length >= 32) return { secretKeyBase: stored, source: "dev-file" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const generated = randomBytes(48).toString("base64url");
  mkdirSync(dirname(devSecretFile), { recursive: true });
  writeFileSync(devSecretFile, `${generated}\n`, { mode: 0o600 });
  return { secretKeyBase: generated, source: "generated" };
}
