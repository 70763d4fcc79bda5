import type { Payload } from "@cinder/protocol";
import type { ChannelSocket } from "./channel-definition.js";
import type { Reply } from "./results.js";
import { assertSendable, assertTopic } from "./broadcast.js";

/** What a `ChannelSocket` needs from the channel process that owns it. */
export interface ChannelSocketBackend {
  push(event: string, payload: Payload): void;
  broadcast(event: string, payload: Payload, excludeSelf: boolean): Promise<void>;
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  sendAfter(ms: number, message: unknown): () => void;
  deferReply(): (reply: Reply) => void;
}

/**
 * The `ChannelSocket` handed to channel callbacks. It validates arguments (misuse throws a coded
 * error into the calling callback) and forwards to its channel process; it holds no protocol
 * logic itself. Process internals stay behind `#backend`, off the object users see.
 */
export class ProcessChannelSocket<Assigns extends object> implements ChannelSocket<Assigns> {
  readonly topic: string;
  readonly joinRef: string;
  readonly socketId: string | undefined;
  #assigns: Readonly<Assigns>;
  readonly #backend: ChannelSocketBackend;

  constructor(topic: string, joinRef: string, socketId: string | undefined, assigns: Assigns, backend: ChannelSocketBackend) {
    this.topic = topic;
    this.joinRef = joinRef;
    this.socketId = socketId;
    this.#assigns = { ...assigns };
    this.#backend = backend;
  }

  get assigns(): Readonly<Assigns> {
    return this.#assigns;
  }

  /** Assigns are replaced, not mutated: a reference taken earlier keeps its old values. */
  assign(values: Partial<Assigns>): void {
    this.#assigns = { ...this.#assigns, ...values };
  }

  push(event: string, payload: Payload): void {
    assertSendable(event, payload);
    this.#backend.push(event, payload);
  }

  broadcast(event: string, payload: Payload): Promise<void> {
    assertSendable(event, payload);
    return this.#backend.broadcast(event, payload, false);
  }

  broadcastFrom(event: string, payload: Payload): Promise<void> {
    assertSendable(event, payload);
    return this.#backend.broadcast(event, payload, true);
  }

  subscribe(topic: string): Promise<void> {
    assertTopic(topic);
    return this.#backend.subscribe(topic);
  }

  unsubscribe(topic: string): Promise<void> {
    assertTopic(topic);
    return this.#backend.unsubscribe(topic);
  }

  sendAfter(ms: number, message: unknown): () => void {
    return this.#backend.sendAfter(ms, message);
  }

  deferReply(): (reply: Reply) => void {
    return this.#backend.deferReply();
  }
}
