import { relative } from "node:path";
import { parseArgs } from "node:util";
import { createApp, CreateAppError } from "./create-app.js";
import { initializeGit, installDependencies, type PackageManager } from "./finish-setup.js";
import { ask, canPrompt, confirm } from "./prompts.js";

export const USAGE = `Usage: npm create cinder@latest [folder] -- [options]

Creates a new Cinder app in [folder] (its name is the app's name).

Options:
  --yes, -y                 Take every default, ask nothing
  --overwrite               Empty the folder first if it has files (keeps .git)
  --package-manager <name>  npm (default) or pnpm
  --no-install              Do not install dependencies
  --no-git                  Do not create a git repository
  --help, -h                Show this help`;

/** The `create-cinder` command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const interactive = canPrompt() && values.yes !== true;
  const packageManager = values["package-manager"] ?? "npm";
  if (packageManager !== "npm" && packageManager !== "pnpm") {
    console.error(`--package-manager must be npm or pnpm, got "${packageManager}".`);
    return 1;
  }
  let target = positionals[0];
  if (positionals.length > 1) {
    console.error(`One folder at a time, got ${positionals.length}: ${positionals.join(" ")}.`);
    return 1;
  }
  if (target === undefined) {
    if (!interactive) {
      console.error(`Name the folder for the new app: npm create cinder@latest my-app\n\n${USAGE}`);
      return 1;
    }
    target = await ask("Name of the new app's folder:", "my-cinder-app");
  }
  let install = values.install !== false;
  if (install && interactive && values.install === undefined) install = await confirm(`Install dependencies with ${packageManager} now?`, true);

  let app: ReturnType<typeof createApp>;
  try {
    app = createApp({ targetDir: target, overwrite: values.overwrite === true, ...vendorOption(values["vendor-from"]) });
  } catch (error) {
    if (error instanceof CreateAppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  console.log(`Created ${app.displayName} in ${app.directory} (${app.files.length} files).`);

  const problems: string[] = [];
  if (install) {
    console.log(`Installing dependencies with ${packageManager}…`);
    const installed = installDependencies(app.directory, packageManager as PackageManager);
    if (!installed.ok) problems.push(`Dependencies are not installed: ${installed.detail}. Run \`${packageManager} install\` in the app's folder.`);
  }
  if (values.git !== false) {
    const git = initializeGit(app.directory);
    if (!git.ok) problems.push(`No git commit: ${git.detail}.`);
  }
  for (const problem of problems) console.warn(problem);
  const nearby = relative(process.cwd(), app.directory);
  const folder = nearby === "" ? "." : nearby.startsWith("..") ? app.directory : nearby;
  const run = packageManager === "npm" ? "npm run" : "pnpm";
  console.log(`
Next steps:
  cd ${folder.includes(" ") ? JSON.stringify(folder) : folder}${install && problems.every((problem) => !problem.startsWith("Dependencies")) ? "" : `\n  ${packageManager} install`}
  ${run} dev        # http://127.0.0.1:4000 — edit src/live/home-live.ts and watch it change
  ${packageManager} test         # the app's tests
  npx cinder gen live Profile   # a new page with its route and test`);
  return 0;
}

function parse(argv: readonly string[]) {
  // `--no-install` / `--no-git` by hand: parseArgs' allowNegative needs Node 20.16, we support 20.11.
  const negated = new Set<string>(argv.filter((arg) => arg === "--no-install" || arg === "--no-git"));
  const parsed = parseArgs({
    args: argv.filter((arg) => !negated.has(arg)),
    allowPositionals: true,
    options: {
      yes: { type: "boolean", short: "y" },
      overwrite: { type: "boolean" },
      "package-manager": { type: "string" },
      install: { type: "boolean" },
      git: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      // From a clone of the Cinder repository: depend on these packed tarballs (copied into the app).
      "vendor-from": { type: "string", multiple: true },
    },
  });
  const values = { ...parsed.values, ...(negated.has("--no-install") ? { install: false } : {}), ...(negated.has("--no-git") ? { git: false } : {}) };
  return { values, positionals: parsed.positionals };
}

function vendorOption(tarballs: string[] | undefined) {
  return tarballs === undefined || tarballs.length === 0 ? {} : { cinder: { kind: "vendor-from" as const, tarballs } };
}
