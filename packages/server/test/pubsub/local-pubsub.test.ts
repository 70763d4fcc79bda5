import { describe, expect, it } from "vitest";
import { LocalPubSub, type PubSubMessage } from "@cinder/server";

describe("LocalPubSub", () => {
  it("delivers to every subscriber of the topic, in broadcast order, and nothing to other topics", async () => {
    const pubsub = new LocalPubSub();
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

  it("broadcastFrom excludes exactly the given subscription", async () => {
    const pubsub = new LocalPubSub();
    const received: string[] = [];
    const sender = await pubsub.subscribe("t", () => received.push("sender"));
    await pubsub.subscribe("t", () => received.push("other"));
    await pubsub.broadcastFrom(sender, "t", "hello");
    expect(received).toEqual(["other"]);
  });

  it("delivers a broadcast made inside a handler after the current one has reached everyone", async () => {
    const pubsub = new LocalPubSub();
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
    const pubsub = new LocalPubSub();
    const late: PubSubMessage[] = [];
    await pubsub.subscribe("t", () => {
      void pubsub.subscribe("t", (message) => late.push(message));
    });
    await pubsub.broadcast("t", "before the late subscription");
    expect(late).toEqual([]);
    await pubsub.broadcast("t", "after");
    expect(late).toEqual(["after"]);
  });

  it("stops delivering after unsubscribe and counts live subscriptions", async () => {
    const pubsub = new LocalPubSub();
    const received: PubSubMessage[] = [];
    const subscription = await pubsub.subscribe("t", (message) => received.push(message));
    await pubsub.subscribe("u", () => {});
    expect(pubsub.subscriberCount()).toBe(2);
    expect(pubsub.subscriberCount("t")).toBe(1);
    await subscription.unsubscribe();
    await subscription.unsubscribe(); // idempotent
    await pubsub.broadcast("t", "gone");
    expect(received).toEqual([]);
    expect(pubsub.subscriberCount("t")).toBe(0);
    expect(pubsub.subscriberCount()).toBe(1);
  });

  it("keeps delivering to the others when one subscriber throws, and reports the error", async () => {
    const errors: Array<[unknown, string]> = [];
    const pubsub = new LocalPubSub({ onHandlerError: (error, topic) => errors.push([error, topic]) });
    const received: PubSubMessage[] = [];
    await pubsub.subscribe("t", () => {
      throw new Error("subscriber bug");
    });
    await pubsub.subscribe("t", (message) => received.push(message));
    await pubsub.broadcast("t", "still delivered");
    expect(received).toEqual(["still delivered"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[1]).toBe("t");
  });

  it("rejects every call after close with CINDER_PUBSUB_CLOSED", async () => {
    const pubsub = new LocalPubSub();
    await pubsub.subscribe("t", () => {});
    await pubsub.close();
    expect(pubsub.subscriberCount()).toBe(0);
    await expect(pubsub.subscribe("t", () => {})).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
    await expect(pubsub.broadcast("t", 1)).rejects.toMatchObject({ code: "CINDER_PUBSUB_CLOSED" });
  });
});
