import { context, type BuildContext, type BuildResult } from "esbuild";
import { assetBuildOptions } from "../build/asset-build.js";
import { formatMessages } from "../build/build-messages.js";
import type { ReportedError } from "../runtime/dev-server-link.js";
import { contentTypeOf } from "../runtime/static-files.js";

export interface BuiltAsset {
  readonly contents: Uint8Array;
  readonly contentType: string;
}

/** What one rebuild changed, for the browser: swap stylesheets, or reload the page. */
export type AssetChange = { readonly kind: "css"; readonly files: readonly string[] } | { readonly kind: "js"; readonly files: readonly string[] } | { readonly kind: "error"; readonly error: ReportedError };

/**
 * The app's browser entries in esbuild's watch mode, kept in memory with plain names (the page's
 * `/assets/app.css` stays the same URL). After each rebuild it reports which outputs really
 * changed — a save that leaves the bundle byte-identical (a comment in a type) reloads nothing.
 */
export class AssetWatcher {
  readonly files = new Map<string, BuiltAsset>();
  #context: BuildContext | undefined;
  #firstBuild: Promise<void> | undefined;
  #lastError: ReportedError | undefined;

  constructor(
    readonly entries: readonly string[],
    readonly root: string,
    readonly onChange: (change: AssetChange) => void,
  ) {}

  /** Builds once and keeps watching; resolves after the first build (failed or not). */
  async start(): Promise<void> {
    if (this.entries.length === 0) return;
    const outdir = `${this.root}/assets-dev-out`;
    let resolveFirst!: () => void;
    this.#firstBuild = new Promise((resolve) => (resolveFirst = resolve));
    let first = true;
    this.#context = await context({
      ...assetBuildOptions(this.entries, { outdir, production: false }),
      absWorkingDir: this.root,
      write: false,
      plugins: [
        {
          name: "cinder-dev-assets",
          setup: (build) => {
            build.onEnd((result) => {
              const change = this.#record(result, outdir);
              if (first) {
                first = false;
                resolveFirst();
              } else if (change !== undefined) this.onChange(change);
            });
          },
        },
      ],
    });
    await this.#context.watch();
    await this.#firstBuild;
  }

  /** The error of the last build, while it is not fixed. */
  get error(): ReportedError | undefined {
    return this.#lastError;
  }

  async stop(): Promise<void> {
    await this.#context?.dispose();
  }

  #record(result: BuildResult, outdir: string): AssetChange | undefined {
    if (result.errors.length > 0) {
      const first = result.errors[0];
      this.#lastError = {
        name: "Build error",
        message: first?.text ?? "the browser assets did not build",
        stack: formatMessages(result.errors),
        ...(first?.location ? { file: first.location.file, line: first.location.line, column: first.location.column + 1, frame: `> ${first.location.line} | ${first.location.lineText}` } : {}),
        context: "building the browser assets",
      };
      return { kind: "error", error: this.#lastError };
    }
    const hadError = this.#lastError !== undefined;
    this.#lastError = undefined;
    const changed: string[] = [];
    for (const output of result.outputFiles ?? []) {
      const name = output.path.slice(outdir.length + 1).split("\\").join("/");
      const previous = this.files.get(name);
      if (previous === undefined || !sameBytes(previous.contents, output.contents)) changed.push(name);
      this.files.set(name, { contents: output.contents, contentType: contentTypeOf(name) });
    }
    if (changed.length === 0 && !hadError) return undefined;
    // After a fixed error, reload: the page may run a stale bundle from before the error.
    if (changed.every((name) => name.endsWith(".css")) && !hadError) return { kind: "css", files: changed };
    return { kind: "js", files: changed };
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}
