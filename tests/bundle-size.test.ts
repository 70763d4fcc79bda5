import { describe, expect, it } from "vitest";
import { liveAppEntries, measureBundle } from "./bench/lib/bundle-size.mjs";

/**
 * Issue 4 promises a client smaller than the official one. Sizes are deterministic for fixed
 * sources and tool versions, so this guard can live in the test suite (unlike timings).
 */
describe("the client bundle of a LiveView app", () => {
  it("is smaller on Cinder's client than on the official phoenix + phoenix_live_view, minified and gzipped", async () => {
    const cinder = await measureBundle(liveAppEntries.cinder);
    const official = await measureBundle(liveAppEntries.official);
    expect(cinder.minified).toBeLessThan(official.minified);
    expect(cinder.gzip).toBeLessThan(official.gzip);
  });
});
