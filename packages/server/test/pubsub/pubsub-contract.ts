import { afterEach, describe, expect, it } from "vitest";
import type { PubSub, PubSubMessage } from "@cinder/server";

/**
 * What every PubSub promises a user on one node, run against each implementation (LocalPubSub,
 * RedisPubSub). Delivery across nodes is tested with the implementations that have nodes.
 */
export interface ContractPubSub extends PubSub {
  subscriberCount(topic?: string): number;
}

/**
 * Makes a fresh PubSub for one test. `reportHandlerError` must be called when a subscriber
 * throws (each implementation has its own way to report: an option, a logger).
 */
export type CreatePubSub = (reportHandlerError: (error: unknown, topic: string) => void) => Promise<ContractPubSub>;

export function describePubSubContract(name: string, create: CreatePubSub): void {
  describe(`${name}: the PubSub contract`, () => {
    const created: ContractPubSub[] = [];
    const handlerErrors: Array<[unknown, string]> = [];

    async function newPubSub(): Promise<ContractPubSub> {
      const pubsub = await create((error, topic) => handlerErrors.push([error, topic]));
      created.push(pubsub);
      return pubsub;
    }

    afterEach(async () => {
      await Promise.all(created.splice(0).map((pubsub) => pubsub.close()));
      handlerErrors.length = 0;
    });

    it("delivers to every subscriber of the topic, in broadcast order, and nothing to other topics", async () => {
      const pubsub = await newPubSub();
      const first: PubSubMessage[] = [];
      const second: Array<[PubSubMessage, string]> = [];
      const elsewhere: PubSubMessage[] = [];
      await pubsub.subscribe("room:1", (message) => first.push(message));
      await pubsub.subscribe("room:1", (message, topic) => second.push([message, topic]));
      await pubsub.subscribe("room:2", (message) => elsewhere.push(message));
      await pubsub.broadcast("room:1", 1);
      await pubsub.broadcast("room:1", { n: 2 });
      expect(first).toEqual([1, { n: 2 }]);
      expect(second).toEqual([
        [1, "room:1"],
        [{ n: 2 }, "room:1"],
      ]);
      expect(elsewhere).toEqual([]);
    });

    it("hands every local subscriber the same message object (the fastlane encodes it once per node)", async () => {
      const pubsub = await newPubSub();
      const received: PubSubMessage[] = [];
      await pubsub.subscribe("t", (message) => received.push(message));
      await pubsub.subscribe("t", (message) => received.push(message));
      const message = { $cinder: "broadcast", event: "e", payload: { bytes: new Uint8Array([1, 2]) } };
      await pubsub.broadcast("t", message);
      expect(received).toHaveLength(2);
      expect(received[0]).toBe(received[1]);
    });

    it("broadcastFrom excludes exactly the given subscription", async () => {
      const pubsub = await newPubSub();
      const received: string[] = [];
      const sender = await pubsub.subscribe("t", () => received.push("sender"));
      await pubsub.subscribe("t", () => received.push("other"));
      await pubsub.broadcastFrom(sender, "t", "hello");
      expect(received).toEqual(["other"]);
    });

    it("delivers a broadcast made inside a handler after the current one has reached everyone", async () => {
      const pubsub = await newPubSub();
      const log: string[] = [];
      await pubsub.subscribe("t", (message) => {
        log.push(`A got ${String(message)}`);
        if (message === "first") void pubsub.broadcast("t", "second");
      });
      await pubsub.subscribe("t", (message) => log.push(`B got ${String(message)}`));
      await pubsub.broadcast("t", "first");
      expect(log).toEqual(["A got first", "B got first", "A got second", "B got second"]);
    });

    it("does not deliver a broadcast to a subscription made after it", async () => {
      const pubsub = await newPubSub();
      const late: PubSubMessage[] = [];
      let lateSubscription: Promise<unknown> | undefined;
      await pubsub.subscribe("t", () => {
        lateSubscription ??= pubsub.subscribe("t", (message) => late.push(message));
      });
      await pubsub.broadcast("t", "before the late subscription");
      await lateSubscription;
      expect(late).toEqual([]);
      await pubsub.broadcast("t", "after");
      expect(late).toEqual(["after"]);
    });

    it("stops delivering after unsubscribe (idempotent) and counts live subscriptions", async () => {
      const pubsub = await newPubSub();
      const received: PubSubMessage[] = [];
      const subscription = await pubsub.subscribe("t", (message) => received.push(message));
      await pubsub.subscribe("u", () => {});
      expect(subscription.topic).toBe("t");
      expect(pubsub.subscriberCount()).toBe(2);
      expect(pubsub.subscriberCount("t")).toBe(1);
      await subscription.unsubscribe();
      await subscription.unsubscribe();
      await pubsub.broadcast("t", "gone");
      expect(received).toEqual([]);
      expect(pubsub.subscriberCount("t")).toBe(0);
      expect(pubsub.subscriberCount()).toBe(1);
    });

    it("keeps delivering to the others when one subscriber throws, and reports the error", async () => {
      const pubsub = await newPubSub();
      const received: PubSubMessage[] = [];
      await pubsub.subscribe("t", () => {
        throw new Error("subscriber bug");
      });
      await pubsub.subscribe("t", (message) => received.push(message));
      await pubsub.broadcast("t", "still delivered");
      expect(received).toEqual(["still delivered"]);
      expect(handlerErrors).toHaveLength(1);
      expect(handlerErrors[0]?.[1]).toBe("t");
    });

    it("delivers bytes anywhere in a message", async () => {
      const pubsub = await newPubSub();
      const received: PubSubMessage[] = [];
      await pubsub.subscribe("t", (message) => received.push(message));
      await pubsub.broadcast("t", new Uint8Array([0, 255]));
      await pubsub.broadcast("t", { nested: [{ bytes: new Uint8Array([7]) }] });
      expect(received).toEqual([new Uint8Array([0, 255]), { nested: [{ bytes: new Uint8Array([7]) }] }]);
    });

    it("rejects every call after close with CINDER_PUBSUB_CLOSED and delivers nothing more", async () => {
      const pubsub = await newPubSub();
      const received: PubSubMessage[] = [];
      const subscription = await pubsub.subscribe("t", (message) => received.push(message));
      await pubsub.close();
      expect(pubsub.subscriberCount()).toBe(0);
      await expect(pubsub.subscribe("t", () => {})).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
      await expect(pubsub.broadcast("t", 1)).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
      await expect(pubsub.broadcastFrom(subscription, "t", 1)).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
      await subscription.unsubscribe(); // still safe to call
      expect(received).toEqual([]);
    });
  });
}
