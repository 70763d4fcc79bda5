import { describe, expect, it } from "vitest";
import { Presence, type PresenceEntry, type PresenceState } from "@cinder/client";

/*
 * syncState / syncDiff / list with literal fixtures (spec §1.15), the semantics of the official
 * client: whole keys and single metas join and leave by phx_ref, joins before leaves, and key
 * maps without a prototype.
 */

type Meta = { name: string };
type Call = [kind: "join" | "leave", key: string, current: unknown, changed: unknown];

function recorder() {
  const calls: Call[] = [];
  return {
    calls,
    onJoin: (key: string, current: PresenceEntry<Meta> | undefined, joined: PresenceEntry<Meta>) => {
      calls.push(["join", key, current === undefined ? undefined : plain(current), plain(joined)]);
    },
    onLeave: (key: string, current: PresenceEntry<Meta>, left: PresenceEntry<Meta>) => {
      calls.push(["leave", key, plain(current), plain(left)]);
    },
  };
}

/** A snapshot (callbacks get live objects that later steps change). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const alice1 = { name: "Alice", phx_ref: "a1" };
const alice2 = { name: "Alice", phx_ref: "a2" };
const bob1 = { name: "Bob", phx_ref: "b1" };
const carol1 = { name: "Carol", phx_ref: "c1" };

describe("Presence.syncState", () => {
  it("joins every key of the first state", () => {
    const { calls, onJoin, onLeave } = recorder();
    const state = Presence.syncState<Meta>({}, { alice: { metas: [alice1] }, bob: { metas: [bob1] } }, onJoin, onLeave);
    expect(plain(state)).toEqual({ alice: { metas: [alice1] }, bob: { metas: [bob1] } });
    expect(calls).toEqual([
      ["join", "alice", undefined, { metas: [alice1] }],
      ["join", "bob", undefined, { metas: [bob1] }],
    ]);
  });

  it("leaves keys that are gone, and joins and leaves single metas of keys in both by phx_ref", () => {
    const { calls, onJoin, onLeave } = recorder();
    const current: PresenceState<Meta> = { alice: { metas: [alice1] }, bob: { metas: [bob1] } };
    const next: PresenceState<Meta> = { alice: { metas: [alice2] }, carol: { metas: [carol1] } };
    const state = Presence.syncState(current, next, onJoin, onLeave);
    expect(plain(state)).toEqual({ alice: { metas: [alice2] }, carol: { metas: [carol1] } });
    expect(calls).toEqual([
      ["join", "alice", { metas: [alice1] }, { metas: [alice2] }],
      ["join", "carol", undefined, { metas: [carol1] }],
      ["leave", "bob", { metas: [] }, { metas: [bob1] }],
      ["leave", "alice", { metas: [alice2] }, { metas: [alice1] }],
    ]);
  });

  it("reports nothing for a key whose metas did not change, and modifies neither argument", () => {
    const { calls, onJoin, onLeave } = recorder();
    const current: PresenceState<Meta> = { alice: { metas: [alice1] } };
    const next: PresenceState<Meta> = { alice: { metas: [alice1, alice2] } };
    const before = plain([current, next]);
    const state = Presence.syncState(current, next, onJoin, onLeave);
    expect(plain(state)).toEqual({ alice: { metas: [alice1, alice2] } });
    expect(calls).toEqual([["join", "alice", { metas: [alice1] }, { metas: [alice2] }]]);
    expect([current, next]).toEqual(before);
    calls.length = 0;
    Presence.syncState(state, plain(next), onJoin, onLeave);
    expect(calls).toEqual([]);
  });
});

describe("Presence.syncDiff", () => {
  it("puts a joining key's earlier metas before the new ones, without duplicating a ref", () => {
    const { calls, onJoin, onLeave } = recorder();
    const state = Presence.syncDiff<Meta>({ alice: { metas: [alice1] } }, { joins: { alice: { metas: [alice1, alice2] } }, leaves: {} }, onJoin, onLeave);
    expect(plain(state)).toEqual({ alice: { metas: [alice1, alice2] } });
    expect(calls).toEqual([["join", "alice", { metas: [alice1] }, { metas: [alice1, alice2] }]]);
  });

  it("removes leaving metas, tells onLeave what is left, and drops a key with no metas; unknown keys are ignored", () => {
    const { calls, onJoin, onLeave } = recorder();
    const state = Presence.syncDiff<Meta>(
      { alice: { metas: [alice1, alice2] }, bob: { metas: [bob1] } },
      { joins: {}, leaves: { alice: { metas: [alice1] }, bob: { metas: [bob1] }, nobody: { metas: [carol1] } } },
      onJoin,
      onLeave,
    );
    expect(plain(state)).toEqual({ alice: { metas: [alice2] } });
    expect(calls).toEqual([
      ["leave", "alice", { metas: [alice2] }, { metas: [alice1] }],
      ["leave", "bob", { metas: [] }, { metas: [bob1] }],
    ]);
  });

  it("applies an update (the old meta leaves, the new one joins) without the key ever leaving", () => {
    const { calls, onJoin, onLeave } = recorder();
    const updated = { name: "Alice (away)", phx_ref: "a3", phx_ref_prev: "a1" };
    const state = Presence.syncDiff<Meta>({ alice: { metas: [alice1] } }, { joins: { alice: { metas: [updated] } }, leaves: { alice: { metas: [alice1] } } }, onJoin, onLeave);
    expect(plain(state)).toEqual({ alice: { metas: [updated] } });
    expect(calls.map(([kind, , current]) => [kind, current])).toEqual([
      ["join", { metas: [alice1] }],
      ["leave", { metas: [updated] }],
    ]);
  });

  it("works without callbacks, updates a state without prototype in place, and copies any other", () => {
    const own = Presence.syncDiff<Meta>({}, { joins: { alice: { metas: [alice1] } }, leaves: {} });
    expect(Object.getPrototypeOf(own)).toBeNull();
    const again = Presence.syncDiff(own, { joins: { bob: { metas: [bob1] } }, leaves: {} });
    expect(again).toBe(own);
    const literal: PresenceState<Meta> = {};
    expect(Presence.syncDiff(literal, { joins: { bob: { metas: [bob1] } }, leaves: {} })).not.toBe(literal);
    expect(literal).toEqual({});
  });

  it("keeps keys such as __proto__ and constructor ordinary keys", () => {
    const diff = JSON.parse('{"joins":{"__proto__":{"metas":[{"name":"P","phx_ref":"p1"}]},"constructor":{"metas":[{"name":"C","phx_ref":"k1"}]}},"leaves":{}}');
    const state = Presence.syncDiff<Meta>({}, diff);
    expect(Object.getPrototypeOf(state)).toBeNull();
    expect(Object.keys(state)).toEqual(["__proto__", "constructor"]);
    expect(state["__proto__"]?.metas[0]?.name).toBe("P");
    expect(({} as Record<string, unknown>).metas).toBeUndefined();
    const left = Presence.syncState(state, JSON.parse('{"constructor":{"metas":[{"name":"C","phx_ref":"k1"}]}}'));
    expect(Object.keys(left)).toEqual(["constructor"]);
  });
});

describe("Presence.list", () => {
  it("maps the keys in order, with the presence or the chooser's pick", () => {
    const state: PresenceState<Meta> = { alice: { metas: [alice1, alice2] }, bob: { metas: [bob1] } };
    expect(Presence.list(state)).toEqual([{ metas: [alice1, alice2] }, { metas: [bob1] }]);
    expect(Presence.list(state, (key, { metas }) => `${key}×${metas.length}`)).toEqual(["alice×2", "bob×1"]);
  });
});
