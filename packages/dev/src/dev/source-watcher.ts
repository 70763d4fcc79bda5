import { watch, type FSWatcher } from "node:fs";
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Folders whose changes never concern the server: dependencies, builds, caches, VCS. */
const IGNORED_SEGMENTS = new Set(["node_modules", "dist", ".git", ".cinder", "coverage"]);
/** Editors save in bursts (write, rename, chmod): one restart for one save. */
const SETTLE_MS = 60;

export interface SourceWatcherOptions {
  readonly root: string;
  /** Folders below root to watch recursively (those that exist). */
  readonly folders: readonly string[];
  /** Single files below root (package.json, .env files). */
  readonly files: readonly string[];
  /** Called once per burst with every changed path (absolute). */
  onChange(paths: string[]): void;
}

/**
 * Watches the app's server sources with `fs.watch` (recursive on Linux since Node 20), folding
 * an editor's burst of events into one callback.
 */
export class SourceWatcher {
  readonly #watchers: FSWatcher[] = [];
  readonly #pending = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly options: SourceWatcherOptions) {
    for (const folder of options.folders) {
      const directory = join(options.root, folder);
      if (!existsSync(directory)) continue;
      this.#watchers.push(watch(directory, { recursive: true }, (_event, name) => name !== null && this.#noticed(join(directory, name.toString()))));
    }
    // Single files are watched through their folder: editors replace files, which ends a watch on the file itself.
    const wanted = new Set(options.files.map((file) => join(options.root, file)));
    this.#watchers.push(
      watch(options.root, (_event, name) => {
        if (name === null) return;
        const path = join(options.root, name.toString());
        if (wanted.has(path)) this.#noticed(path);
      }),
    );
  }

  #noticed(path: string): void {
    const parts = relative(this.options.root, path).split(sep);
    if (parts.some((part) => IGNORED_SEGMENTS.has(part)) || /(~|\.swp|\.tmp)$/.test(path)) return;
    this.#pending.add(path);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const paths = [...this.#pending];
      this.#pending.clear();
      this.options.onChange(paths);
    }, SETTLE_MS);
  }

  close(): void {
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
  }
}
