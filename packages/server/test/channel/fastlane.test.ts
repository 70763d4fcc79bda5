import { describe, expect, it } from "vitest";
import { createBroadcastEnvelope, prepareBroadcastFrame } from "../../src/channel/broadcast.js";

describe("fastlane frame preparation", () => {
  it("encodes a broadcast once and hands every subscriber the same bytes", () => {
    const envelope = createBroadcastEnvelope("new_msg", { body: "hi" });
    const first = prepareBroadcastFrame("room:lobby", envelope);
    const second = prepareBroadcastFrame("room:lobby", envelope);
    expect(second).toBe(first);
    expect(first.binary).toBe(false);
    expect(new TextDecoder().decode(first.data)).toBe('[null,null,"room:lobby","new_msg",{"body":"hi"}]');
  });

  it("never serves a frame prepared for another topic", () => {
    const envelope = createBroadcastEnvelope("e", {});
    prepareBroadcastFrame("a", envelope);
    expect(new TextDecoder().decode(prepareBroadcastFrame("b", envelope).data)).toBe('[null,null,"b","e",{}]');
  });
});
