import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { AppToDevServerMessage, ReportedError } from "../runtime/dev-server-link.js";
import type { HotUpdateOutcome } from "./hot-runtime.js";

export interface AppProcessOptions {
  readonly serverEntry: string;
  readonly root: string;
  /** The environment the app runs with (the dev server's, with .env.development loaded). */
  readonly env: NodeJS.ProcessEnv;
  /** Every message the app sends besides `listening` (errors for the overlay). */
  onMessage(message: AppToDevServerMessage): void;
  /** The app exited on its own (a crash at start, or later). `output` is the end of its stderr. */
  onExit(code: number | null, output: string): void;
}

/** The end of the app's stderr kept for the overlay when it crashes: enough for a stack trace. */
const KEPT_STDERR_BYTES = 16 * 1024;

/**
 * One run of the app's server entry in a child process: its TypeScript sources loaded through
 * `@cinder/dev/register`, source maps on, listening on a free port of 127.0.0.1 that the dev
 * server proxies to. The child's stdout and stderr go to the terminal as they are.
 */
export class AppProcess {
  readonly #child: ChildProcess;
  readonly #ready: Promise<number>;
  #stderrTail = "";
  #nextHotId = 1;
  readonly #hotReplies = new Map<number, (outcome: HotUpdateOutcome) => void>();
  #stopping = false;

  constructor(options: AppProcessOptions) {
    const register = createRequire(import.meta.url).resolve("@cinder/dev/register");
    this.#child = fork(options.serverEntry, [], {
      cwd: options.root,
      execArgv: ["--enable-source-maps", "--import", pathToFileURL(register).href],
      env: { ...options.env, PORT: "0", HOST: "127.0.0.1", CINDER_DEV_SERVER: "1", CINDER_PROJECT_ROOT: options.root },
      stdio: ["inherit", "inherit", "pipe", "ipc"],
    });
    this.#child.stderr?.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.#stderrTail = (this.#stderrTail + chunk.toString("utf8")).slice(-KEPT_STDERR_BYTES);
    });
    this.#ready = new Promise((resolve, reject) => {
      this.#child.on("message", (raw: unknown) => {
        const message = (raw as { cinder?: AppToDevServerMessage } | null)?.cinder;
        if (message === undefined) return;
        if (message.type === "listening") resolve(message.port);
        else if (message.type === "hot-result") this.#hotReplies.get(message.id)?.(message.outcome as HotUpdateOutcome);
        else options.onMessage(message);
      });
      this.#child.once("exit", (code) => {
        reject(new AppExitedError(code, this.#stderrTail));
        if (!this.#stopping) options.onExit(code, this.#stderrTail);
      });
    });
    this.#ready.catch(() => undefined); // the exit is reported through onExit
  }

  /** The port the app listens on, once it does; rejects with AppExitedError if it exits first. */
  get ready(): Promise<number> {
    return this.#ready;
  }

  /**
   * Asks the app to swap `files` in place (see hot-runtime.ts). An app that does not answer in
   * time, or is gone, gets restarted like any other change.
   */
  hotUpdate(files: readonly string[], timeoutMs = 5_000): Promise<HotUpdateOutcome> {
    if (!this.#child.connected) return Promise.resolve({ kind: "restart", reason: "the app is not running" });
    const id = this.#nextHotId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ kind: "restart", reason: `the app did not answer the hot swap within ${timeoutMs} ms` }), timeoutMs);
      const finish = (outcome: HotUpdateOutcome): void => {
        clearTimeout(timer);
        this.#hotReplies.delete(id);
        resolve(outcome);
      };
      this.#hotReplies.set(id, finish);
      this.#child.send({ cinder: { type: "hot-update", id, files } });
    });
  }

  /** SIGTERM (the app closes its sockets with 1012, so browsers reconnect), SIGKILL after `graceMs`. */
  async stop(graceMs = 3_000): Promise<void> {
    this.#stopping = true;
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export class AppExitedError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`the app exited with code ${exitCode}`);
    this.name = "AppExitedError";
  }
}

/** The app crashed: what the overlay shows — its last error as Node printed it. */
export function crashReport(code: number | null, output: string): ReportedError {
  const lines = output.trim().split("\n");
  const errorLine = lines.find((line) => /^\w*(Error|Exception)\b.*:/.test(line.trim())) ?? lines.at(-1) ?? "";
  const location = /^(\/[^:\s]+):(\d+)/m.exec(output);
  return {
    name: "The app stopped",
    message: errorLine.trim() === "" ? `The server exited with code ${code} before it was ready.` : errorLine.trim(),
    stack: output.trim() === "" ? `exit code ${code}` : output.trim(),
    ...(location === null ? {} : { file: location[1], line: Number(location[2]) }),
    context: "starting the server",
  };
}
