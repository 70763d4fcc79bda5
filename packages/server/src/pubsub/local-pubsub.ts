import { serverError } from "../errors/error-registry.js";
import type { PubSub, PubSubHandler, PubSubMessage, Subscription } from "./pubsub.js";

/** Options of `new LocalPubSub(options)`. */
export interface LocalPubSubOptions {
  /**
   * Called when a subscriber throws. The message still reaches the other subscribers.
   * Default: the error is rethrown asynchronously (an uncaught exception), so it is not lost.
   */
  onHandlerError?(error: unknown, topic: string): void;
}

/**
 * The in-process PubSub: the embedded default, one node, nothing else to run.
 *
 * Delivery is synchronous and ordered: every subscriber sees the messages of a topic in
 * broadcast order, and a broadcast made by a subscriber while it handles a message is delivered
 * after the current message has reached everyone (a queue, not recursion). A subscription made
 * after a broadcast does not receive it, even when that broadcast is still being delivered.
 *
 * @example
 * ```ts
 * const pubsub = new LocalPubSub();
 * const subscription = await pubsub.subscribe("room:lobby", (message) => console.log(message));
 * await pubsub.broadcast("room:lobby", { body: "hi" });
 * await subscription.unsubscribe();
 * ```
 */
export class LocalPubSub implements PubSub {
  readonly #subscribersByTopic = new Map<string, Set<LocalSubscription>>();
  readonly #pending: PendingDelivery[] = [];
  readonly #onHandlerError: (error: unknown, topic: string) => void;
  #delivering = false;
  #closed = false;
  /** Increases with every subscribe and every broadcast; orders the two against each other. */
  #clock = 0;

  constructor(options: LocalPubSubOptions = {}) {
    this.#onHandlerError =
      options.onHandlerError ??
      ((error) => {
        queueMicrotask(() => {
          throw error;
        });
      });
  }

  subscribe(topic: string, handler: PubSubHandler): Promise<Subscription> {
    if (this.#closed) return Promise.reject(serverError("CINDER_PUBSUB_CLOSED"));
    const subscription = new LocalSubscription(topic, handler, ++this.#clock, (ended) => this.#remove(ended));
    let subscribers = this.#subscribersByTopic.get(topic);
    if (subscribers === undefined) {
      subscribers = new Set();
      this.#subscribersByTopic.set(topic, subscribers);
    }
    subscribers.add(subscription);
    return Promise.resolve(subscription);
  }

  broadcast(topic: string, message: PubSubMessage): Promise<void> {
    return this.#enqueue(topic, message, undefined);
  }

  broadcastFrom(from: Subscription, topic: string, message: PubSubMessage): Promise<void> {
    return this.#enqueue(topic, message, from);
  }

  /** The same as `broadcast`: this PubSub has one node. */
  localBroadcast(topic: string, message: PubSubMessage): Promise<void> {
    return this.#enqueue(topic, message, undefined);
  }

  close(): Promise<void> {
    this.#closed = true;
    for (const subscribers of this.#subscribersByTopic.values()) {
      for (const subscription of subscribers) subscription.deactivate();
    }
    this.#subscribersByTopic.clear();
    this.#pending.length = 0;
    return Promise.resolve();
  }

  /** Live subscriptions, on one topic or on all. Lets tests and metrics prove nothing leaks. */
  subscriberCount(topic?: string): number {
    if (topic !== undefined) return this.#subscribersByTopic.get(topic)?.size ?? 0;
    let count = 0;
    for (const subscribers of this.#subscribersByTopic.values()) count += subscribers.size;
    return count;
  }

  #enqueue(topic: string, message: PubSubMessage, excluded: Subscription | undefined): Promise<void> {
    if (this.#closed) return Promise.reject(serverError("CINDER_PUBSUB_CLOSED"));
    this.#pending.push({ topic, message, excluded, sentAt: ++this.#clock });
    if (!this.#delivering) this.#deliverPending();
    return Promise.resolve();
  }

  #deliverPending(): void {
    this.#delivering = true;
    try {
      for (let index = 0; index < this.#pending.length; index++) {
        this.#deliver(this.#pending[index] as PendingDelivery);
      }
    } finally {
      this.#pending.length = 0;
      this.#delivering = false;
    }
  }

  #deliver({ topic, message, excluded, sentAt }: PendingDelivery): void {
    const subscribers = this.#subscribersByTopic.get(topic);
    if (subscribers === undefined) return;
    // A Set visits members added during iteration; the clock keeps late subscribers out.
    for (const subscription of subscribers) {
      if (subscription === excluded || subscription.subscribedAt > sentAt || !subscription.active) continue;
      try {
        subscription.handler(message, topic);
      } catch (error) {
        this.#onHandlerError(error, topic);
      }
    }
  }

  #remove(subscription: LocalSubscription): void {
    const subscribers = this.#subscribersByTopic.get(subscription.topic);
    if (subscribers === undefined) return;
    subscribers.delete(subscription);
    if (subscribers.size === 0) this.#subscribersByTopic.delete(subscription.topic);
  }
}

interface PendingDelivery {
  topic: string;
  message: PubSubMessage;
  excluded: Subscription | undefined;
  sentAt: number;
}

class LocalSubscription implements Subscription {
  readonly topic: string;
  readonly handler: PubSubHandler;
  readonly subscribedAt: number;
  #active = true;
  readonly #onUnsubscribe: (subscription: LocalSubscription) => void;

  constructor(topic: string, handler: PubSubHandler, subscribedAt: number, onUnsubscribe: (subscription: LocalSubscription) => void) {
    this.topic = topic;
    this.handler = handler;
    this.subscribedAt = subscribedAt;
    this.#onUnsubscribe = onUnsubscribe;
  }

  get active(): boolean {
    return this.#active;
  }

  /** Idempotent: a second call does nothing. */
  unsubscribe(): Promise<void> {
    if (this.#active) {
      this.#active = false;
      this.#onUnsubscribe(this);
    }
    return Promise.resolve();
  }

  deactivate(): void {
    this.#active = false;
  }
}
