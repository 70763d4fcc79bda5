import { ChannelEvent } from "@cinder/protocol";
import type { Channel } from "./channel.js";
import type { Connection } from "./connection.js";
import type { LogKind } from "./logger.js";
import type { OutgoingMessage } from "./types.js";
import { reportToRuntime } from "./user-code.js";
import { encodeOutgoingMessage } from "./wire.js";

/** What the outbox needs from its socket. */
export interface OutboxHost {
  /** The connection messages go out on, if there is one. */
  connection(): Connection | null;
  isConnected(): boolean;
  hasLogger(): boolean;
  log(kind: LogKind, message: string, data?: unknown): void;
}

/**
 * Everything a socket sends. While the socket is connected a message goes out at once;
 * otherwise it waits, in order, for the next connection to open.
 *
 * Invariant: a message made for an earlier join of its channel, or for a channel that has
 * closed since, is never sent — the channel's newer join supersedes it. Leaves are the
 * exception: the server must hear them even after the channel was removed locally.
 */
export class Outbox {
  readonly #host: OutboxHost;
  #buffered: Array<() => void> = [];

  constructor(host: OutboxHost) {
    this.#host = host;
  }

  /** Sends `message` now, or buffers it until the socket is connected. */
  push(message: OutgoingMessage, channel?: Channel): void {
    const host = this.#host;
    if (host.hasLogger()) {
      host.log("push", `${message.topic} ${message.event} (${message.joinRef}, ${message.ref})`, message.payload);
    }
    if (host.isConnected()) {
      this.#send(message, channel);
      return;
    }
    this.#buffered.push(() => {
      if (!isOutdated(message, channel)) this.#send(message, channel);
    });
  }

  /** Sends what waited for a connection, in the order it was pushed. */
  flush(): void {
    if (!this.#host.isConnected() || this.#buffered.length === 0) return;
    const buffered = this.#buffered;
    this.#buffered = [];
    for (const send of buffered) send();
  }

  #send(message: OutgoingMessage, channel: Channel | undefined): void {
    const connection = this.#host.connection();
    if (!connection) return;
    // Recorded before anything can fail, so that losing this connection errors the channel.
    if (channel && message.event === ChannelEvent.join) connection.recordJoin(channel, message.joinRef ?? message.ref);
    if (!connection.isOpen()) return;
    if (message.event !== ChannelEvent.leave && isOutdated(message, channel)) return;
    let data: string | Uint8Array;
    try {
      data = encodeOutgoingMessage(message);
    } catch (error) {
      reportToRuntime(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    connection.transport.send(data);
  }
}

/** A push made for an earlier join of its channel, or for a channel that closed since. */
function isOutdated(message: OutgoingMessage, channel: Channel | undefined): boolean {
  return channel !== undefined && (message.joinRef !== channel.joinRef() || channel.state === "closed");
}
