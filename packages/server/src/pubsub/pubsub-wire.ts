import { serverError } from "../errors/error-registry.js";
import type { PubSubMessage } from "./pubsub.js";

/**
 * How a `PubSubMessage` travels between nodes: a small tagged binary encoding, so bytes stay
 * bytes (no base64) and no user value can be mistaken for a marker (a JSON encoding with tagged
 * objects would have to escape user objects that look like the tag).
 *
 * Layout: `FORMAT_VERSION` (1 byte), the origin node id (`NODE_ID_BYTES`), then one value:
 *
 * | tag | value                                                        |
 * |-----|--------------------------------------------------------------|
 * | 0   | null                                                         |
 * | 1/2 | false / true                                                 |
 * | 3   | integer in int32 range: 4 bytes, little-endian                |
 * | 4   | any other number: float64, little-endian                     |
 * | 5   | string: varint byte length, UTF-8                            |
 * | 6   | Uint8Array: varint length, the bytes                         |
 * | 7   | array: varint count, the items                               |
 * | 8   | object: varint count, then (varint key length, UTF-8 key, value) per entry |
 *
 * Varints are unsigned LEB128. Decoding is strict: an unknown version or tag, a length past the
 * end, bytes left over or nesting deeper than `MAX_DEPTH` make the whole message malformed — a
 * foreign publisher writing to our channels cannot crash or confuse a node.
 */
export const FORMAT_VERSION = 0xc1;
export const NODE_ID_BYTES = 16;
/** Deeper nesting is refused both ways: a cycle on encode, a hostile message on decode. */
export const MAX_DEPTH = 512;

const HEADER_BYTES = 1 + NODE_ID_BYTES;

const Tag = {
  Null: 0,
  False: 1,
  True: 2,
  Int32: 3,
  Float64: 4,
  String: 5,
  Bytes: 6,
  Array: 7,
  Object: 8,
} as const;

type Tag = (typeof Tag)[keyof typeof Tag];

export interface DecodedWireMessage {
  readonly origin: Uint8Array;
  readonly message: PubSubMessage;
}

/** Thrown by `decodeWireMessage` for anything that is not a message of ours. */
export class MalformedWireMessage extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "MalformedWireMessage";
  }
}

/**
 * Encode `message` from the node `origin`. Values outside `PubSubMessage` (a Date, a Map, a class
 * instance, a bigint, a function, a cycle) throw `CINDER_PUBSUB_UNENCODABLE_MESSAGE` naming
 * where they are; `undefined` is treated as JSON treats it (an absent key, `null` in an array).
 */
export function encodeWireMessage(origin: Uint8Array, message: PubSubMessage): Buffer {
  const writer = new Writer();
  writer.ensure(HEADER_BYTES);
  writer.buffer[writer.length++] = FORMAT_VERSION;
  writer.buffer.set(origin, writer.length);
  writer.length += NODE_ID_BYTES;
  writer.value(message, "message", 0);
  return writer.buffer.subarray(0, writer.length);
}

/** Decode a message published by `encodeWireMessage`; throws `MalformedWireMessage` otherwise. */
export function decodeWireMessage(data: Uint8Array): DecodedWireMessage {
  if (data.length < HEADER_BYTES + 1) throw new MalformedWireMessage(`too short (${data.length} bytes)`);
  if (data[0] !== FORMAT_VERSION) throw new MalformedWireMessage(`unknown format 0x${(data[0] ?? 0).toString(16)}`);
  const reader = new Reader(Buffer.from(data.buffer, data.byteOffset, data.byteLength), HEADER_BYTES);
  const message = reader.value(0);
  if (reader.offset !== data.length) throw new MalformedWireMessage(`${data.length - reader.offset} bytes after the message`);
  return { origin: data.subarray(1, HEADER_BYTES), message };
}

class Writer {
  buffer = Buffer.allocUnsafe(256);
  length = 0;

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  varint(value: number): void {
    this.ensure(8);
    let remaining = value;
    while (remaining >= 0x80) {
      this.buffer[this.length++] = (remaining % 0x80) | 0x80;
      remaining = Math.floor(remaining / 0x80);
    }
    this.buffer[this.length++] = remaining;
  }

  string(value: string): void {
    const byteLength = Buffer.byteLength(value, "utf8");
    this.varint(byteLength);
    this.ensure(byteLength);
    this.length += this.buffer.write(value, this.length, byteLength, "utf8");
  }

  value(value: unknown, path: string, depth: number): void {
    if (depth > MAX_DEPTH) throw serverError("CINDER_PUBSUB_UNENCODABLE_MESSAGE", path, `nesting deeper than ${MAX_DEPTH} levels (a cycle?)`);
    switch (typeof value) {
      case "string":
        this.tag(Tag.String);
        this.string(value);
        return;
      case "number":
        if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0)) {
          this.tag(Tag.Int32);
          this.ensure(4);
          this.length = this.buffer.writeInt32LE(value, this.length);
        } else {
          this.tag(Tag.Float64);
          this.ensure(8);
          this.length = this.buffer.writeDoubleLE(value, this.length);
        }
        return;
      case "boolean":
        this.tag(value ? Tag.True : Tag.False);
        return;
      case "undefined":
        this.tag(Tag.Null); // only reached inside arrays: JSON writes null there
        return;
      case "object":
        if (value === null) return this.tag(Tag.Null);
        if (value instanceof Uint8Array) {
          this.tag(Tag.Bytes);
          this.varint(value.length);
          this.ensure(value.length);
          this.buffer.set(value, this.length);
          this.length += value.length;
          return;
        }
        if (Array.isArray(value)) {
          this.tag(Tag.Array);
          this.varint(value.length);
          for (let index = 0; index < value.length; index++) this.value(value[index], `${path}[${index}]`, depth + 1);
          return;
        }
        if (isPlainObject(value)) return this.object(value, path, depth);
        throw serverError("CINDER_PUBSUB_UNENCODABLE_MESSAGE", path, `an instance of ${value.constructor?.name ?? "a class"}`);
      default:
        throw serverError("CINDER_PUBSUB_UNENCODABLE_MESSAGE", path, `a ${typeof value}`);
    }
  }

  object(value: Record<string, unknown>, path: string, depth: number): void {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    this.tag(Tag.Object);
    this.varint(keys.length);
    for (const key of keys) {
      this.string(key);
      this.value(value[key], `${path}.${key}`, depth + 1);
    }
  }

  tag(tag: Tag): void {
    this.ensure(1);
    this.buffer[this.length++] = tag;
  }
}

class Reader {
  readonly #data: Buffer;
  offset: number;

  constructor(data: Buffer, offset: number) {
    this.#data = data;
    this.offset = offset;
  }

  value(depth: number): PubSubMessage {
    if (depth > MAX_DEPTH) throw new MalformedWireMessage(`nested deeper than ${MAX_DEPTH} levels`);
    const tag = this.#byte();
    switch (tag) {
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int32:
        return this.#data.readInt32LE(this.#take(4));
      case Tag.Float64:
        return this.#data.readDoubleLE(this.#take(8));
      case Tag.String:
        return this.#string();
      case Tag.Bytes: {
        const length = this.#length(1);
        const start = this.#take(length);
        // A copy: the received buffer may be a slice of a larger one the Redis client reuses.
        return new Uint8Array(this.#data.subarray(start, start + length));
      }
      case Tag.Array: {
        const count = this.#length(1);
        const items: PubSubMessage[] = new Array<PubSubMessage>(count);
        for (let index = 0; index < count; index++) items[index] = this.value(depth + 1);
        return items;
      }
      case Tag.Object: {
        const count = this.#length(2);
        const object: { [key: string]: PubSubMessage } = {};
        for (let index = 0; index < count; index++) {
          const key = this.#string();
          const entry = this.value(depth + 1);
          // An own "__proto__" key, as JSON.parse makes it, not a prototype swap.
          if (key === "__proto__") Object.defineProperty(object, key, { value: entry, enumerable: true, writable: true, configurable: true });
          else object[key] = entry;
        }
        return object;
      }
      default:
        throw new MalformedWireMessage(`unknown tag ${tag} at byte ${this.offset - 1}`);
    }
  }

  #byte(): number {
    const byte = this.#data[this.offset];
    if (byte === undefined) throw new MalformedWireMessage("ends in the middle of a value");
    this.offset++;
    return byte;
  }

  /** Reserve `count` bytes and return where they start. */
  #take(count: number): number {
    const start = this.offset;
    if (start + count > this.#data.length) throw new MalformedWireMessage(`a ${count}-byte field runs past the end`);
    this.offset += count;
    return start;
  }

  #varint(): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; index < 8; index++) {
      const byte = this.#byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new MalformedWireMessage("a length longer than 8 bytes");
  }

  /**
   * A length or count, refused when even its smallest possible content (`minimumBytesEach` per
   * element) would not fit in what is left: a forged count cannot make us allocate.
   */
  #length(minimumBytesEach: number): number {
    const length = this.#varint();
    if (length * minimumBytesEach > this.#data.length - this.offset) throw new MalformedWireMessage(`a length of ${length} runs past the end`);
    return length;
  }

  #string(): string {
    const length = this.#length(1);
    const start = this.#take(length);
    return this.#data.toString("utf8", start, start + length);
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
