// Client bundle size: a LiveView app's bundle on Cinder's client vs on the official phoenix +
// phoenix_live_view clients, built the same way in the same run.
//
//   node tests/bench/bundle-size.mjs
import { liveAppEntries, measureBundle } from "./lib/bundle-size.mjs";
import { report } from "./lib/harness.mjs";

const cinder = await measureBundle(liveAppEntries.cinder);
const official = await measureBundle(liveAppEntries.official);
const rows = {};
for (const key of ["minified", "gzip", "brotli"]) {
  rows[`${key} bytes`] = { cinder: cinder[key], "official phoenix + phoenix_live_view": official[key], ratio: Math.round((cinder[key] / official[key]) * 100) / 100 };
}
report("bundle-size: a LiveView app's client bundle (esbuild, minified)", rows);
