import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { devError } from "../dev-errors.js";

/** What the app runs as: `cinder dev` → development, `cinder start` → production, the tests → test. */
export type AppMode = "development" | "production" | "test";

/**
 * The files read for `mode`, later ones winning over earlier ones — Vite's convention, which
 * people already know: `.env`, `.env.local`, `.env.<mode>`, `.env.<mode>.local`. The `.local`
 * files are for one machine and git-ignored by the starter.
 */
export function envFilesFor(mode: AppMode): string[] {
  return [".env", ".env.local", `.env.${mode}`, `.env.${mode}.local`];
}

/**
 * Reads the env files of `mode` in `root` into `env` (default `process.env`). A variable already
 * set in the environment wins over every file — so `PORT=4001 npm run dev` and a deployment's
 * real secrets are never overridden by a file. Returns the files that existed.
 */
export function loadEnvFiles(root: string, mode: AppMode, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromFiles: Record<string, string> = {};
  const loaded: string[] = [];
  for (const name of envFilesFor(mode)) {
    const file = join(root, name);
    if (!existsSync(file)) continue;
    Object.assign(fromFiles, parseEnvFile(readFileSync(file, "utf8"), file));
    loaded.push(file);
  }
  for (const [key, value] of Object.entries(fromFiles)) if (env[key] === undefined) env[key] = value;
  return loaded;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/**
 * `NAME=value` lines; `#` comments (whole lines, or after an unquoted value); values in single
 * quotes are literal, in double quotes `\n` becomes a newline. No variable expansion: what you
 * read is what the app gets.
 */
export function parseEnvFile(text: string, file = ".env"): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (/^\s*(#|$)/.test(line)) return;
    const match = LINE.exec(line);
    if (match === null) throw devError("CINDER_DEV_INVALID_ENV_FILE", file, index + 1, `cannot read ${JSON.stringify(line.trim().slice(0, 40))}`);
    const [, key = "", raw = ""] = match;
    values[key] = unquote(raw, file, index + 1);
  });
  return values;
}

function unquote(raw: string, file: string, line: number): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = raw.indexOf(quote, 1);
    if (end === -1) throw devError("CINDER_DEV_INVALID_ENV_FILE", file, line, `the value opens a ${quote} quote that never closes`);
    const rest = raw.slice(end + 1).trim();
    if (rest !== "" && !rest.startsWith("#")) throw devError("CINDER_DEV_INVALID_ENV_FILE", file, line, "there is text after the closing quote");
    const inner = raw.slice(1, end);
    return quote === '"' ? inner.replace(/\\n/g, "\n") : inner;
  }
  const comment = raw.search(/\s#/);
  return (comment === -1 ? raw : raw.slice(0, comment)).trim();
}
