import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MissingSecretError, resolveSecretKeyBase } from "../src/secret-key-base.js";

const temporaryDirectories: string[] = [];
function devSecretPath(): string {
  const directory = mkdtempSync(join(tmpdir(), "cinder-demo-secret-"));
  temporaryDirectories.push(directory);
  return join(directory, ".cache", "dev-secret");
}
afterEach(() => {
  for (const directory of temporaryDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe("resolveSecretKeyBase", () => {
  it("uses SECRET_KEY_BASE when set, in any environment", () => {
    const secret = "from-the-environment-0123456789-abcdefghijklmnop";
    expect(resolveSecretKeyBase({ SECRET_KEY_BASE: secret, NODE_ENV: "production" }, devSecretPath())).toEqual({
      secretKeyBase: secret,
      source: "environment",
    });
  });

  it("outside production, generates a dev secret once and keeps it across restarts", () => {
    const file = devSecretPath();
    const first = resolveSecretKeyBase({}, file);
    expect(first.source).toBe("generated");
    expect(first.secretKeyBase.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(first.secretKeyBase);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(resolveSecretKeyBase({ NODE_ENV: "development" }, file)).toEqual({ secretKeyBase: first.secretKeyBase, source: "dev-file" });
  });

  it("refuses to start in production without SECRET_KEY_BASE, saying how to make one", () => {
    const file = devSecretPath();
    expect(() => resolveSecretKeyBase({ NODE_ENV: "production" }, file)).toThrow(MissingSecretError);
    expect(() => resolveSecretKeyBase({ NODE_ENV: "production" }, file)).toThrow(/SECRET_KEY_BASE.*randomBytes/s);
  });
});
