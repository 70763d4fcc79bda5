/**
 * The app process's side of `cinder dev`: the dev server runs the app as a child process with
 * an IPC channel and `CINDER_DEV_SERVER=1`. Everything the app tells it goes through here.
 */

/** Messages from the app process to the dev server. */
export type AppToDevServerMessage =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "error"; readonly error: ReportedError }
  | { readonly type: "hot-result"; readonly id: number; readonly outcome: unknown };

/** An error as the browser's overlay and the terminal show it. */
export interface ReportedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string;
  /** Where it happened in the app's own code (not node_modules), when the stack says. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** A few lines of source around `line`, numbered. */
  readonly frame?: string;
  /** What was running: "rendering HomeLive", "GET /counter". */
  readonly context?: string;
}

export function underDevServer(): boolean {
  return process.env["CINDER_DEV_SERVER"] === "1" && typeof process.send === "function";
}

export function notifyDevServer(message: AppToDevServerMessage): void {
  if (underDevServer()) process.send?.({ cinder: message });
}
