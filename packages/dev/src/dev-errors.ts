/**
 * The error registry of @cinder/dev: every error a user can cause with the `cinder` command or
 * the runtime helpers has a stable code here and a message that says what to do. Codes are
 * never reused or renamed. The CLI prints `message` and exits 1; programmatic callers can
 * switch on `code`.
 */
const messages = {
  CINDER_DEV_NOT_A_PROJECT: (root: string) => `${root} has no package.json: run cinder inside your app's folder (the one created by \`npm create cinder\`).`,
  CINDER_DEV_INVALID_CONFIG: (file: string, problem: string) => `${file}: ${problem}.`,
  CINDER_DEV_MISSING_ENTRY: (what: string, file: string) =>
    `The ${what} ${file} does not exist. Create it, or point "cinder.${what === "server entry" ? "server" : "app"}" in package.json at yours.`,
  CINDER_DEV_INVALID_ENV_FILE: (file: string, line: number, problem: string) => `${file}:${line}: ${problem}. Lines look like NAME=value (# starts a comment).`,
  CINDER_DEV_SECRET_MISSING: () =>
    "SECRET_KEY_BASE is not set. In production every cookie and token is signed with it, so Cinder refuses to start without one. " +
    "Generate one with `npx cinder secret` and set it in the environment (the same value on every node, kept across deploys).",
  CINDER_DEV_SECRET_WEAK: (problem: string) =>
    `SECRET_KEY_BASE ${problem}. Anyone who guesses it can forge sessions. Generate a strong one with \`npx cinder secret\` and set it in the environment.`,
  CINDER_DEV_NO_BUILD: (file: string) => `${file} does not exist: run \`npx cinder build\` (npm run build) before \`cinder start\`.`,
  CINDER_DEV_BUILD_FAILED: (summary: string) => `The build failed:\n${summary}`,
  CINDER_DEV_UNKNOWN_ASSET: (name: string, known: string) => `No asset named "${name}". The asset entries are: ${known}. Asset names are entry file names with .js or .css (assets/app.ts → "app.js").`,
  CINDER_DEV_PORT_IN_USE: (address: string, port: number) =>
    `Port ${port} is already in use on ${address}: another server (maybe another \`npm run dev\`) is listening there. Stop it, or pick another port: PORT=${port + 1} npm run dev`,
  CINDER_DEV_PORT_DENIED: (address: string, port: number) => `Not allowed to listen on ${address}:${port}. Ports below 1024 need special rights; pick another one, e.g. PORT=4000.`,
  CINDER_DEV_NO_CREATE_APP: (file: string) =>
    `${file} does not export createApp(). \`cinder routes\` imports your app module and calls its createApp export to list the routes.`,
  CINDER_DEV_UNKNOWN_COMMAND: (command: string) => `Unknown command "${command}". Run \`npx cinder help\` for the list.`,
  CINDER_DEV_INVALID_ARGUMENT: (problem: string) => `${problem}. Run \`npx cinder help\` for usage.`,
  CINDER_DEV_GENERATOR_CONFLICT: (file: string) => `${file} already exists; nothing was written. Pick another name or remove the file.`,
  CINDER_DEV_GENERATOR_NO_ROUTES: (file: string) =>
    `Could not find where to add the route in ${file}: it needs a \`routes: {\` object inside liveSessions (as the starter has). Add the route by hand.`,
} as const;

/** Every stable code of @cinder/dev. */
export type DevErrorCode = keyof typeof messages;

/** The one error class of @cinder/dev: a stable `code` and a message that says what to do. */
export class CinderDevError extends Error {
  readonly code: DevErrorCode;

  constructor(code: DevErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "CinderDevError";
    this.code = code;
  }
}

type MessageArguments<Code extends DevErrorCode> = Parameters<(typeof messages)[Code]>;

export function devErrorMessage<Code extends DevErrorCode>(code: Code, ...args: MessageArguments<Code>): string {
  const template = messages[code] as (...values: unknown[]) => string;
  return `${template(...args)} [${code}]`;
}

export function devError<Code extends DevErrorCode>(code: Code, ...args: MessageArguments<Code>): CinderDevError {
  return new CinderDevError(code, devErrorMessage(code, ...args));
}
