// Builds the browser bundles of @cinder/client with esbuild:
//   dist/bundle/cinder-client.mjs      ESM, dependencies included, for <script type="module"> and bundlers
//   dist/bundle/cinder-client.min.js   minified IIFE exposing `window.Cinder`
//   dist/bundle/cinder-client.d.mts    types of the ESM bundle: the package index's (same API)
// Sources are read through the `@cinder/source` condition, so no tsc output is needed first.
import { build } from "esbuild";
import { mkdir, writeFile } from "node:fs/promises";
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

// `@cinder/client/bundle` exports the same API as the package index; tsc emits the index's types
// (dist/index.d.ts), so the bundle's declaration only points there.
await mkdir(join(packageRoot, "dist/bundle"), { recursive: true });
await writeFile(
  join(packageRoot, "dist/bundle/cinder-client.d.mts"),
  '// Types of cinder-client.mjs, the ESM bundle of @cinder/client: the same API as the package index.\nexport * from "../index.js";\n',
);
