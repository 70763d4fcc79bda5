// The benchmark suite: `npm run bench` builds the packages, then runs every suite here in its own
// Node process (with --expose-gc, so memory figures are taken after collection).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const suites = ["channels.mjs", "live-render.mjs", "bundle-size.mjs"];
let failed = false;
for (const suite of suites) {
  const result = spawnSync(process.execPath, ["--expose-gc", join(here, suite), ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
