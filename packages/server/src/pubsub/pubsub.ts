/**
 * Publish/subscribe between the parts of one application, possibly across nodes. Channels
 * broadcast through it; LiveViews subscribe to it. The in-process implementation is the
 * embedded default; a Redis-backed one carries the same messages between machines.
 *
 * Messages must survive serialisation to travel between nodes: JSON values, with `Uint8Array`
 * allowed anywhere for bytes.
 */
export type PubSubMessage =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | PubSubMessage[]
  | { [key: string]: PubSubMessage };

/** Receives every message broadcast to a topic it subscribed to, in broadcast order per topic. */
export type PubSubHandler = (message: PubSubMessage, topic: string) => void;

/** A live subscription; `from` in `broadcastFrom` excludes exactly this subscription. */
export interface Subscription {
  readonly topic: string;
  unsubscribe(): Promise<void>;
}

/**
 * What the endpoint needs from a PubSub: `LocalPubSub` (the default) and `RedisPubSub` implement
 * it; pass another implementation as the `cinder` plugin's `pubsub` option.
 *
 * @example
 * ```ts
 * const subscription = await app.cinder.pubsub.subscribe("orders", (message) => console.log(message));
 * await app.cinder.pubsub.broadcast("orders", { id: 7, status: "shipped" });
 * await subscription.unsubscribe();
 * ```
 */
export interface PubSub {
  subscribe(topic: string, handler: PubSubHandler): Promise<Subscription>;
  /** Deliver to every subscriber of `topic` on every node. */
  broadcast(topic: string, message: PubSubMessage): Promise<void>;
  /** Deliver to every subscriber of `topic` except `from`. */
  broadcastFrom(from: Subscription, topic: string, message: PubSubMessage): Promise<void>;
  /**
   * Deliver to the subscribers of `topic` on this node only (Phoenix.PubSub's `local_broadcast`).
   * Presence needs it on several nodes: each node tells its own subscribers what changed in its
   * replica of the shared state. Optional for PubSubs of your own; both of Cinder's have it.
   */
  localBroadcast?(topic: string, message: PubSubMessage): Promise<void>;
  /** Release connections and subscriptions; later calls reject. */
  close(): Promise<void>;
}
