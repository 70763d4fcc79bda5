import { randomBytes } from "node:crypto";

/**
 * Fresh per-app secrets in `.env.development` and `.env.test` (the template's are the
 * template's own, and must not be shared by every app made from it).
 */
export function withFreshSecret(envFile: string): string {
  return envFile.replace(/^SECRET_KEY_BASE=.*$/m, () => `SECRET_KEY_BASE=${randomBytes(64).toString("base64url")}`);
}

/** The app's display name in `src/config.ts` (header, page titles). */
export function withAppName(configSource: string, displayName: string): string {
  return configSource.replace(/export const APP_NAME = "[^"]*";/, () => `export const APP_NAME = ${JSON.stringify(displayName)};`);
}

/** The README's title. */
export function withReadmeTitle(readme: string, displayName: string): string {
  return readme.replace(/^# .*$/m, () => `# ${displayName}`);
}
