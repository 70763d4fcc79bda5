import { MAX_BINARY_FIELD_BYTES } from "./constants.js";
import { decodeFailure, decoded, type DecodeResult } from "./decode-result.js";
import { utf8DecodeStrict, utf8Encode } from "./utf8.js";

/**
 * The binary layouts of spec §1.5. Every header byte is a length (or the kind); string fields
 * follow in header order and the payload is the rest of the frame.
 *
 * | direction       | kind | header bytes after the kind        | fields                         |
 * |-----------------|------|------------------------------------|--------------------------------|
 * | client → server | 0    | join_ref, ref, topic, event        | join_ref, ref, topic, event    |
 * | server → client | 0    | join_ref, topic, event (no ref!)   | join_ref, topic, event         |
 * | server → client | 1    | join_ref, ref, topic, status       | join_ref, ref, topic, status   |
 * | server → client | 2    | topic, event                       | topic, event                   |
 *
 * The same kind number means different layouts in the two directions, so the functions below
 * are named by direction and never guess.
 */
export const BinaryKind = { push: 0, reply: 1, broadcast: 2 } as const;
export type BinaryKind = (typeof BinaryKind)[keyof typeof BinaryKind];

/** A client push of raw bytes. Empty join_ref/ref fields mean "none". */
export interface BinaryClientPush {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Uint8Array;
}

export type BinaryServerFrame =
  | { kind: "push"; joinRef: string; topic: string; event: string; payload: Uint8Array }
  | { kind: "reply"; joinRef: string | null; ref: string; topic: string; status: string; payload: Uint8Array }
  | { kind: "broadcast"; topic: string; event: string; payload: Uint8Array };

export function encodeBinaryClientPush(push: BinaryClientPush): Uint8Array {
  return pack(BinaryKind.push, [push.joinRef ?? "", push.ref ?? "", push.topic, push.event], push.payload);
}

export function encodeBinaryServerFrame(frame: BinaryServerFrame): Uint8Array {
  switch (frame.kind) {
    case "push":
      return pack(BinaryKind.push, [frame.joinRef, frame.topic, frame.event], frame.payload);
    case "reply":
      return pack(BinaryKind.reply, [frame.joinRef ?? "", frame.ref, frame.topic, frame.status], frame.payload);
    case "broadcast":
      return pack(BinaryKind.broadcast, [frame.topic, frame.event], frame.payload);
  }
}

export function decodeBinaryClientPush(bytes: Uint8Array): DecodeResult<BinaryClientPush> {
  const kind = bytes[0];
  if (kind === undefined) return decodeFailure("empty_binary", "binary frame is empty");
  if (kind !== BinaryKind.push) {
    return decodeFailure("unknown_binary_kind", `binary frame kind ${kind} is not a client push (0)`);
  }
  const unpacked = unpack(bytes, 4);
  if (!unpacked.ok) return unpacked;
  const [joinRef, ref, topic, event] = unpacked.value.fields as [string, string, string, string];
  return decoded({ joinRef: joinRef || null, ref: ref || null, topic, event, payload: unpacked.value.payload });
}

export function decodeBinaryServerFrame(bytes: Uint8Array): DecodeResult<BinaryServerFrame> {
  const kind = bytes[0];
  if (kind === undefined) return decodeFailure("empty_binary", "binary frame is empty");
  switch (kind) {
    case BinaryKind.push: {
      const unpacked = unpack(bytes, 3);
      if (!unpacked.ok) return unpacked;
      const [joinRef, topic, event] = unpacked.value.fields as [string, string, string];
      return decoded({ kind: "push", joinRef, topic, event, payload: unpacked.value.payload });
    }
    case BinaryKind.reply: {
      const unpacked = unpack(bytes, 4);
      if (!unpacked.ok) return unpacked;
      const [joinRef, ref, topic, status] = unpacked.value.fields as [string, string, string, string];
      return decoded({ kind: "reply", joinRef: joinRef || null, ref, topic, status, payload: unpacked.value.payload });
    }
    case BinaryKind.broadcast: {
      const unpacked = unpack(bytes, 2);
      if (!unpacked.ok) return unpacked;
      const [topic, event] = unpacked.value.fields as [string, string];
      return decoded({ kind: "broadcast", topic, event, payload: unpacked.value.payload });
    }
    default:
      return decodeFailure("unknown_binary_kind", `binary frame kind ${kind} is not push (0), reply (1) or broadcast (2)`);
  }
}

function pack(kind: BinaryKind, fields: string[], payload: Uint8Array): Uint8Array {
  const encodedFields = fields.map((field) => {
    const bytes = utf8Encode(field);
    if (bytes.length > MAX_BINARY_FIELD_BYTES) {
      throw new RangeError(
        `binary frames carry at most ${MAX_BINARY_FIELD_BYTES} bytes per string field; "${field.slice(0, 40)}…" has ${bytes.length}. Use a shorter topic or event name.`,
      );
    }
    return bytes;
  });
  const headerLength = 1 + encodedFields.length;
  const fieldsLength = encodedFields.reduce((sum, bytes) => sum + bytes.length, 0);
  const frame = new Uint8Array(headerLength + fieldsLength + payload.length);
  frame[0] = kind;
  let offset = headerLength;
  encodedFields.forEach((bytes, index) => {
    frame[1 + index] = bytes.length;
    frame.set(bytes, offset);
    offset += bytes.length;
  });
  frame.set(payload, offset);
  return frame;
}

function unpack(bytes: Uint8Array, fieldCount: number): DecodeResult<{ fields: string[]; payload: Uint8Array }> {
  const headerLength = 1 + fieldCount;
  if (bytes.length < headerLength) {
    return decodeFailure("truncated_binary", `binary frame needs a ${headerLength}-byte header, got ${bytes.length} bytes`);
  }
  const fields: string[] = [];
  let offset = headerLength;
  for (let index = 0; index < fieldCount; index++) {
    const length = bytes[1 + index] as number;
    if (offset + length > bytes.length) {
      return decodeFailure("truncated_binary", `binary frame ends inside header field ${index + 1}`);
    }
    const text = utf8DecodeStrict(bytes.subarray(offset, offset + length));
    if (text === undefined) return decodeFailure("invalid_utf8", `binary frame field ${index + 1} is not valid UTF-8`);
    fields.push(text);
    offset += length;
  }
  return decoded({ fields, payload: bytes.subarray(offset) });
}
