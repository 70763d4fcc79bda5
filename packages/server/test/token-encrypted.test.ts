import { describe, expect, it } from "vitest";
import { decrypt, encrypt, sign, verify } from "@cinder/server";

const secret = "encryption-secret-for-tests-0123456789-abcdef";
const otherSecret = "other-encryption-secret-for-tests-0123456789";
const signedAt = Date.UTC(2030, 0, 1);

function flipCharacter(text: string, index: number): string {
  return text.slice(0, index) + (text[index] === "A" ? "B" : "A") + text.slice(index + 1);
}

describe("encrypt / decrypt", () => {
  it.each([
    ["a string", "alice@example.com"],
    ["an object", { userId: 7, email: "zoë@example.com", tags: ["a", "b"] }],
    ["unicode", "Ünïcødé 🔥 日本語"],
  ])("round-trips %s", (_label, data) => {
    expect(decrypt(secret, "reset", encrypt(secret, "reset", data))).toEqual({ ok: true, data });
  });

  it("hides the data: neither the token nor any base64 decode of it contains the plaintext", () => {
    const plaintext = "very-secret-email@example.com";
    const token = encrypt(secret, "reset", { email: plaintext });
    expect(token).not.toContain(plaintext);
    const decodedWhole = Buffer.from(token.replaceAll(".", ""), "base64url").toString("latin1");
    const decodedSegments = token.split(".").map((segment) => Buffer.from(segment, "base64url").toString("latin1"));
    for (const decoded of [decodedWhole, ...decodedSegments]) {
      expect(decoded).not.toContain(plaintext);
      expect(decoded).not.toContain("email");
    }
  });

  it("uses a fresh IV each time, so equal data gives different tokens", () => {
    expect(encrypt(secret, "reset", "same")).not.toBe(encrypt(secret, "reset", "same"));
  });

  it("refuses every tampered segment as invalid", () => {
    const token = encrypt(secret, "reset", { userId: 7 }, { signedAt });
    const segments = token.split(".");
    for (let index = 1; index < segments.length; index++) {
      const tampered = segments.map((segment, at) => (at === index ? flipCharacter(segment, 2) : segment)).join(".");
      expect(decrypt(secret, "reset", tampered, { now: signedAt })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuses a truncated ciphertext", () => {
    const segments = encrypt(secret, "reset", "some data to cut").split(".");
    segments[3] = (segments[3] ?? "").slice(0, 8);
    expect(decrypt(secret, "reset", segments.join("."))).toEqual({ ok: false, reason: "invalid" });
  });

  it("tells wrong_salt from a foreign secret", () => {
    const token = encrypt(secret, "reset", "x");
    expect(decrypt(secret, "invite", token)).toEqual({ ok: false, reason: "wrong_salt" });
    expect(decrypt(otherSecret, "reset", token)).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires like signed tokens", () => {
    const token = encrypt(secret, "reset", "x", { signedAt, maxAge: 3600 });
    expect(decrypt(secret, "reset", token, { now: signedAt + 3_600_000 }).ok).toBe(true);
    expect(decrypt(secret, "reset", token, { now: signedAt + 3_600_001 })).toEqual({ ok: false, reason: "expired" });
    expect(decrypt(secret, "reset", token, { now: signedAt + 60_000, maxAge: 30 })).toEqual({ ok: false, reason: "expired" });
  });

  it("supports rotation", () => {
    const oldToken = encrypt(otherSecret, "reset", "x");
    expect(decrypt([secret, otherSecret], "reset", oldToken)).toEqual({ ok: true, data: "x" });
    expect(decrypt([secret], "reset", oldToken)).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not accept signed tokens as encrypted ones, nor the other way round", () => {
    expect(decrypt(secret, "reset", sign(secret, "reset", "x"))).toEqual({ ok: false, reason: "malformed" });
    expect(verify(secret, "reset", encrypt(secret, "reset", "x"))).toEqual({ ok: false, reason: "malformed" });
  });

  it.each([undefined, null, ""])("reports %j as missing", (token) => {
    expect(decrypt(secret, "reset", token)).toEqual({ ok: false, reason: "missing" });
  });

  it("throws on a short secret", () => {
    expect(() => encrypt("short", "reset", "x")).toThrow(expect.objectContaining({ code: "CINDER_TOKEN_SECRET_TOO_SHORT" }));
  });
});
