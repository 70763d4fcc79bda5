import { describe, expect, it } from "vitest";
import { CinderServerError, errorMessage, serverError } from "../../src/errors/error-registry.js";
import { channelMessages } from "../../src/errors/channel-messages.js";
import { liveMessages } from "../../src/errors/live-messages.js";
import { pubsubMessages } from "../../src/errors/pubsub-messages.js";
import { templateMessages } from "../../src/errors/template-messages.js";
import { tokenMessages } from "../../src/errors/token-messages.js";
import { describeValue } from "../../src/errors/describe-value.js";

const areas = { channelMessages, liveMessages, pubsubMessages, templateMessages, tokenMessages };

describe("the error registry", () => {
  it("defines every code in exactly one area, so joining the areas loses none", () => {
    const owners = new Map<string, string[]>();
    for (const [area, table] of Object.entries(areas)) {
      for (const code of Object.keys(table)) owners.set(code, [...(owners.get(code) ?? []), area]);
    }
    const definedTwice = [...owners].filter(([, inAreas]) => inAreas.length > 1);
    expect(definedTwice).toEqual([]);
    expect(owners.size).toBeGreaterThan(100);
  });

  it("names codes CINDER_<AREA>_<WHAT>", () => {
    const codes = Object.values(areas).flatMap((table) => Object.keys(table));
    expect(codes.filter((code) => !/^CINDER_[A-Z]+(_[A-Z0-9]+)+$/.test(code))).toEqual([]);
  });

  it("builds a CinderServerError with the code and the filled-in message", () => {
    const error = serverError("CINDER_PLUGIN_INVALID_LIMIT", "maxFrameBytes", 0);
    expect(error).toBeInstanceOf(CinderServerError);
    expect(error).toMatchObject({ name: "CinderServerError", code: "CINDER_PLUGIN_INVALID_LIMIT" });
    expect(error.message).toBe(errorMessage("CINDER_PLUGIN_INVALID_LIMIT", "maxFrameBytes", 0));
    expect(error.message).toBe("limits.maxFrameBytes must be a positive integer, got 0. Leave it out to use the default.");
    expect("statusCode" in error).toBe(false);
  });

  it("gives the error that becomes an HTTP response its status, and keeps the cause", () => {
    const cause = new Error("boom");
    const error = new CinderServerError("CINDER_LIVE_DEAD_RENDER_FAILED", "Internal Server Error", { cause });
    expect(error.statusCode).toBe(500);
    expect(error.cause).toBe(cause);
  });
});

describe("describeValue", () => {
  it.each([
    [null, "null"],
    [[1, 2], "an array"],
    [function render() {}, "a function render"],
    [new Map(), "a Map"],
    [{}, "an empty object"],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, "an object with keys [a, b, c, d, e]"],
    [Object.create(null), "an empty object"],
    ["x".repeat(50), `the string "${"x".repeat(40)}"`],
    [42, "number 42"],
    [undefined, "undefined"],
  ])("describes %o as %s", (value, description) => {
    expect(describeValue(value)).toBe(description);
  });
});
