import { CinderDevError, devError } from "../dev-errors.js";
import { buildCommand } from "./build-command.js";
import { devCommand } from "./dev-command.js";
import { genCommand } from "./gen-command.js";
import { routesCommand } from "./routes-command.js";
import { secretCommand } from "./secret-command.js";
import { startCommand } from "./start-command.js";

export const USAGE = `Usage: cinder <command> [options]

Commands:
  dev               Run the app from its sources: restarts on server changes, live reload,
                    CSS without reload, error overlay (PORT, HOST; reads .env.development)
  build             Bundle server and assets into dist/ (digested, minified, source maps)
  start             Run the build in production (NODE_ENV=production; needs SECRET_KEY_BASE)
  routes            List live routes, HTTP routes, sockets and channels
  gen live <Name>   Write a LiveView, its route and its test (e.g. cinder gen live Profile)
  secret            Print a new random SECRET_KEY_BASE
  help              Show this help

Run inside your app's folder (the one with package.json).`;

type Command = (args: string[]) => Promise<void>;

const COMMANDS: Readonly<Record<string, Command>> = {
  dev: devCommand,
  build: buildCommand,
  start: startCommand,
  routes: routesCommand,
  gen: genCommand,
  secret: secretCommand,
};

/** The `cinder` command: one function per subcommand; user mistakes print their message and exit 1, without a stack. */
export async function main(argv: readonly string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    console.log(USAGE);
    return;
  }
  if (name === "--version" || name === "-v") {
    const { createRequire } = await import("node:module");
    console.log((createRequire(import.meta.url)("../../package.json") as { version: string }).version);
    return;
  }
  try {
    const command = COMMANDS[name];
    if (command === undefined) throw devError("CINDER_DEV_UNKNOWN_COMMAND", name);
    await command(args);
  } catch (error) {
    if (error instanceof CinderDevError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
