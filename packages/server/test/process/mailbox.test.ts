import { describe, expect, it } from "vitest";
import { Mailbox } from "../../src/process/mailbox.js";

/** White-box tests of the mailbox the channel (and later LiveView) processes are built on. */
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Mailbox", () => {
  it("delivers in post order, one at a time, even when deliveries await different lengths", async () => {
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const mailbox = new Mailbox<{ name: string; waitMs: number }>(async ({ name, waitMs }) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`start ${name}`);
      await tick(waitMs);
      log.push(`end ${name}`);
      inFlight--;
    }, () => {});
    mailbox.post({ name: "a", waitMs: 20 });
    mailbox.post({ name: "b", waitMs: 0 });
    mailbox.post({ name: "c", waitMs: 5 });
    while (log.length < 6) await tick(5);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(maxInFlight).toBe(1);
  });

  it("delivers to an idle mailbox synchronously, and only queues a post made during a delivery", () => {
    const log: string[] = [];
    const mailbox: Mailbox<string> = new Mailbox((message) => {
      log.push(`start ${message}`);
      if (message === "outer") mailbox.post("inner");
      log.push(`end ${message}`);
    }, () => {});
    mailbox.post("outer");
    expect(log).toEqual(["start outer", "end outer", "start inner", "end inner"]);
  });

  it("reports a failing delivery and carries on with the next message", async () => {
    const failures: Array<[unknown, string | undefined]> = [];
    const delivered: string[] = [];
    const mailbox = new Mailbox<string>(
      async (message) => {
        if (message === "bad") throw new Error("bad message");
        delivered.push(message);
      },
      (error, message) => failures.push([error, message]),
    );
    mailbox.post("bad");
    mailbox.post("good");
    while (delivered.length === 0) await tick();
    expect(delivered).toEqual(["good"]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.[1]).toBe("bad");
  });

  it("stop() drops queued messages and runs its task after the delivery in flight, never during it", async () => {
    const log: string[] = [];
    let release!: () => void;
    const mailbox = new Mailbox<string>(async (message) => {
      log.push(`start ${message}`);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      log.push(`end ${message}`);
    }, () => {});
    mailbox.post("running");
    mailbox.post("queued");
    mailbox.stop(() => {
      log.push("stop task");
    });
    expect(mailbox.post("after stop")).toBe(false);
    expect(log).toEqual(["start running"]);
    release();
    while (!log.includes("stop task")) await tick();
    expect(log).toEqual(["start running", "end running", "stop task"]);
  });

  it("close() returns what was still queued and delivers nothing more", async () => {
    const delivered: string[] = [];
    let release!: () => void;
    const mailbox = new Mailbox<string>(async (message) => {
      delivered.push(message);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    }, () => {});
    mailbox.post("first");
    mailbox.post("second");
    mailbox.post("third");
    expect(mailbox.close()).toEqual(["second", "third"]);
    release();
    await tick();
    expect(delivered).toEqual(["first"]);
    expect(mailbox.isOpen).toBe(false);
  });

  it("keeps order across thousands of messages (queue compaction)", async () => {
    const seen: number[] = [];
    const mailbox = new Mailbox<number>(async (value) => {
      if (value % 500 === 0) await tick();
      seen.push(value);
    }, () => {});
    for (let value = 0; value < 5000; value++) mailbox.post(value);
    while (seen.length < 5000) await tick(5);
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, index) => index));
  });
});
