import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { devError } from "../dev-errors.js";
import { parseEnvFile } from "./env-files.js";

/** The server refuses shorter secrets for signing; production asks for the same at least. */
const MINIMUM_BYTES = 32;
/** An estimate of the secret's guessing work; 96 bits is 16 random base64 characters, far below what `cinder secret` gives (about 500). */
const MINIMUM_ENTROPY_BITS = 96;
/** Secrets from our own docs and templates: copying one into production is a real mistake. */
const DOCUMENTED_SECRETS = new Set(["change-me-change-me-change-me-change-me", "secret", "your-secret-key-base"]);

/** A new secret for SECRET_KEY_BASE: 64 random bytes, base64url (86 characters). */
export function generateSecret(): string {
  return randomBytes(64).toString("base64url");
}

/**
 * Refuses a production secret that is missing, short, low in entropy (one character repeated,
 * "aaaa…1111"), one of our docs' examples, or the app's own development/test secret (committed to
 * the repository, so public). Throws a coded error naming the problem and the fix.
 */
export function checkProductionSecret(secret: string | undefined, projectRoot?: string): void {
  if (secret === undefined || secret.trim() === "") throw devError("CINDER_DEV_SECRET_MISSING");
  const bytes = Buffer.byteLength(secret);
  if (bytes < MINIMUM_BYTES) throw devError("CINDER_DEV_SECRET_WEAK", `is ${bytes} bytes long; it must be at least ${MINIMUM_BYTES}`);
  if (DOCUMENTED_SECRETS.has(secret)) throw devError("CINDER_DEV_SECRET_WEAK", "is an example from the documentation");
  if (estimatedEntropyBits(secret) < MINIMUM_ENTROPY_BITS) throw devError("CINDER_DEV_SECRET_WEAK", "is too easy to guess (too few distinct characters)");
  if (projectRoot !== undefined) {
    for (const mode of ["development", "test"]) {
      const file = join(projectRoot, `.env.${mode}`);
      if (existsSync(file) && parseEnvFile(readFileSync(file, "utf8"), file)["SECRET_KEY_BASE"] === secret) {
        throw devError("CINDER_DEV_SECRET_WEAK", `is the ${mode} secret from .env.${mode}, which is committed with the app's code`);
      }
    }
  }
}

/** Length × the Shannon entropy of the character distribution: crude, but it catches the patterns people type. */
function estimatedEntropyBits(secret: string): number {
  const counts = new Map<string, number>();
  const characters = [...secret];
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    bitsPerCharacter -= p * Math.log2(p);
  }
  return bitsPerCharacter * characters.length;
}
