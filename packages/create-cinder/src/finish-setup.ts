import { spawnSync } from "node:child_process";

export type PackageManager = "npm" | "pnpm";

export interface StepResult {
  readonly ok: boolean;
  /** What went wrong, for the summary. */
  readonly detail?: string;
}

/**
 * Installs the app's dependencies with the chosen package manager, its output shown as it runs.
 * A failed install is reported, not thrown: the app is written and the user can retry.
 */
export function installDependencies(directory: string, packageManager: PackageManager): StepResult {
  const command = packageManager === "npm" ? ["npm", ["install", "--no-audit", "--no-fund"]] : ["pnpm", ["install"]];
  const result = spawnSync(command[0] as string, command[1] as string[], { cwd: directory, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error !== undefined) return { ok: false, detail: `${packageManager} could not be run (${result.error.message})` };
  return result.status === 0 ? { ok: true } : { ok: false, detail: `${packageManager} install exited with code ${result.status}` };
}

/**
 * `git init` and a first commit, like create-next-app. No git, or no git identity, is not an
 * error: the repository is just left without its first commit, and the summary says so.
 */
export function initializeGit(directory: string): StepResult {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: directory, encoding: "utf8" });
  if (git("--version").error !== undefined) return { ok: false, detail: "git is not installed" };
  if (git("rev-parse", "--is-inside-work-tree").status === 0) return { ok: false, detail: "the folder is already inside a git repository" };
  if (git("init", "--quiet").status !== 0) return { ok: false, detail: "git init failed" };
  git("add", "-A");
  const commit = git("commit", "--quiet", "-m", "Initial commit from create-cinder");
  if (commit.status !== 0) return { ok: false, detail: "git init done, but the first commit failed (set user.name and user.email with git config)" };
  return { ok: true };
}
