/**
 * Node module hooks that run an app's TypeScript sources as they are, for `cinder dev` and
 * `cinder routes` (Node 20 cannot run `.ts` by itself). Registered with `module.register`, so
 * this file runs on Node's loader thread: it must stay small and import nothing of the app.
 *
 * - resolve: `./app.js` written in a `.ts` file means `./app.ts` when only that exists (the
 *   NodeNext convention the starter follows, same as tsc and esbuild). Every import between the
 *   app's own files is reported to the main thread, which keeps the module graph for hot swaps.
 * - Hot versions: a module imported as `x.ts?cinder-hot=N` is a fresh instance of `x.ts`; its
 *   imports of other files of hot version N (announced by the main thread first) get the same
 *   query, every other import resolves as usual — to the instance the app already runs.
 * - load: `.ts`/`.mts` files are transpiled by esbuild, one file at a time, with an inline
 *   source map, so stack traces point at the line you wrote.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { MessagePort } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";

interface ResolveContext {
  readonly parentURL?: string;
  readonly conditions: readonly string[];
}
interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;
interface LoadResult {
  readonly format: string;
  readonly source?: string | ArrayBuffer | Uint8Array;
  readonly shortCircuit?: boolean;
}
type NextLoad = (url: string, context: { readonly format?: string | null }) => Promise<LoadResult>;

/** Messages between this thread and the main thread's hot runtime. */
export type LoaderMessage =
  | { readonly type: "import"; readonly parent: string; readonly child: string }
  | { readonly type: "hot-version"; readonly version: number; readonly files: readonly string[] }
  | { readonly type: "hot-version-ready"; readonly version: number };

const TYPESCRIPT_FILE = /\.m?ts$/;
const JAVASCRIPT_SPECIFIER = /\.(m?)js$/;
const HOT_QUERY = /[?&]cinder-hot=(\d+)/;

let port: MessagePort | undefined;
/** Plain file URLs (no query) in each hot version. */
const hotVersions = new Map<number, ReadonlySet<string>>();

export function initialize(data: { port?: MessagePort } | undefined): void {
  port = data?.port;
  port?.on("message", (message: LoaderMessage) => {
    if (message.type !== "hot-version") return;
    hotVersions.set(message.version, new Set(message.files));
    port?.postMessage({ type: "hot-version-ready", version: message.version } satisfies LoaderMessage);
  });
  port?.unref();
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

function isAppFile(url: string): boolean {
  return url.startsWith("file:") && !url.includes("/node_modules/");
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const resolved = await resolveAsWritten(specifier, context, nextResolve);
  const parent = context.parentURL;
  if (parent === undefined || !isAppFile(parent) || !isAppFile(resolved.url)) return resolved;
  const child = withoutQuery(resolved.url);
  port?.postMessage({ type: "import", parent: withoutQuery(parent), child } satisfies LoaderMessage);
  const version = HOT_QUERY.exec(parent)?.[1];
  if (version !== undefined && hotVersions.get(Number(version))?.has(child)) return { ...resolved, url: `${child}?cinder-hot=${version}` };
  return resolved;
}

async function resolveAsWritten(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const parent = context.parentURL;
  if (parent !== undefined && parent.startsWith("file:") && TYPESCRIPT_FILE.test(withoutQuery(parent)) && /^\.{1,2}\//.test(specifier) && JAVASCRIPT_SPECIFIER.test(specifier)) {
    const asWritten = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(asWritten))) {
      const typescript = new URL(specifier.replace(JAVASCRIPT_SPECIFIER, ".$1ts"), parent);
      if (existsSync(fileURLToPath(typescript))) return nextResolve(typescript.href, context);
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url: string, context: { readonly format?: string | null }, nextLoad: NextLoad): Promise<LoadResult> {
  const path = withoutQuery(url);
  if (!path.startsWith("file:") || !TYPESCRIPT_FILE.test(path) || path.includes("/node_modules/")) return nextLoad(url, context);
  const file = fileURLToPath(path);
  const source = await readFile(file, "utf8");
  const output = await transform(source, {
    loader: "ts",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    sourcefile: file,
    // The app's tsconfig may say otherwise; these are what the starter uses and what Node needs.
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: false, useDefineForClassFields: true } },
  });
  return { format: "module", source: output.code, shortCircuit: true };
}
