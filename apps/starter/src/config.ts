/**
 * Everything the app reads from its environment, read once, in one place. `cinder dev`,
 * `cinder start` and the tests load `.env.<mode>` files into the environment first (a variable
 * that is already set wins), so production secrets never have to live in a file.
 */
export interface AppConfig {
  /** Shown in the header and after every page title. */
  readonly appName: string;
  /** Signs cookies and LiveView session tokens: 32+ bytes, the same on every node and across restarts. */
  readonly secretKeyBase: string;
  readonly production: boolean;
  /** Behind a TLS-terminating proxy (most hosting): trust its X-Forwarded-* headers. */
  readonly trustProxy: boolean;
  /** The app's folder, for its assets and public files. */
  readonly root: string;
}

export const APP_NAME = "Cinder Starter";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const secretKeyBase = env["SECRET_KEY_BASE"];
  if (secretKeyBase === undefined || secretKeyBase === "") {
    throw new Error(
      "SECRET_KEY_BASE is not set. `npm run dev` reads it from .env.development and the tests from .env.test; " +
        "in production set it in the environment (generate one with `npx cinder secret`).",
    );
  }
  return {
    appName: APP_NAME,
    secretKeyBase,
    production: env["NODE_ENV"] === "production",
    trustProxy: env["TRUST_PROXY"] === "true",
    root: env["CINDER_PROJECT_ROOT"] ?? process.cwd(),
  };
}
