import { describe, expect, it } from "vitest";
import {
  decodeClientMessage,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  type ClientMessage,
  type ServerMessage,
} from "@cinder/protocol";

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

describe("client → server messages", () => {
  const roundTrips: Array<[string, ClientMessage, string | Uint8Array]> = [
    [
      "join",
      { kind: "join", joinRef: "3", ref: "3", topic: "room:lobby", payload: { user: "u1" } },
      '["3","3","room:lobby","phx_join",{"user":"u1"}]',
    ],
    ["leave", { kind: "leave", joinRef: "3", ref: "16", topic: "room:lobby" }, '["3","16","room:lobby","phx_leave",{}]'],
    ["heartbeat", { kind: "heartbeat", ref: "11" }, '[null,"11","phoenix","heartbeat",{}]'],
    [
      "text push",
      { kind: "push", joinRef: "3", ref: "9", topic: "room:lobby", event: "ping", payload: { n: 1 } },
      '["3","9","room:lobby","ping",{"n":1}]',
    ],
    [
      // The exact bytes the official client produced (spec §1.5).
      "binary push",
      { kind: "push", joinRef: "3", ref: "10", topic: "room:lobby", event: "binpush", payload: bytes(10, 20, 30) },
      bytes(0, 1, 2, 10, 7, ...ascii("3"), ...ascii("10"), ...ascii("room:lobby"), ...ascii("binpush"), 10, 20, 30),
    ],
  ];

  it.each(roundTrips)("%s encodes to the official wire form and decodes back", (_name, message, wire) => {
    expect(encodeClientMessage(message)).toEqual(wire);
    expect(decodeClientMessage(wire)).toEqual({ ok: true, value: message });
  });

  it("treats a heartbeat on an application topic as an ordinary event", () => {
    const result = decodeClientMessage('["1","2","room:lobby","heartbeat",{}]');
    expect(result).toEqual({
      ok: true,
      value: { kind: "push", joinRef: "1", ref: "2", topic: "room:lobby", event: "heartbeat", payload: {} },
    });
  });

  it("uses the ref as join_ref when a join arrives without one", () => {
    const result = decodeClientMessage('[null,"7","room:lobby","phx_join",{}]');
    expect(result.ok && result.value.kind === "join" && result.value.joinRef).toBe("7");
  });

  it("reads empty join_ref and ref fields of a binary push as absent", () => {
    const wire = bytes(0, 0, 0, 1, 1, ...ascii("t"), ...ascii("e"), 255);
    expect(decodeClientMessage(wire)).toEqual({
      ok: true,
      value: { kind: "push", joinRef: null, ref: null, topic: "t", event: "e", payload: bytes(255) },
    });
  });

  it("carries multi-byte UTF-8 topics in binary frames by byte length", () => {
    const message: ClientMessage = { kind: "push", joinRef: "1", ref: "2", topic: "salle:café", event: "é", payload: bytes(1) };
    const wire = encodeClientMessage(message) as Uint8Array;
    expect(wire[3]).toBe(11); // "salle:café" is 10 characters, 11 bytes
    expect(decodeClientMessage(wire)).toEqual({ ok: true, value: message });
  });
});

describe("server → client messages", () => {
  const roundTrips: Array<[string, ServerMessage, string | Uint8Array]> = [
    [
      "reply",
      { kind: "reply", joinRef: "3", ref: "9", topic: "room:lobby", status: "ok", response: { echo: { n: 1 } } },
      '["3","9","room:lobby","phx_reply",{"status":"ok","response":{"echo":{"n":1}}}]',
    ],
    [
      "heartbeat reply",
      { kind: "reply", joinRef: null, ref: "11", topic: "phoenix", status: "ok", response: {} },
      '[null,"11","phoenix","phx_reply",{"status":"ok","response":{}}]',
    ],
    [
      "push",
      { kind: "push", joinRef: "3", topic: "room:lobby", event: "server_push", payload: { hello: 1 } },
      '["3",null,"room:lobby","server_push",{"hello":1}]',
    ],
    [
      "broadcast",
      { kind: "broadcast", topic: "room:lobby", event: "bcast", payload: { b: 1 } },
      '[null,null,"room:lobby","bcast",{"b":1}]',
    ],
    ["close", { kind: "close", joinRef: "3", topic: "room:lobby" }, '["3","3","room:lobby","phx_close",{}]'],
    [
      "error",
      { kind: "error", joinRef: "3", topic: "room:lobby", payload: { reason: "channel_crash" } },
      '["3","3","room:lobby","phx_error",{"reason":"channel_crash"}]',
    ],
    [
      "binary push (kind 0, no ref in the header)",
      { kind: "push", joinRef: "3", topic: "r", event: "ev", payload: bytes(1, 2) },
      bytes(0, 1, 1, 2, ...ascii("3"), ...ascii("r"), ...ascii("ev"), 1, 2),
    ],
    [
      "binary reply (kind 1, status where the event would be)",
      { kind: "reply", joinRef: "3", ref: "12", topic: "r", status: "ok", response: bytes(9) },
      bytes(1, 1, 2, 1, 2, ...ascii("3"), ...ascii("12"), ...ascii("r"), ...ascii("ok"), 9),
    ],
    [
      "binary broadcast (kind 2, topic and event only)",
      { kind: "broadcast", topic: "r", event: "ev", payload: bytes() },
      bytes(2, 1, 2, ...ascii("r"), ...ascii("ev")),
    ],
  ];

  it.each(roundTrips)("%s encodes to the official wire form and decodes back", (_name, message, wire) => {
    expect(encodeServerMessage(message)).toEqual(wire);
    expect(decodeServerMessage(wire)).toEqual({ ok: true, value: message });
  });

  it("refuses to encode a binary frame whose topic does not fit the one-byte length", () => {
    const topic = `room:${"x".repeat(300)}`;
    expect(() => encodeServerMessage({ kind: "broadcast", topic, event: "e", payload: bytes(1) })).toThrow(RangeError);
  });
});

describe("hostile input is a typed error, never an exception", () => {
  const hostileText: Array<[string, string]> = [
    ["not_json", "not json at all"],
    ["not_json", '["1","1","t","e",{'],
    ["not_array", '{"topic":"t","event":"e"}'],
    ["not_array", "42"],
    ["not_array", "null"],
    ["wrong_arity", "[]"],
    ["wrong_arity", '["1","1","t","e"]'],
    ["wrong_arity", '["1","1","t","e",{},"extra"]'],
    ["wrong_field_type", '[1,"1","t","e",{}]'],
    ["wrong_field_type", '["1",2,"t","e",{}]'],
    ["wrong_field_type", '["1","1",null,"e",{}]'],
    ["wrong_field_type", '["1","1","t",["e"],{}]'],
    ["payload_not_object", '["1","1","t","e","string"]'],
    ["payload_not_object", '["1","1","t","e",[1,2]]'],
    ["payload_not_object", '["1","1","t","e",null]'],
    ["wrong_field_type", '["1",null,"t","phx_join",{}]'],
    ["wrong_field_type", '["1",null,"t","phx_leave",{}]'],
    ["wrong_field_type", '[null,null,"phoenix","heartbeat",{}]'],
    ["unexpected_reserved_event", '["1","1","t","phx_reply",{"status":"ok","response":{}}]'],
    ["unexpected_reserved_event", '["1","1","t","phx_close",{}]'],
  ];

  it.each(hostileText)("text frame → %s: %s", (code, text) => {
    const result = decodeClientMessage(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(5);
    }
  });

  const hostileBinary: Array<[string, Uint8Array]> = [
    ["empty_binary", bytes()],
    ["unknown_binary_kind", bytes(7, 0, 0, 0, 0)],
    ["unknown_binary_kind", bytes(1, 0, 0, 0, 0)], // a reply is never sent by a client
    ["truncated_binary", bytes(0, 1)],
    ["truncated_binary", bytes(0, 5, 5, 5, 5, 65)],
    ["invalid_utf8", bytes(0, 0, 0, 2, 1, 0xc3, 0x28, 65)],
  ];

  it.each(hostileBinary)("binary frame → %s", (code, wire) => {
    const result = decodeClientMessage(wire);
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it("rejects garbage in server frames the same way", () => {
    expect(decodeServerMessage(bytes(9))).toMatchObject({ ok: false, error: { code: "unknown_binary_kind" } });
    expect(decodeServerMessage('["1",null,"t","phx_reply",{"status":"ok"}]')).toMatchObject({
      ok: false,
      error: { code: "wrong_field_type" },
    });
    expect(decodeServerMessage('["1","1","t","phx_reply",{"status":3}]')).toMatchObject({ ok: false });
  });

  it("survives random bytes and random text without throwing", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let iteration = 0; iteration < 2000; iteration++) {
      const length = Math.floor(random() * 40);
      const wire = new Uint8Array(length).map(() => Math.floor(random() * 256));
      expect(() => decodeClientMessage(wire)).not.toThrow();
      expect(() => decodeServerMessage(wire)).not.toThrow();
      const text = String.fromCharCode(...wire);
      expect(() => decodeClientMessage(text)).not.toThrow();
      expect(() => decodeServerMessage(text)).not.toThrow();
    }
  });
});
