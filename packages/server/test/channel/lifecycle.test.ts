import { describe, expect, it } from "vitest";
import { defineChannel, ok, type TerminateReason } from "@cinder/server";
import { deferred, startChannelServer, until } from "../support/test-server.js";

describe("leaving", () => {
  it("replies ok to phx_leave, then sends phx_close, then terminates with reason left", async () => {
    const terminated = deferred<TerminateReason>();
    const server = await startChannelServer(defineChannel({ join: () => ok(), handleIn: () => ok(), terminate: (reason) => terminated.resolve(reason) }));
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const leaveRef = client.push(joinRef, "room:lobby", "phx_leave");
    const leaveReply = await client.replyTo(leaveRef);
    const closed = await client.waitForText((frame) => frame.event === "phx_close", "phx_close");
    expect(leaveReply.raw).toBe(`["${joinRef}","${leaveRef}","room:lobby","phx_reply",{"status":"ok","response":{}}]`);
    expect(closed.raw).toBe(`["${joinRef}","${joinRef}","room:lobby","phx_close",{}]`);
    expect(client.indexOf(leaveReply)).toBeLessThan(client.indexOf(closed));
    expect(await terminated.promise).toBe("left");
  });

  it("replies ok to a leave on a topic that is not joined, and ignores a leave with a stale join_ref", async () => {
    const server = await startChannelServer(defineChannel({ join: () => ok(), handleIn: () => ok() }));
    const client = await server.connect();
    const unknownRef = client.push("77", "room:unknown", "phx_leave");
    expect((await client.replyTo(unknownRef)).raw).toBe(`["77","${unknownRef}","room:unknown","phx_reply",{"status":"ok","response":{}}]`);

    const { joinRef } = await client.join("room:lobby");
    const staleRef = client.push("999", "room:lobby", "phx_leave");
    const stillJoinedRef = client.push(joinRef, "room:lobby", "ping");
    await client.replyTo(stillJoinedRef);
    expect(client.textFrames().some((frame) => frame.ref === staleRef || frame.event === "phx_close")).toBe(false);
  });
});

describe("crashes", () => {
  it("errors only the crashing channel; its sibling and other sockets keep working", async () => {
    const terminated: TerminateReason[] = [];
    const server = await startChannelServer(
      defineChannel({
        join: () => ok(),
        async handleIn(event) {
          if (event === "crash") throw new Error("handler bug");
          if (event === "reject") await Promise.reject(new Error("async handler bug"));
          return ok({ event });
        },
        terminate: (reason) => {
          terminated.push(reason);
        },
      }),
    );
    const client = await server.connect();
    const other = await server.connect();
    const doomed = await client.join("room:doomed");
    const sibling = await client.join("room:sibling");
    const otherJoin = await other.join("room:doomed");

    client.push(doomed.joinRef, "room:doomed", "crash");
    const crashed = await client.waitForText((frame) => frame.event === "phx_error", "phx_error");
    expect(crashed.raw).toBe(`["${doomed.joinRef}","${doomed.joinRef}","room:doomed","phx_error",{"reason":"channel_crash"}]`);
    await until(() => terminated.includes("crashed"), "terminate(crashed)");
    const [logged] = server.logger.withCode("CINDER_USER_CALLBACK_FAILED");
    expect(logged?.fields).toMatchObject({ callback: "handleIn", topic: "room:doomed" });
    expect((logged?.fields.err as Error).message).toBe("handler bug");

    const siblingRef = client.push(sibling.joinRef, "room:sibling", "still alive");
    expect((await client.replyTo(siblingRef)).payload.response).toEqual({ event: "still alive" });
    const otherRef = other.push(otherJoin.joinRef, "room:doomed", "same topic elsewhere");
    expect((await other.replyTo(otherRef)).payload.response).toEqual({ event: "same topic elsewhere" });
    // The crashed channel is gone: the client rejoins it as the official client would.
    const afterCrash = client.push(doomed.joinRef, "room:doomed", "anyone?");
    expect((await client.replyTo(afterCrash)).payload.response).toEqual({ reason: "unmatched topic" });
    const rejoined = await client.join("room:doomed");
    expect(rejoined.reply.payload.status).toBe("ok");

    client.push(rejoined.joinRef, "room:doomed", "reject");
    await client.waitForText((frame) => frame.event === "phx_error" && frame.joinRef === rejoined.joinRef, "phx_error after a rejected promise");
  });

  it("logs a terminate that throws and carries on", async () => {
    const server = await startChannelServer(
      defineChannel({
        join: () => ok(),
        terminate() {
          throw new Error("cleanup failed");
        },
      }),
    );
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const leaveRef = client.push(joinRef, "room:lobby", "phx_leave");
    await client.replyTo(leaveRef);
    await until(() => server.logger.withCode("CINDER_USER_CALLBACK_FAILED").length === 1, "terminate failure logged");
    expect(server.logger.withCode("CINDER_USER_CALLBACK_FAILED")[0]?.fields.callback).toBe("terminate");
    expect((await client.join("room:lobby")).reply.payload.status).toBe("ok");
  });
});

describe("transport close", () => {
  it("terminates every channel with reason closed and releases their timers", async () => {
    const terminated: Array<[string, TerminateReason]> = [];
    const infos: string[] = [];
    const server = await startChannelServer(
      defineChannel({
        join(topic, payload, socket) {
          socket.sendAfter(Number(payload.tickAfterMs), topic);
          return ok();
        },
        handleInfo(message) {
          infos.push(String(message));
        },
        terminate(reason, socket) {
          terminated.push([socket.topic, reason]);
        },
      }),
    );
    const leaving = await server.connect();
    await leaving.join("room:a", { tickAfterMs: 30 });
    await leaving.join("room:b", { tickAfterMs: 30 });
    leaving.close();
    await until(() => terminated.length === 2, "both channels terminated");
    expect(terminated.sort()).toEqual([
      ["room:a", "closed"],
      ["room:b", "closed"],
    ]);

    // A timer scheduled later than the closed channels' timers fires; theirs must not have.
    const staying = await server.connect();
    await staying.join("room:sentinel", { tickAfterMs: 60 });
    await until(() => infos.includes("room:sentinel"), "sentinel timer");
    expect(infos).toEqual(["room:sentinel"]);
  });
});

describe("the channel mailbox", () => {
  it("handles one message at a time, in arrival order, even when handlers await", async () => {
    const log: string[] = [];
    const server = await startChannelServer(
      defineChannel({
        join: () => ok(),
        async handleIn(event, payload) {
          log.push(`start ${event}`);
          // Earlier messages wait longer: without a mailbox they would finish last.
          await new Promise((resolve) => setTimeout(resolve, (payload as { waitMs: number }).waitMs));
          log.push(`end ${event}`);
          return ok({ event });
        },
      }),
    );
    const client = await server.connect();
    const { joinRef } = await client.join("room:lobby");
    const refs = [
      client.push(joinRef, "room:lobby", "first", { waitMs: 30 }),
      client.push(joinRef, "room:lobby", "second", { waitMs: 10 }),
      client.push(joinRef, "room:lobby", "third", { waitMs: 0 }),
    ];
    const replies = await Promise.all(refs.map((ref) => client.replyTo(ref)));
    expect(log).toEqual(["start first", "end first", "start second", "end second", "start third", "end third"]);
    const positions = replies.map((frame) => client.indexOf(frame));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
