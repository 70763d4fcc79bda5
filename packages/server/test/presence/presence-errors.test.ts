import { describe, expect, it } from "vitest";
import { channelMessages } from "../../src/errors/channel-messages.js";
import { liveMessages } from "../../src/errors/live-messages.js";
import { presenceMessages } from "../../src/errors/presence-messages.js";
import { pubsubMessages } from "../../src/errors/pubsub-messages.js";
import { templateMessages } from "../../src/errors/template-messages.js";
import { tokenMessages } from "../../src/errors/token-messages.js";
import { errorMessage } from "../../src/errors/error-registry.js";

/* Presence's part of the one error registry: its own prefix, no code shared with another area. */

describe("Presence error codes", () => {
  const codes = Object.keys(presenceMessages);

  it("are all CINDER_PRESENCE_* and defined in no other area", () => {
    expect(codes.filter((code) => !/^CINDER_PRESENCE(_[A-Z0-9]+)+$/.test(code))).toEqual([]);
    const others = new Set([channelMessages, liveMessages, pubsubMessages, templateMessages, tokenMessages].flatMap((table) => Object.keys(table)));
    expect(codes.filter((code) => others.has(code))).toEqual([]);
  });

  it("are reachable through the registry", () => {
    expect(errorMessage("CINDER_PRESENCE_KEY_TOO_LONG", 300, 256)).toBe(
      "A presence key of 300 bytes is longer than limits.maxKeyBytes (256). Use a short id as the key and put the rest in the meta.",
    );
  });
});
