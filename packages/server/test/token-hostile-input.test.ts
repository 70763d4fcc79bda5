import { describe, expect, it } from "vitest";
import { decrypt, encrypt, sign, verify } from "@cinder/server";
import { seededRandom } from "./support/seeded-random.js";

const secret = "hostile-input-secret-for-tests-0123456789-xyz";
const base64urlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function randomString(random: () => number, alphabet: string, maxLength: number): string {
  const length = Math.floor(random() * maxLength);
  let text = "";
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

const checks = [
  { name: "verify", check: (token: unknown) => verify(secret, "s", token), issue: (data: unknown) => sign(secret, "s", data) },
  { name: "decrypt", check: (token: unknown) => decrypt(secret, "s", token), issue: (data: unknown) => encrypt(secret, "s", data) },
];

describe.each(checks)("$name never throws on hostile input", ({ check, issue }) => {
  it("refuses random strings of every kind with a reason", () => {
    const random = seededRandom(1);
    const alphabets = [base64urlCharacters + ".", "CSE1.", "\u0000\uffff\ud800.é🔥 <>\"'", base64urlCharacters];
    for (let round = 0; round < 2000; round++) {
      const alphabet = alphabets[round % alphabets.length] ?? base64urlCharacters;
      const prefix = round % 3 === 0 ? "CS1." : round % 3 === 1 ? "CE1." : "";
      const result = check(prefix + randomString(random, alphabet, 120));
      expect(result.ok, `round ${round}`).toBe(false);
    }
  });

  it("refuses every single-character change of a real token", () => {
    const token = issue({ user: "u1", roles: ["a"] });
    for (let index = 0; index < token.length; index++) {
      for (const replacement of ["A", "_", ".", "=", "é"]) {
        if (token[index] === replacement) continue;
        const mutated = token.slice(0, index) + replacement + token.slice(index + 1);
        const result = check(mutated);
        expect(result.ok, `${replacement} at ${index}`).toBe(false);
      }
    }
  });

  it("refuses real tokens with segments reordered, dropped, duplicated or appended", () => {
    const segments = issue("x").split(".");
    const variants = [
      [...segments].reverse(),
      segments.slice(1),
      segments.slice(0, -1),
      [...segments, segments[segments.length - 1] ?? ""],
      [...segments, ""],
    ];
    for (const variant of variants) expect(check(variant.join(".")).ok).toBe(false);
    expect(check(`${issue("x")} `).ok).toBe(false);
  });

  it("refuses non-string values without throwing", () => {
    for (const value of [0, 1, true, false, {}, [], ["CS1"], Symbol("t"), () => "CS1", new Uint8Array(4), 10n]) {
      expect(check(value)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("handles a very long token", () => {
    expect(check("CS1." + "A".repeat(1_000_000)).ok).toBe(false);
  });
});
