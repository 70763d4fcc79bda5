import { describe, expect, it } from "vitest";
import { parseConnectParams } from "../../src/socket/connect-params.js";

describe("parseConnectParams", () => {
  it("decodes what the official client serialises (spec §1.1)", () => {
    expect(parseConnectParams("token=abc&nested%5Ba%5D=1&vsn=2.0.0")).toEqual({ token: "abc", nested: { a: "1" }, vsn: "2.0.0" });
    expect(parseConnectParams("user%5Bprofile%5D%5Bname%5D=Ada%20L&ids%5B0%5D=7&ids%5B1%5D=8")).toEqual({
      user: { profile: { name: "Ada L" } },
      ids: { "0": "7", "1": "8" },
    });
  });

  it("keeps the LiveView client's leaked params and the literal 'undefined' as strings", () => {
    expect(parseConnectParams("_csrf_token=CSRF&_mounts=0&_live_referer=undefined&vsn=2.0.0")).toEqual({
      _csrf_token: "CSRF",
      _mounts: "0",
      _live_referer: "undefined",
      vsn: "2.0.0",
    });
  });

  it("collects empty brackets into arrays and keeps the last value of a repeated key", () => {
    expect(parseConnectParams("tags[]=a&tags[]=b&x=1&x=2")).toEqual({ tags: ["a", "b"], x: "2" });
  });

  it("lets the first shape win when keys disagree, and keeps malformed keys literal", () => {
    expect(parseConnectParams("a=1&a[b]=2")).toEqual({ a: "1" });
    expect(parseConnectParams("a[b]=1&a=2")).toEqual({ a: { b: "1" } });
    expect(parseConnectParams("a[b=1&[c]=2")).toEqual({ "a[b": "1", "[c]": "2" });
  });

  it("stores __proto__ and constructor as plain own keys, never touching prototypes", () => {
    const params = parseConnectParams("__proto__[polluted]=yes&constructor[prototype][x]=1");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.hasOwn(params, "__proto__")).toBe(true);
    expect((params.__proto__ as Record<string, unknown>).polluted).toBe("yes");
  });
});
