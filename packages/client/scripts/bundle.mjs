// Builds the browser bundles of @cinder/client with esbuild:
//   dist/bundle/cinder-client.mjs      ESM, dependencies included, for <script type="module"> and bundlers
//   dist/bundle/cinder-client.min.js   minified IIFE exposing `window.Cinder`
// Sources are read through the `@cinder/source` condition, so no tsc output is needed first.
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = {
  entryPoints: [join(packageRoot, "src/index.ts")],
  bundle: true,
  conditions: ["@cinder/source"],
  target: "es2022",
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
};

await build({ ...common, format: "esm", outfile: join(packageRoot, "dist/bundle/cinder-client.mjs") });
await build({ ...common, format: "iife", globalName: "Cinder", minify: true, outfile: join(packageRoot, "dist/bundle/cinder-client.min.js") });
