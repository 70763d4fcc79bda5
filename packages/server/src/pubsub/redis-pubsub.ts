import { randomBytes } from "node:crypto";
import { errorMessage, serverError } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import { LocalPubSub } from "./local-pubsub.js";
import type { PubSub, PubSubHandler, PubSubMessage, Subscription } from "./pubsub.js";
import { decodeWireMessage, encodeWireMessage, MalformedWireMessage, NODE_ID_BYTES } from "./pubsub-wire.js";
import { assertRedisClient, sendsInState, type RedisClientLike } from "./redis-client.js";

/** Options of `new RedisPubSub(client, options)`. */
export interface RedisPubSubOptions {
  /**
   * Prepended to every topic to make the Redis channel name, so several apps can share one
   * Redis. Give each app its own, and none a prefix of another's. Default `"cinder:"`.
   */
  prefix?: string;
  /**
   * Where outages, recoveries, malformed messages and failing subscribers are logged. Pass the
   * logger the `cinder` plugin uses (`app.log`). Default: errors, warnings and info on the console.
   */
  logger?: Logger;
}

/**
 * The PubSub of an app that runs on several nodes: messages travel between nodes through Redis
 * Pub/Sub, with one subscriber connection per node for all topics (a `duplicate()` of the
 * client you pass, which stays yours: `close()` quits only the connection it made).
 *
 * Delivery on this node is `LocalPubSub`'s: synchronous, in broadcast order, a broadcast made by
 * a subscriber delivered after the current one. A broadcast reaches this node's subscribers
 * straight away (no round trip through Redis, so the fastlane's one-encoding-per-node holds and
 * the node keeps working alone while Redis is down) and is published to Redis for the other
 * nodes, which deliver it to all their subscribers; this node ignores its own echo. Every node
 * sees the messages of one publisher in the order they were broadcast; messages of different
 * nodes to one topic may interleave differently on different nodes (as in Phoenix.PubSub).
 * `broadcastFrom` excludes the sender on this node; other nodes have no such subscription.
 *
 * `subscribe` resolves once Redis has confirmed the node's subscription to the topic, so a
 * broadcast made anywhere afterwards reaches it. While Redis is unreachable (logged once per
 * outage), the node works alone: subscriptions still resolve and deliver local broadcasts,
 * broadcasts reach local subscribers and resolve without being sent (Redis Pub/Sub is
 * at-most-once, so a rejection would not buy a delivery guarantee, only crashed callbacks);
 * after the client reconnects, every active topic is subscribed again.
 *
 * @example
 * ```ts
 * import { Redis } from "ioredis";
 * const app = Fastify({ logger: true });
 * const redis = new Redis(process.env.REDIS_URL!);
 * const pubsub = new RedisPubSub(redis, { prefix: "shop:", logger: app.log });
 * await app.register(cinder, { pubsub, sockets: { "/socket": UserSocket } });
 * app.addHook("onClose", async () => { await pubsub.close(); await redis.quit(); });
 * ```
 */
export class RedisPubSub implements PubSub {
  readonly #client: RedisClientLike;
  readonly #subscriber: RedisClientLike;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #local: LocalPubSub;
  /** Marks what this node publishes, so that it can ignore its own messages coming back. */
  readonly #nodeId: Buffer = randomBytes(NODE_ID_BYTES);
  readonly #topics = new Map<string, TopicEntry>();
  readonly #localSubscriptionOf = new WeakMap<Subscription, Subscription>();
  /** Channels released whose UNSUBSCRIBE Redis has not confirmed (count per channel): retried after a reconnect. */
  readonly #unconfirmedReleases = new Map<string, number>();
  #subscriberState: "connecting" | "ready" | "down" = "connecting";
  /** Settles when the subscriber connection leaves "ready" (or at close); renewed at every ready. */
  #connectionLost = new Signal();
  /** Settles once the first connection has subscribed the topics asked for meanwhile, or failed. */
  readonly #firstConnection = new Signal();
  #publisherDown: boolean;
  #outage = false;
  #droppedDuringOutage = 0;
  #lastSubscriberError: Error | undefined;
  #closing: Promise<void> | undefined;
  readonly #publisherListeners: ReadonlyArray<readonly ["ready" | "close" | "end", () => void]>;

  constructor(client: RedisClientLike, options: RedisPubSubOptions = {}) {
    assertRedisClient(client);
    const prefix = options.prefix ?? "cinder:";
    if (typeof prefix !== "string") throw serverError("CINDER_PUBSUB_INVALID_PREFIX", prefix);
    this.#client = client;
    this.#prefix = prefix;
    this.#logger = options.logger ?? consoleLogger;
    this.#local = new LocalPubSub({
      onHandlerError: (error, topic) =>
        this.#logger.error({ code: "CINDER_PUBSUB_HANDLER_FAILED", topic, err: error }, errorMessage("CINDER_PUBSUB_HANDLER_FAILED", topic)),
    });

    this.#publisherDown = !sendsInState(client.status);
    if (this.#publisherDown) this.#reportOutage("publisher", `the client given is "${client.status}"`);
    this.#publisherListeners = [
      ["ready", () => this.#onPublisherReady()],
      ["close", () => this.#onPublisherLost("the connection closed")],
      ["end", () => this.#onEnded("publisher")],
    ];
    for (const [event, listener] of this.#publisherListeners) client.on(event, listener);

    const subscriber = client.duplicate();
    this.#subscriber = subscriber;
    subscriber.on("messageBuffer", (channel, message) => this.#onRedisMessage(channel, message));
    subscriber.on("ready", () => this.#onSubscriberReady());
    subscriber.on("close", () => this.#onSubscriberLost("the connection closed"));
    subscriber.on("end", () => this.#onEnded("subscriber"));
    // Our connection: its errors are ours to handle (without a listener ioredis prints each one).
    subscriber.on("error", (error) => this.#onSubscriberError(error));
    if (subscriber.status === "wait") subscriber.connect?.().catch(() => {}); // a lazyConnect client
  }

  async subscribe(topic: string, handler: PubSubHandler): Promise<Subscription> {
    if (this.#closing !== undefined) throw serverError("CINDER_PUBSUB_CLOSED");
    const localSubscription = await this.#local.subscribe(topic, handler);
    if (this.#closing !== undefined) throw serverError("CINDER_PUBSUB_CLOSED");
    let entry = this.#topics.get(topic);
    if (entry === undefined) {
      entry = { channel: this.#prefix + topic, subscriptions: 0, subscribed: Promise.resolve(), malformedReported: false };
      this.#topics.set(topic, entry);
      entry.subscribed = this.#subscribeChannel(entry.channel);
    }
    entry.subscriptions++;
    const subscription = new RedisSubscription(topic, () => {
      void localSubscription.unsubscribe(); // synchronous inside; never rejects
      return this.#release(topic);
    });
    this.#localSubscriptionOf.set(subscription, localSubscription);
    await entry.subscribed;
    return subscription;
  }

  broadcast(topic: string, message: PubSubMessage): Promise<void> {
    return this.#broadcast(topic, message, undefined);
  }

  broadcastFrom(from: Subscription, topic: string, message: PubSubMessage): Promise<void> {
    return this.#broadcast(topic, message, from);
  }

  /** Deliver to this node's subscribers of `topic` only; nothing is published to Redis. */
  localBroadcast(topic: string, message: PubSubMessage): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(serverError("CINDER_PUBSUB_CLOSED"));
    return this.#local.broadcast(topic, message);
  }

  /** Stop delivering, and quit the subscriber connection this PubSub made. The client you passed stays open. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  /** Live subscriptions on this node, on one topic or on all. Lets tests and metrics prove nothing leaks. */
  subscriberCount(topic?: string): number {
    return this.#local.subscriberCount(topic);
  }

  async #close(): Promise<void> {
    for (const [event, listener] of this.#publisherListeners) this.#client.off(event, listener);
    await this.#local.close();
    this.#topics.clear();
    this.#connectionLost.settle();
    this.#firstConnection.settle();
    if (this.#subscriber.status === "ready") {
      await this.#subscriber.quit().catch(() => this.#subscriber.disconnect());
    } else {
      this.#subscriber.disconnect();
    }
  }

  async #broadcast(topic: string, message: PubSubMessage, from: Subscription | undefined): Promise<void> {
    if (this.#closing !== undefined) throw serverError("CINDER_PUBSUB_CLOSED");
    const data = encodeWireMessage(this.#nodeId, message);
    // Published before the local delivery: a broadcast made by a local subscriber while it
    // handles this one must reach Redis after this one, as it reaches local subscribers after.
    const published = this.#publish(this.#prefix + topic, data);
    const excluded = from === undefined ? undefined : this.#localSubscriptionOf.get(from);
    await (excluded === undefined ? this.#local.broadcast(topic, message) : this.#local.broadcastFrom(excluded, topic, message));
    await published;
  }

  /** Never rejects: while Redis is unreachable the message stays on this node (see the class comment). */
  #publish(channel: string, data: Buffer): Promise<void> {
    if (this.#publisherDown && this.#client.status !== "ready") {
      this.#droppedDuringOutage++;
      return Promise.resolve();
    }
    return this.#client.publish(channel, data).then(
      () => {
        if (this.#outage) this.#reportRestoredIfConnected();
      },
      (error: unknown) => {
        this.#droppedDuringOutage++;
        this.#reportOutage("publisher", reasonOf(error));
      },
    );
  }

  /** Subscribe the node to `channel`; settles when Redis confirmed it, or at once while Redis is unreachable. */
  #subscribeChannel(channel: string): Promise<void> {
    switch (this.#subscriberState) {
      case "ready":
        return this.#untilConnectionLost(this.#subscriber.subscribe(channel).then(noop, (error: unknown) => this.#reportSubscribeFailure(channel, error)));
      case "connecting":
        return this.#firstConnection.settled; // the first `ready` subscribes every active topic
      case "down":
        return Promise.resolve(); // subscribed again after the reconnect
    }
  }

  async #release(topic: string): Promise<void> {
    const entry = this.#topics.get(topic);
    if (entry === undefined || --entry.subscriptions > 0) return;
    this.#topics.delete(topic);
    if (this.#closing !== undefined) return;
    const channel = entry.channel;
    this.#unconfirmedReleases.set(channel, (this.#unconfirmedReleases.get(channel) ?? 0) + 1);
    if (this.#subscriberState !== "ready") return; // unsubscribed after the reconnect
    const confirmed = this.#subscriber.unsubscribe(channel).then(() => this.#confirmReleases([channel]), noop);
    await this.#untilConnectionLost(confirmed);
  }

  #confirmReleases(channels: readonly string[]): void {
    for (const channel of channels) {
      const pending = (this.#unconfirmedReleases.get(channel) ?? 1) - 1;
      if (pending > 0) this.#unconfirmedReleases.set(channel, pending);
      else this.#unconfirmedReleases.delete(channel);
    }
  }

  #onRedisMessage(channelBytes: Buffer, data: Buffer): void {
    if (this.#closing !== undefined) return;
    const channel = channelBytes.toString("utf8");
    if (!channel.startsWith(this.#prefix)) return;
    const topic = channel.slice(this.#prefix.length);
    const entry = this.#topics.get(topic);
    if (entry === undefined) return; // in flight when the last subscriber left
    let decoded;
    try {
      decoded = decodeWireMessage(data);
    } catch (error) {
      // Whatever the bytes, a throw must not escape into the Redis client's event loop.
      if (!entry.malformedReported) {
        entry.malformedReported = true;
        this.#logger.warn(
          { code: "CINDER_PUBSUB_REDIS_MALFORMED_MESSAGE", topic, channel, bytes: data.length },
          errorMessage("CINDER_PUBSUB_REDIS_MALFORMED_MESSAGE", channel, error instanceof MalformedWireMessage ? error.message : reasonOf(error)),
        );
      }
      return;
    }
    if (this.#nodeId.equals(decoded.origin)) return; // delivered locally when it was broadcast
    this.#local.broadcast(topic, decoded.message).catch(noop);
  }

  #onSubscriberReady(): void {
    if (this.#closing !== undefined) return;
    this.#subscriberState = "ready";
    this.#connectionLost = new Signal();
    this.#lastSubscriberError = undefined;
    // Redis holds no subscriptions for a new connection. Subscribing again a channel the client
    // library already resubscribed by itself is harmless: Redis keeps one subscription per channel.
    const entries = [...this.#topics.values()];
    const channels = entries.map((entry) => entry.channel);
    const subscribed =
      channels.length === 0
        ? Promise.resolve()
        : this.#untilConnectionLost(this.#subscriber.subscribe(...channels).then(noop, (error: unknown) => this.#reportSubscribeFailure(channels.join(", "), error)));
    for (const entry of entries) entry.subscribed = subscribed;
    void subscribed.then(() => this.#firstConnection.settle());
    const active = new Set(channels);
    const stale = [...this.#unconfirmedReleases.keys()].filter((channel) => !active.has(channel));
    if (stale.length > 0) this.#subscriber.unsubscribe(...stale).then(() => this.#confirmReleases(stale), noop);
    this.#reportRestoredIfConnected();
  }

  #onSubscriberLost(reason: string): void {
    if (this.#closing !== undefined) return;
    if (this.#subscriberState === "down") return; // every failed reconnection attempt closes again
    this.#subscriberState = "down";
    this.#connectionLost.settle();
    this.#firstConnection.settle();
    const error = this.#lastSubscriberError;
    this.#reportOutage("subscriber", error === undefined ? reason : `${reason}: ${error.message}`);
  }

  #onSubscriberError(error: Error): void {
    if (this.#closing !== undefined) return;
    this.#lastSubscriberError = error;
    this.#logger.debug({ err: error }, "Redis subscriber connection error");
  }

  #onPublisherReady(): void {
    this.#publisherDown = false;
    this.#reportRestoredIfConnected();
  }

  #onPublisherLost(reason: string): void {
    if (this.#publisherDown) return;
    this.#publisherDown = true;
    this.#reportOutage("publisher", reason);
  }

  #reportOutage(connection: "publisher" | "subscriber", reason: string): void {
    if (this.#outage) return;
    this.#outage = true;
    this.#logger.error(
      { code: "CINDER_PUBSUB_REDIS_UNAVAILABLE", connection, reason },
      errorMessage("CINDER_PUBSUB_REDIS_UNAVAILABLE", connection, reason),
    );
  }

  /** No reconnection will follow: worth a line of its own even in the middle of an outage already reported. */
  #onEnded(connection: "publisher" | "subscriber"): void {
    if (this.#closing !== undefined) return;
    const outageAlreadyReported = this.#outage;
    if (connection === "publisher") this.#onPublisherLost(ENDED);
    else this.#onSubscriberLost(ENDED);
    if (!outageAlreadyReported) return;
    this.#logger.error({ code: "CINDER_PUBSUB_REDIS_UNAVAILABLE", connection, reason: ENDED }, errorMessage("CINDER_PUBSUB_REDIS_UNAVAILABLE", connection, ENDED));
  }

  #reportRestoredIfConnected(): void {
    if (!this.#outage || this.#subscriberState !== "ready" || this.#publisherDown) return;
    this.#outage = false;
    const dropped = this.#droppedDuringOutage;
    this.#droppedDuringOutage = 0;
    this.#logger.info(
      { code: "CINDER_PUBSUB_REDIS_RESTORED", topics: this.#topics.size, dropped },
      errorMessage("CINDER_PUBSUB_REDIS_RESTORED", this.#topics.size, dropped),
    );
  }

  #reportSubscribeFailure(channels: string, error: unknown): void {
    // The connection is up but Redis refused (an ACL, say): the topic works on this node only.
    this.#logger.error(
      { code: "CINDER_PUBSUB_REDIS_UNAVAILABLE", connection: "subscriber", channels, err: error },
      errorMessage("CINDER_PUBSUB_REDIS_UNAVAILABLE", "subscriber", `SUBSCRIBE ${channels} failed: ${reasonOf(error)}`),
    );
  }

  /** `work`, or sooner if the subscriber connection is lost meanwhile (its reply may never come). */
  #untilConnectionLost(work: Promise<void>): Promise<void> {
    return Promise.race([work, this.#connectionLost.settled]);
  }
}

interface TopicEntry {
  readonly channel: string;
  /** Local subscriptions; the node is subscribed to the channel while there is at least one. */
  subscriptions: number;
  /** Settles when Redis confirmed the node's subscription, or it cannot be had now. */
  subscribed: Promise<void>;
  malformedReported: boolean;
}

class RedisSubscription implements Subscription {
  readonly topic: string;
  #release: (() => Promise<void>) | undefined;

  constructor(topic: string, release: () => Promise<void>) {
    this.topic = topic;
    this.#release = release;
  }

  /** Idempotent: a second call does nothing. */
  unsubscribe(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    return release === undefined ? Promise.resolve() : release();
  }
}

/** A one-shot event as a promise that never rejects. */
class Signal {
  readonly settled: Promise<void>;
  settle: () => void = noop;

  constructor() {
    this.settled = new Promise((resolve) => {
      this.settle = resolve;
    });
  }
}

const ENDED = "the connection ended and the client will not reconnect it (its retryStrategy gave up, or it was quit)";

function noop(): void {}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const consoleLogger: Logger = {
  error: (fields, message) => console.error(`[cinder] ${message}`, fields),
  warn: (fields, message) => console.warn(`[cinder] ${message}`, fields),
  info: (_fields, message) => console.info(`[cinder] ${message}`),
  debug: noop,
};
