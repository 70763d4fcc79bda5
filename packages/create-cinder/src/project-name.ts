import { basename, resolve } from "node:path";

/**
 * npm's rules for a package name (the app's package.json `name`): lowercase, at most 214
 * characters, URL-safe, not starting with `.` or `_`. Returns the problem, or undefined.
 */
export function problemWithName(name: string): string | undefined {
  if (name === "") return "the name is empty";
  if (name.length > 214) return "the name is longer than 214 characters";
  if (name !== name.toLowerCase()) return "npm package names are lowercase";
  if (/^[._]/.test(name)) return "the name cannot start with . or _";
  if (!/^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name)) return "use lowercase letters, digits, '-', '.' and '_' only";
  if (["node_modules", "favicon.ico"].includes(name)) return `"${name}" is reserved`;
  return undefined;
}

/** The package name for a target folder: its last segment, as typed (`../My App` is refused, not renamed). */
export function packageNameOf(targetDir: string): string {
  return basename(resolve(targetDir));
}

/** `my-shop` → `My Shop`: what the header and the titles show. */
export function displayNameOf(packageName: string): string {
  const bare = packageName.replace(/^@[^/]+\//, "");
  return bare
    .split(/[-._~]+/)
    .filter((word) => word !== "")
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(" ");
}
