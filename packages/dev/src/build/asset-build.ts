import { basename, extname, join, relative } from "node:path";
import type { BuildOptions, Metafile } from "esbuild";

/** Maps an entry's public name (`app.js`) to its built file under `/assets/` (`app-5XK2QW.js`). */
export type AssetManifest = Readonly<Record<string, string>>;

/** The manifest's file name inside `<outDir>` (beside `static/`, so it is not served); the assets plugin reads it in production. */
export const MANIFEST_FILE = "cinder-manifest.json";

/** The URL prefix every built asset is served under. */
export const ASSETS_URL_PREFIX = "/assets/";

/** `assets/app.ts` → `app.js`, `assets/app.css` → `app.css`: the name layouts ask `assets.url()` for. */
export function assetNameOf(entry: string): string {
  const extension = extname(entry);
  const stem = basename(entry, extension);
  return extension === ".css" ? `${stem}.css` : `${stem}.js`;
}

/**
 * esbuild options shared by every asset build: browser ESM, one file per entry, CSS and the files
 * it references (fonts, images) bundled. Production digests every name and minifies; dev keeps
 * plain names so that `/assets/app.js` stays the same URL across rebuilds.
 */
export function assetBuildOptions(entries: readonly string[], options: { outdir: string; production: boolean }): BuildOptions {
  return {
    entryPoints: [...entries],
    outdir: options.outdir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    entryNames: options.production ? "[name]-[hash]" : "[name]",
    assetNames: options.production ? "[name]-[hash]" : "[name]",
    loader: { ".svg": "file", ".png": "file", ".jpg": "file", ".webp": "file", ".woff2": "file", ".woff": "file" },
    minify: options.production,
    sourcemap: options.production ? "linked" : "inline",
    metafile: true,
    legalComments: options.production ? "linked" : "none",
    logLevel: "silent",
  };
}

/** The manifest of one build: each entry's public name → its output file name, from esbuild's metafile. */
export function manifestFromMetafile(metafile: Metafile, outdir: string, root: string): AssetManifest {
  const manifest: Record<string, string> = {};
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (info.entryPoint === undefined || output.endsWith(".map")) continue;
    const outputName = relative(outdir, join(root, output)).split("\\").join("/");
    manifest[assetNameOf(info.entryPoint)] = outputName;
  }
  return manifest;
}
