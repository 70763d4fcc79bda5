import type { Logger } from "../logger.js";
import type { PubSub, PubSubHandler, Subscription } from "../pubsub/pubsub.js";

/**
 * The timers and extra PubSub subscriptions a channel made through its socket (`sendAfter`,
 * `subscribe`). They live exactly as long as the channel: `release()` ends all of them at once,
 * and anything that completes after the release (a subscribe still in flight) is undone.
 */
export class ChannelResources {
  readonly #pubsub: PubSub;
  readonly #logger: Logger;
  readonly #owner: string;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #subscriptions = new Map<string, Subscription>();
  #released = false;

  constructor(pubsub: PubSub, logger: Logger, owner: string) {
    this.#pubsub = pubsub;
    this.#logger = logger;
    this.#owner = owner;
  }

  /** Run `onFire` after `ms` unless cancelled (by the returned function or by `release`). */
  startTimer(ms: number, onFire: () => void): () => void {
    if (this.#released) return () => {};
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      onFire();
    }, ms);
    this.#timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  /** Subscribe once per topic; a second subscribe to the same topic is a no-op. */
  async subscribe(topic: string, handler: PubSubHandler): Promise<void> {
    if (this.#released || this.#subscriptions.has(topic)) return;
    const subscription = await this.#pubsub.subscribe(topic, handler);
    if (this.#released || this.#subscriptions.has(topic)) {
      await subscription.unsubscribe();
      return;
    }
    this.#subscriptions.set(topic, subscription);
  }

  async unsubscribe(topic: string): Promise<void> {
    const subscription = this.#subscriptions.get(topic);
    if (subscription === undefined) return;
    this.#subscriptions.delete(topic);
    await subscription.unsubscribe();
  }

  /** Cancel every timer and drop every subscription, plus any `extra` subscriptions given. */
  release(...extra: Array<Subscription | undefined>): void {
    this.#released = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const subscriptions = [...this.#subscriptions.values(), ...extra];
    this.#subscriptions.clear();
    for (const subscription of subscriptions) {
      subscription?.unsubscribe().catch((error: unknown) => {
        this.#logger.error({ err: error, topic: subscription.topic }, `could not unsubscribe ${this.#owner} from "${subscription.topic}"`);
      });
    }
  }
}
