import { describe, expect, it } from "vitest";
import type { PubSubMessage } from "@cinder/server";
import { decodeWireMessage, encodeWireMessage, FORMAT_VERSION, MalformedWireMessage, MAX_DEPTH, NODE_ID_BYTES } from "../../src/pubsub/pubsub-wire.js";

// White-box: the encoding RedisPubSub puts on Redis channels, and what it does with bytes it did not write.

const ORIGIN = new Uint8Array(NODE_ID_BYTES).map((_, index) => index + 1);

function roundTrip(message: PubSubMessage): PubSubMessage {
  const decoded = decodeWireMessage(encodeWireMessage(ORIGIN, message));
  expect([...decoded.origin]).toEqual([...ORIGIN]);
  return decoded.message;
}

const allBytes = new Uint8Array(256).map((_, index) => index);

describe("the PubSub wire encoding", () => {
  it.each<[string, PubSubMessage]>([
    ["null", null],
    ["booleans", [true, false]],
    ["int32 edges", [0, 1, -1, 2_147_483_647, -2_147_483_648]],
    ["numbers past int32, fractions and non-finite", [2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 0.1, -1.5e300, Number.NaN, Number.POSITIVE_INFINITY]],
    ["strings: empty, unicode, emoji, NUL, 300 bytes", ["", "héllo", "😀 family 👨‍👩‍👧", "a\u0000b", "x".repeat(300)]],
    ["every byte value, and no bytes", [allBytes, new Uint8Array(0)]],
    ["a channel broadcast envelope with binary payload", { $cinder: "broadcast", event: "file", payload: allBytes }],
    ["nesting", { a: [{ b: { c: [[], {}, [null]] } }], "key with spaces": "v", "": "empty key" }],
  ])("round-trips %s", (_name, message) => {
    expect(roundTrip(message)).toEqual(message);
  });

  it("keeps -0 and decodes bytes as plain Uint8Arrays, not Node Buffers", () => {
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
    const bytes = roundTrip({ data: Buffer.from([1, 2, 3]) }) as { data: Uint8Array };
    expect(Object.getPrototypeOf(bytes.data)).toBe(Uint8Array.prototype);
    expect([...bytes.data]).toEqual([1, 2, 3]);
  });

  it("treats undefined as JSON does: an absent key, null in an array", () => {
    expect(roundTrip({ kept: 1, dropped: undefined } as unknown as PubSubMessage)).toEqual({ kept: 1 });
    expect(roundTrip([1, undefined, 3] as unknown as PubSubMessage)).toEqual([1, null, 3]);
  });

  it("decodes a __proto__ key as an own property, never as the prototype", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as PubSubMessage;
    const decoded = roundTrip(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(["__proto__", "x"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((decoded as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("refuses values that cannot travel between nodes, naming where they are", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    const cases: Array<[unknown, RegExp]> = [
      [{ at: new Date(0) }, /message\.at is an instance of Date/],
      [[new Map()], /message\[0\] is an instance of Map/],
      [{ n: 10n }, /message\.n is a bigint/],
      [{ f: () => 1 }, /message\.f is a function/],
      [cyclic, /nesting deeper than 512 levels \(a cycle\?\)/],
    ];
    for (const [value, message] of cases) {
      let thrown: unknown;
      try {
        encodeWireMessage(ORIGIN, value as PubSubMessage);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: "CINDER_PUBSUB_UNENCODABLE_MESSAGE", message: expect.stringMatching(message) });
    }
  });

  it("finds every truncation of a valid message malformed", () => {
    const valid = encodeWireMessage(ORIGIN, { list: [1, "two", new Uint8Array([3]), { four: 4.5 }], flag: true });
    for (let length = 0; length < valid.length; length++) {
      expect(() => decodeWireMessage(valid.subarray(0, length)), `length ${length}`).toThrow(MalformedWireMessage);
    }
  });

  it.each<[string, Uint8Array]>([
    ["text that is not ours", Buffer.from("hello, Cinder")],
    ["JSON", Buffer.from('{"$cinder":"broadcast","event":"x","payload":{}}')],
    ["another format version", Buffer.from([FORMAT_VERSION + 1, ...ORIGIN, 0])],
    ["an unknown tag", Buffer.from([FORMAT_VERSION, ...ORIGIN, 42])],
    ["bytes after the message", Buffer.from([FORMAT_VERSION, ...ORIGIN, 0, 0])],
    ["a forged array count", Buffer.from([FORMAT_VERSION, ...ORIGIN, 7, 0xff, 0xff, 0xff, 0xff, 0x0f])],
    ["a forged string length", Buffer.from([FORMAT_VERSION, ...ORIGIN, 5, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x61])],
    ["a varint that never ends", Buffer.from([FORMAT_VERSION, ...ORIGIN, 5, ...new Array<number>(10).fill(0xff)])],
    ["nesting past the limit", Buffer.from([FORMAT_VERSION, ...ORIGIN, ...new Array<number>(MAX_DEPTH + 2).fill(0).flatMap(() => [7, 1]), 0])],
    ["deep nesting far past the stack", Buffer.from([FORMAT_VERSION, ...ORIGIN, ...new Array<number>(500_000).fill(0).flatMap(() => [7, 1]), 0])],
  ])("refuses %s", (_name, data) => {
    expect(() => decodeWireMessage(data)).toThrow(MalformedWireMessage);
  });

  it("is compact: small messages cost a few bytes past the header", () => {
    const header = 1 + NODE_ID_BYTES;
    expect(encodeWireMessage(ORIGIN, 42).length).toBe(header + 5);
    expect(encodeWireMessage(ORIGIN, new Uint8Array(1000)).length).toBe(header + 1 + 2 + 1000);
  });
});
