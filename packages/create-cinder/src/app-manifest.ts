/** How the new app depends on Cinder's packages. */
export type CinderDependencies =
  /** From the npm registry, at this version range (e.g. `^0.1.0`). */
  | { readonly kind: "registry"; readonly range: string }
  /** From tarballs copied into the app (`file:vendor/cinder/…`), for a clone of the repository without a registry release. */
  | { readonly kind: "vendored"; readonly tarballs: Readonly<Record<string, string>> };

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  description?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The template's package.json made the app's: its name, a first version, and every
 * `workspace:` range (the template lives in Cinder's workspace) replaced by what a user installs.
 * Vendored tarballs are also pinned with `overrides`, so the packages' dependencies on each other
 * resolve to the same tarballs and npm never asks the registry for them.
 */
export function appManifest(templateManifest: string, name: string, cinder: CinderDependencies): string {
  const manifest = JSON.parse(templateManifest) as Manifest;
  const result: Manifest = { name, version: "0.1.0", private: true, description: `${name}: a Cinder app.` };
  for (const [key, value] of Object.entries(manifest)) if (!(key in result)) result[key] = value;
  for (const field of ["dependencies", "devDependencies"] as const) {
    const dependencies = manifest[field];
    if (dependencies === undefined) continue;
    result[field] = Object.fromEntries(Object.entries(dependencies).map(([dependency, range]) => [dependency, rewriteRange(dependency, range, cinder)]));
  }
  if (cinder.kind === "vendored") result.overrides = { ...manifest.overrides, ...Object.fromEntries(Object.entries(cinder.tarballs).map(([dependency, file]) => [dependency, `file:${file}`])) };
  return `${JSON.stringify(result, null, 2)}\n`;
}

function rewriteRange(dependency: string, range: string, cinder: CinderDependencies): string {
  if (!range.startsWith("workspace:")) return range;
  if (cinder.kind === "registry") return cinder.range;
  const tarball = cinder.tarballs[dependency];
  if (tarball === undefined) throw new Error(`the template depends on ${dependency}, but no tarball of it was given to vendor`);
  return `file:${tarball}`;
}
