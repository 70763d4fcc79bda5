import { ChannelEvent } from "@cinder/protocol";
import type { Channel } from "./channel.js";
import type { Connection } from "./connection.js";
import type { SocketMessage } from "./types.js";

/** Why the connection under a channel went away, as the channel's `phx_error` payload says. */
export type ChannelErrorReason = "connection_closed" | "connection_error" | "heartbeat_timeout";

/**
 * The channels of one socket, in the order they were made. The list is replaced, never changed
 * in place, so a callback that removes a channel while a message is delivered or while channels
 * are errored does not disturb the loop.
 */
export class SocketChannels {
  #channels: readonly Channel[] = [];

  add(channel: Channel): void {
    this.#channels = [...this.#channels, channel];
  }

  remove(channel: Channel): void {
    this.#channels = this.#channels.filter((candidate) => candidate !== channel);
  }

  /** Another channel that is joined or joining `topic`: a server keeps one join per topic and socket. */
  otherJoinOnTopic(topic: string, keep: Channel): Channel | undefined {
    return this.#channels.find(
      (candidate) => candidate !== keep && candidate.topic === topic && (candidate.state === "joined" || candidate.state === "joining"),
    );
  }

  /** Hands a decoded message to the channels whose topic and current join it belongs to. */
  deliver({ topic, event, payload, ref, join_ref: joinRef }: SocketMessage): void {
    for (const channel of this.#channels) {
      if (channel.isMember(topic, event, payload, joinRef)) channel.trigger(event, payload, ref, joinRef);
    }
  }

  /**
   * Errors the channels whose join is lost because `connection` stopped being open. Several
   * paths notice that (error, close, teardown, heartbeat timeout); after the first, or for a
   * connection the socket has replaced, only channels whose current join went over this
   * connection are errored. `currentConnection` is asked anew for each channel: an error
   * callback may connect or disconnect the socket.
   */
  errorLostJoins(reason: ChannelErrorReason, connection: Connection | null, currentConnection: () => Connection | null): void {
    let erroredBefore = false;
    if (connection && !connection.isOpen()) {
      erroredBefore = connection.channelsErrored;
      connection.channelsErrored = true;
    }
    const joins = this.#channels.map((channel) => [channel, channel.joinRef()] as const);
    for (const [channel, joinRef] of joins) {
      // An earlier error callback may have rejoined this channel already.
      if (channel.joinRef() !== joinRef) continue;
      const onlyCarriedJoins = erroredBefore || currentConnection() !== connection;
      if (connection && onlyCarriedJoins && !connection.carried(channel, joinRef)) continue;
      if (channel.state === "errored" || channel.state === "leaving" || channel.state === "closed") continue;
      channel.trigger(ChannelEvent.error, { source: "transport", reason });
    }
  }
}
