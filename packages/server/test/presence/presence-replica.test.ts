import { describe, expect, it } from "vitest";
import { PresenceChanges, PresenceReplica, type ReplicaEntry } from "../../src/presence/presence-replica.js";
import { decodeReplicationMessage, decodeStoredState, encodeReplicationMessage, storedField } from "../../src/presence/presence-replication.js";

/*
 * White-box: the replica every node keeps, and the decoding of what other nodes (or anything
 * else on Redis) send it. The diffs clients receive are exactly the replica's changes.
 */

function entry(node: string, topic: string, key: string, ref: string, extra: Record<string, string> = {}): ReplicaEntry {
  return { node, topic, key, ref, meta: { ...extra, phx_ref: ref } };
}

function diffsOf(changes: PresenceChanges): unknown {
  return JSON.parse(JSON.stringify([...changes.diffs()]));
}

describe("PresenceReplica", () => {
  it("groups metas by topic and key, in arrival order, across nodes", () => {
    const replica = new PresenceReplica();
    const changes = new PresenceChanges();
    replica.add(entry("a", "room:1", "alice", "a.1"), changes);
    replica.add(entry("b", "room:1", "alice", "b.1"), changes);
    replica.add(entry("b", "room:2", "bob", "b.2"), changes);
    expect(JSON.parse(JSON.stringify(replica.list("room:1")))).toEqual({ alice: { metas: [{ phx_ref: "a.1" }, { phx_ref: "b.1" }] } });
    expect(diffsOf(changes)).toEqual([
      ["room:1", { joins: { alice: { metas: [{ phx_ref: "a.1" }, { phx_ref: "b.1" }] } }, leaves: {} }],
      ["room:2", { joins: { bob: { metas: [{ phx_ref: "b.2" }] } }, leaves: {} }],
    ]);
  });

  it("ignores a ref it already holds, and a leave of a ref another node holds", () => {
    const replica = new PresenceReplica();
    const changes = new PresenceChanges();
    expect(replica.add(entry("a", "t", "k", "r1"), changes)).toBe(true);
    expect(replica.add(entry("b", "t", "k", "r1"), new PresenceChanges())).toBe(false);
    const leaves = new PresenceChanges();
    expect(replica.remove("b", "r1", leaves)).toBeUndefined();
    expect(leaves.isEmpty).toBe(true);
    expect(replica.size).toBe(1);
  });

  it("replaces one node's part with a snapshot: only what differs joins or leaves", () => {
    const replica = new PresenceReplica();
    replica.add(entry("a", "t", "kept", "a.1"), new PresenceChanges());
    replica.add(entry("a", "t", "gone", "a.2"), new PresenceChanges());
    replica.add(entry("b", "t", "other", "b.1"), new PresenceChanges());
    const changes = new PresenceChanges();
    replica.replaceNode("a", [entry("a", "t", "kept", "a.1"), entry("a", "t", "new", "a.3")], changes);
    expect(diffsOf(changes)).toEqual([["t", { joins: { new: { metas: [{ phx_ref: "a.3" }] } }, leaves: { gone: { metas: [{ phx_ref: "a.2" }] } } }]]);
    expect(Object.keys(replica.list("t"))).toEqual(["kept", "other", "new"]);
  });

  it("removes everything of a node at once, and reports how much left", () => {
    const replica = new PresenceReplica();
    replica.add(entry("a", "t", "k", "a.1"), new PresenceChanges());
    replica.add(entry("a", "u", "k", "a.2"), new PresenceChanges());
    replica.add(entry("b", "t", "k", "b.1"), new PresenceChanges());
    const changes = new PresenceChanges();
    expect(replica.removeNode("a", changes)).toBe(2);
    expect(replica.nodeIds()).toEqual(["b"]);
    expect(diffsOf(changes)).toEqual([
      ["t", { joins: {}, leaves: { k: { metas: [{ phx_ref: "a.1" }] } } }],
      ["u", { joins: {}, leaves: { k: { metas: [{ phx_ref: "a.2" }] } } }],
    ]);
    expect(replica.list("u")).toEqual({});
  });

  it("keeps __proto__ an ordinary key in lists and diffs", () => {
    const replica = new PresenceReplica();
    const changes = new PresenceChanges();
    replica.add(entry("a", "t", "__proto__", "a.1"), changes);
    const list = replica.list("t");
    expect(Object.getPrototypeOf(list)).toBeNull();
    expect(Object.keys(list)).toEqual(["__proto__"]);
    const [[, diff]] = [...changes.diffs()] as unknown as [[string, { joins: object }]];
    expect(Object.keys(diff.joins)).toEqual(["__proto__"]);
  });
});

describe("replication messages and stored state", () => {
  it("round-trips every kind of message", () => {
    const join = entry("node-a", "room:1", "alice", "node-a.1", { name: "A" });
    const messages = [
      { kind: "changes", node: "node-a", version: 3, operations: [{ kind: "join", entry: join }, { kind: "leave", topic: "room:1", key: "bob", ref: "node-a.0" }] },
      { kind: "published", node: "node-a", version: 4 },
      { kind: "gone", node: "node-a" },
    ] as const;
    for (const message of messages) expect(decodeReplicationMessage(encodeReplicationMessage(message))).toEqual(message);
  });

  it.each([
    ["a string", "hello"],
    ["an object of someone else", { event: "new_msg" }],
    ["no node", { tag: "cinder.presence/1", kind: "gone" }],
    ["a version of zero", { tag: "cinder.presence/1", kind: "published", node: "a", version: 0 }],
    ["an unknown operation", { tag: "cinder.presence/1", kind: "changes", node: "a", version: 2, operations: [["x", "t", "k", "r"]] }],
    ["a join without phx_ref", { tag: "cinder.presence/1", kind: "changes", node: "a", version: 2, operations: [["j", "t", "k", { name: "A" }]] }],
    ["a meta with bytes", { tag: "cinder.presence/1", kind: "changes", node: "a", version: 2, operations: [["j", "t", "k", { phx_ref: "r", b: new Uint8Array(1) }]] }],
  ])("refuses %s", (_what, message) => {
    expect(typeof decodeReplicationMessage(message as never)).toBe("string");
  });

  it("reads a node's hash back, counting fields that are not Cinder's", () => {
    const stored = entry("node-a", "room:1", "alice", "node-a.1", { name: "A" });
    const reply = ["v", "7", ...storedField(stored), "p:node-a.2", "not json", "p:node-a.3", JSON.stringify(["t", "k", { phx_ref: "another-ref" }]), "junk", "x"];
    expect(decodeStoredState("node-a", reply)).toEqual({ version: 7, entries: [stored], malformedFields: 3 });
    expect(decodeStoredState("node-a", [])).toBeUndefined();
    expect(decodeStoredState("node-a", ["p:x", "y"])).toBeUndefined();
  });
});
