import { encodeServerMessage, type ServerMessage } from "@cinder/protocol";
import { serverError } from "../errors/error-registry.js";

type Frame = { readonly data: string | Uint8Array; readonly binary: boolean };

/**
 * The frames of one channel incarnation on their way to the transport. Frames produced while
 * the channel joins are held (a push made inside `join` must follow the join reply), go out in
 * order once the outbox opens, and are dropped once it closes; only `sendNow` passes regardless,
 * for the frames that change the channel's state on the client (join replies, `phx_close`,
 * `phx_error`).
 */
export class ChannelOutbox {
  readonly #topic: string;
  readonly #sendFrame: (data: string | Uint8Array, binary: boolean) => void;
  #state: "holding" | "open" | "closed" = "holding";
  #held: Frame[] = [];

  constructor(topic: string, sendFrame: (data: string | Uint8Array, binary: boolean) => void) {
    this.#topic = topic;
    this.#sendFrame = sendFrame;
  }

  /** Encode and send, hold or drop `message`. Encoding errors surface as coded errors. */
  emit(message: ServerMessage): void {
    if (this.#state === "closed") return;
    const data = this.#encode(message);
    this.deliver(data, typeof data !== "string");
  }

  /** Send, hold or drop a frame encoded elsewhere (a broadcast, encoded once per node). */
  deliver(data: string | Uint8Array, binary: boolean): void {
    if (this.#state === "holding") this.#held.push({ data, binary });
    else if (this.#state === "open") this.#sendFrame(data, binary);
  }

  /** Send `message` whatever the state. */
  sendNow(message: ServerMessage): void {
    const data = this.#encode(message);
    this.#sendFrame(data, typeof data !== "string");
  }

  /** The join reply went out: send what was held, then everything as it comes. */
  open(): void {
    if (this.#state !== "holding") return;
    this.#state = "open";
    const held = this.#held;
    this.#held = [];
    for (const frame of held) this.#sendFrame(frame.data, frame.binary);
  }

  /** The incarnation ended: drop what is held and everything that comes. */
  close(): void {
    this.#state = "closed";
    this.#held = [];
  }

  #encode(message: ServerMessage): string | Uint8Array {
    try {
      return encodeServerMessage(message);
    } catch (error) {
      // The codec only throws for binary string fields longer than 255 bytes.
      if (error instanceof RangeError) throw serverError("CINDER_CHANNEL_BINARY_FIELD_TOO_LONG", this.#topic);
      throw error;
    }
  }
}
