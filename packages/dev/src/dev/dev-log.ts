import type { ReportedError } from "../runtime/dev-server-link.js";

/**
 * What `cinder dev` itself says in the terminal: where the app is, what a save did, errors once
 * (the same error reported twice in a row — e.g. by the watcher and the restart — prints once).
 */
export class DevLog {
  #lastError = "";
  readonly #out: { write(text: string): unknown };
  readonly #color: boolean;

  constructor(out: { write(text: string): unknown; isTTY?: boolean } = process.stdout) {
    this.#out = out;
    this.#color = out.isTTY === true && process.env["NO_COLOR"] === undefined;
  }

  #paint(code: number, text: string): string {
    return this.#color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  #line(text: string): void {
    this.#out.write(`${this.#paint(90, new Date().toTimeString().slice(0, 8))} ${this.#paint(33, "[cinder]")} ${text}\n`);
  }

  ready(url: string, milliseconds: number): void {
    this.#line(`dev server ready in ${Math.round(milliseconds)} ms: ${this.#paint(1, url)}`);
  }

  restarted(changed: string, milliseconds: number): void {
    this.#lastError = "";
    this.#line(`${changed} changed: server restarted in ${Math.round(milliseconds)} ms`);
  }

  hotSwapped(changed: string, views: readonly string[], milliseconds: number): void {
    this.#lastError = "";
    this.#line(`${changed} changed: ${views.join(", ")} re-rendered in place in ${Math.round(milliseconds)} ms (state kept)`);
  }

  note(text: string): void {
    this.#line(text);
  }

  assets(files: readonly string[], what: "swapped" | "reloaded"): void {
    this.#lastError = "";
    this.#line(`${files.join(", ")} rebuilt: ${what === "swapped" ? "stylesheets swapped" : "pages reloaded"}`);
  }

  error(error: ReportedError): void {
    const text = `${error.name}${error.context === undefined ? "" : ` while ${error.context}`}: ${error.message}${error.file === undefined ? "" : `\n  at ${error.file}:${error.line ?? "?"}`}${error.frame === undefined ? "" : `\n${error.frame}`}`;
    if (text === this.#lastError) return;
    this.#lastError = text;
    this.#line(this.#paint(31, text));
  }
}
