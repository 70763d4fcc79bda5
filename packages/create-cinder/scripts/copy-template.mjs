// Copies apps/starter into template/ (git-ignored), which the published package ships: the
// starter stays one real app in the repository, tested in CI as it stands, and create-cinder
// emits exactly that. Runs as part of the workspace build (`npm run build`).
import { cpSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

const starter = fileURLToPath(new URL("../../../apps/starter/", import.meta.url));
const template = fileURLToPath(new URL("../template/", import.meta.url));
const SKIPPED = new Set(["node_modules", "dist", ".cinder", ".cache", "coverage", ".env.local"]);

rmSync(template, { recursive: true, force: true });
cpSync(starter, template, {
  recursive: true,
  filter: (source) => !SKIPPED.has(basename(source)) && !source.endsWith(".tsbuildinfo"),
});
