import { describe, expect, it } from "vitest";
import { csrfFingerprint, csrfTokenMatches, isCsrfSecret, maskCsrfToken, newCsrfSecret } from "../../../src/live/session/csrf.js";

describe("CSRF tokens", () => {
  it("mask the secret with a fresh mask each time; every mask unmasks to the secret", () => {
    const secret = newCsrfSecret();
    const first = maskCsrfToken(secret);
    const second = maskCsrfToken(secret);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(csrfTokenMatches(first, secret)).toBe(true);
    expect(csrfTokenMatches(second, secret)).toBe(true);
  });

  it("do not match another secret", () => {
    expect(csrfTokenMatches(maskCsrfToken(newCsrfSecret()), newCsrfSecret())).toBe(false);
  });

  it.each([undefined, null, 42, "", "x".repeat(86), "%".repeat(86), "a".repeat(85), { token: "x" }])("refuse the hostile token %s without throwing", (token) => {
    expect(csrfTokenMatches(token, newCsrfSecret())).toBe(false);
  });

  it("accept only well-formed secrets and fingerprint them one way", () => {
    const secret = newCsrfSecret();
    expect(isCsrfSecret(secret)).toBe(true);
    expect(isCsrfSecret(`${secret}=`)).toBe(false);
    expect(isCsrfSecret("<script>")).toBe(false);
    expect(csrfFingerprint(secret)).toBe(csrfFingerprint(secret));
    expect(csrfFingerprint(secret)).not.toContain(secret.slice(0, 10));
    expect(csrfFingerprint(secret)).not.toBe(csrfFingerprint(newCsrfSecret()));
  });
});
