import { describe, expect, it } from "vitest";
import { CinderServerError, sign, verify } from "@cinder/server";

const secret = "a".repeat(16) + "signing-secret-for-tests-0123456789";
const otherSecret = "b".repeat(16) + "another-secret-for-tests-012345678";
const signedAt = Date.UTC(2030, 0, 1);
const minutes = (count: number) => count * 60_000;

/** Replaces the character at `index` with a different base64url character. */
function flipCharacter(text: string, index: number): string {
  const current = text[index];
  const replacement = current === "A" ? "B" : "A";
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe("sign / verify round trips", () => {
  it.each([
    ["a string id", "user-42"],
    ["a number", 42],
    ["null", null],
    ["an object", { id: 7, roles: ["admin"], nested: { ok: true } }],
    ["unicode", { name: "Zoë 🔥 Ünïcødé — 日本語" }],
    ["an empty string", ""],
  ])("returns %s unchanged", (_label, data) => {
    const token = sign(secret, "user socket", data);
    expect(verify(secret, "user socket", token)).toEqual({ ok: true, data });
  });

  it("produces a URL-safe token without padding, starting with its version", () => {
    const token = sign(secret, "user socket", { name: "~~~???>>>" });
    expect(token).toMatch(/^CS1\.[A-Za-z0-9_.-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it("lets anyone read the data of a signed token (it is signed, not encrypted)", () => {
    const token = sign(secret, "user socket", "visible-user-id");
    const decodedSegments = token.split(".").map((segment) => Buffer.from(segment, "base64url").toString("utf8"));
    expect(decodedSegments.join(" ")).toContain("visible-user-id");
  });
});

describe("refusals", () => {
  const token = sign(secret, "user socket", "user-1", { signedAt });
  const now = signedAt + minutes(1);

  it.each([undefined, null, ""])("reports %j as missing", (missingToken) => {
    expect(verify(secret, "user socket", missingToken)).toEqual({ ok: false, reason: "missing" });
  });

  it.each([
    ["a word", "hello"],
    ["a Phoenix token", "SFMyNTY.g2gDbQAAAAF4bgYA.abc"],
    ["too few segments", token.split(".").slice(0, 4).join(".")],
    ["an unknown version", token.replace(/^CS1/, "CS9")],
    ["padding in a segment", token.replace(/\.([^.]+)$/, ".$1==")],
    ["characters outside base64url", token.replace(/\.([^.]+)$/, ".+/+/+/+/+/+/+/+/")],
    ["a number", 12345],
    ["an object", { token }],
  ])("reports %s as malformed", (_label, notAToken) => {
    expect(verify(secret, "user socket", notAToken, { now })).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses a tampered payload, signature or header as invalid", () => {
    const [version, fingerprint, payload, mac, issuer] = token.split(".") as [string, string, string, string, string];
    const otherPayload = Buffer.from(JSON.stringify(["admin", signedAt, 86_400])).toString("base64url");
    const tampered = [
      [version, fingerprint, otherPayload, mac, issuer],
      [version, fingerprint, payload, flipCharacter(mac, 5), issuer],
      [version, flipCharacter(fingerprint, 0), payload, mac, issuer],
      [version, fingerprint, payload, mac, flipCharacter(issuer, 3)],
    ].map((segments) => segments.join("."));
    for (const tamperedToken of tampered) {
      expect(verify(secret, "user socket", tamperedToken, { now })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuses a token signed with an unknown secret as invalid", () => {
    const foreign = sign(otherSecret, "user socket", "user-1", { signedAt });
    expect(verify(secret, "user socket", foreign, { now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses our own token for another salt as wrong_salt", () => {
    expect(verify(secret, "password reset", token, { now })).toEqual({ ok: false, reason: "wrong_salt" });
  });

  it("does not call a foreign token for another salt wrong_salt", () => {
    const foreign = sign(otherSecret, "password reset", "user-1", { signedAt });
    expect(verify(secret, "user socket", foreign, { now })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("expiry", () => {
  it("accepts a token up to its embedded max age and refuses it after", () => {
    const token = sign(secret, "s", "x", { signedAt, maxAge: 60 });
    expect(verify(secret, "s", token, { now: signedAt + 60_000 })).toEqual({ ok: true, data: "x" });
    expect(verify(secret, "s", token, { now: signedAt + 60_001 })).toEqual({ ok: false, reason: "expired" });
  });

  it("defaults the embedded max age to one day", () => {
    const token = sign(secret, "s", "x", { signedAt });
    expect(verify(secret, "s", token, { now: signedAt + 86_400_000 }).ok).toBe(true);
    expect(verify(secret, "s", token, { now: signedAt + 86_400_001 })).toEqual({ ok: false, reason: "expired" });
  });

  it("lets verify's maxAge override the embedded one, both ways", () => {
    const token = sign(secret, "s", "x", { signedAt, maxAge: 60 });
    const twoWeeksLater = signedAt + 1_209_600_000;
    expect(verify(secret, "s", token, { now: twoWeeksLater, maxAge: 1_209_600 }).ok).toBe(true);
    expect(verify(secret, "s", token, { now: signedAt + 10_001, maxAge: 10 })).toEqual({ ok: false, reason: "expired" });
  });

  it("never expires with an infinite max age, and is always expired with zero", () => {
    const forever = sign(secret, "s", "x", { signedAt, maxAge: Infinity });
    expect(verify(secret, "s", forever, { now: signedAt + 10 * 365 * 86_400_000 }).ok).toBe(true);
    expect(verify(secret, "s", forever, { now: signedAt, maxAge: 0 })).toEqual({ ok: false, reason: "expired" });
  });

  it("accepts Date values for signedAt and now", () => {
    const token = sign(secret, "s", "x", { signedAt: new Date(signedAt), maxAge: 60 });
    expect(verify(secret, "s", token, { now: new Date(signedAt + 61_000) })).toEqual({ ok: false, reason: "expired" });
  });

  it("tolerates a little clock skew but refuses tokens issued further in the future as invalid", () => {
    const token = sign(secret, "s", "x", { signedAt });
    expect(verify(secret, "s", token, { now: signedAt - 5_000 }).ok).toBe(true);
    expect(verify(secret, "s", token, { now: signedAt - minutes(5) })).toEqual({ ok: false, reason: "invalid" });
  });

  it("uses the current time by default", () => {
    const token = sign(secret, "s", "x", { maxAge: 60 });
    expect(verify(secret, "s", token).ok).toBe(true);
    const old = sign(secret, "s", "x", { signedAt: Date.now() - minutes(2), maxAge: 60 });
    expect(verify(secret, "s", old)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("secret rotation", () => {
  it("signs with the first secret and verifies with any of the list until the old one is removed", () => {
    const oldToken = sign(otherSecret, "user socket", "user-1");
    const rotated = [secret, otherSecret];
    expect(verify(rotated, "user socket", oldToken)).toEqual({ ok: true, data: "user-1" });

    const newToken = sign(rotated, "user socket", "user-2");
    expect(verify(secret, "user socket", newToken)).toEqual({ ok: true, data: "user-2" });
    expect(verify(otherSecret, "user socket", newToken)).toEqual({ ok: false, reason: "invalid" });

    expect(verify([secret], "user socket", oldToken)).toEqual({ ok: false, reason: "invalid" });
  });

  it("reports wrong_salt for an old secret's token while that secret is still listed", () => {
    const oldToken = sign(otherSecret, "user socket", "user-1");
    expect(verify([secret, otherSecret], "other", oldToken)).toEqual({ ok: false, reason: "wrong_salt" });
  });
});

describe("API misuse throws with a code and the fix", () => {
  it.each([
    ["a short secret", "too-short", "CINDER_TOKEN_SECRET_TOO_SHORT"],
    ["a short secret in a rotation list", [secret, "short"], "CINDER_TOKEN_SECRET_TOO_SHORT"],
    ["an empty secret list", [], "CINDER_TOKEN_SECRET_MISSING"],
    ["no secret", undefined, "CINDER_TOKEN_SECRET_MISSING"],
  ])("refuses %s", (_label, badSecret, code) => {
    const call = () => sign(badSecret as unknown as string, "s", "x");
    expect(call).toThrow(CinderServerError);
    expect(call).toThrow(/randomBytes\(48\)/);
    expect(() => verify(badSecret as unknown as string, "s", "token")).toThrow(expect.objectContaining({ code }));
  });

  it("counts secret length in bytes, not characters", () => {
    expect(() => sign("é".repeat(16), "s", "x")).not.toThrow();
    expect(() => sign("e".repeat(31), "s", "x")).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_SECRET_TOO_SHORT" }));
  });

  it.each([
    ["undefined", undefined],
    ["a function", () => 1],
    ["a bigint", 10n],
  ])("refuses %s as data", (_label, data) => {
    expect(() => sign(secret, "s", data)).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_DATA_NOT_JSON" }));
  });

  it("refuses nonsensical options and a non-string salt", () => {
    expect(() => sign(secret, "s", "x", { maxAge: Number.NaN })).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_BAD_OPTION" }));
    expect(() => sign(secret, "s", "x", { signedAt: new Date("nope") })).toThrow(/Date or a finite number/);
    expect(() => verify(secret, "s", "x", { now: Number.NaN })).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_BAD_OPTION" }));
    expect(() => verify(secret, 42 as unknown as string, "x")).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_SALT_NOT_STRING" }));
  });
});
