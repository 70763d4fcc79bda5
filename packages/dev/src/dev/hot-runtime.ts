import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { MessagePort } from "node:worker_threads";
import type { LoaderMessage } from "../loader/typescript-hooks.js";
import type { ReportedError } from "../runtime/dev-server-link.js";
import { describeError } from "../runtime/source-frame.js";
import { planHotSwap, type ModuleNamespace, type ViewKinds } from "./hot-plan.js";

/** From the dev server: these files changed (and compile). */
export interface HotUpdateRequest {
  readonly type: "hot-update";
  readonly id: number;
  readonly files: readonly string[];
}

/** To the dev server: what the app did with a hot update. */
export type HotUpdateOutcome =
  | { readonly kind: "swapped"; readonly views: readonly string[]; readonly rerendered: number }
  | { readonly kind: "unused" }
  | { readonly kind: "restart"; readonly reason: string }
  | { readonly kind: "error"; readonly error: ReportedError };

interface ServerDevtools {
  enableHotSwap(): void;
  swapLiveView(current: unknown, next: unknown): number;
  swapLiveComponent(current: unknown, next: unknown): number;
}

/**
 * The app process's half of render hot swap (the dev server decides when to ask). It keeps the
 * module graph the loader thread reports, and on a change imports fresh copies of the changed
 * files and of the view modules above them — sharing every other module with the running app,
 * so stores and connections stay as they are — then swaps the new view code into the running
 * LiveViews with @cinder/server's devtools hook. Anything it cannot swap safely is a restart.
 */
export function startHotRuntime(loaderPort: MessagePort): void {
  const root = process.env["CINDER_PROJECT_ROOT"] ?? process.cwd();
  const importers = new Map<string, Set<string>>();
  let nextVersion = 1;
  const versionsReady = new Map<number, () => void>();
  loaderPort.on("message", (message: LoaderMessage) => {
    if (message.type === "import") {
      let parents = importers.get(message.child);
      if (parents === undefined) importers.set(message.child, (parents = new Set()));
      parents.add(message.parent);
    } else if (message.type === "hot-version-ready") versionsReady.get(message.version)?.();
  });

  // The app's own @cinder/server, not a copy this package might have: the swap must reach its views.
  const fromApp = createRequire(join(root, "package.json"));
  const serverModules = Promise.all([import(pathToFileURL(fromApp.resolve("@cinder/server")).href), import(pathToFileURL(fromApp.resolve("@cinder/server/devtools")).href)]).then(
    ([server, devtools]) => {
      (devtools as ServerDevtools).enableHotSwap();
      return { kinds: { LiveView: server.LiveView, LiveComponent: server.LiveComponent } as ViewKinds, devtools: devtools as ServerDevtools };
    },
  );
  serverModules.catch(() => undefined); // an app without @cinder/server restarts on every change

  async function announceVersion(version: number, files: readonly string[]): Promise<void> {
    const ready = new Promise<void>((resolve) => versionsReady.set(version, resolve));
    loaderPort.postMessage({ type: "hot-version", version, files } satisfies LoaderMessage);
    await ready;
    versionsReady.delete(version);
  }

  async function update(files: readonly string[]): Promise<HotUpdateOutcome> {
    let server: Awaited<typeof serverModules>;
    try {
      server = await serverModules;
    } catch {
      return { kind: "restart", reason: "the app does not use @cinder/server's LiveViews" };
    }
    const load = (url: string): Promise<ModuleNamespace> => import(url) as Promise<ModuleNamespace>;
    const plan = await planHotSwap(files.map((file) => pathToFileURL(file).href), { importers, load, kinds: server.kinds });
    if (plan.kind !== "swap") return plan;
    const version = nextVersion++;
    await announceVersion(version, plan.modules);
    const views: string[] = [];
    let rerendered = 0;
    for (const boundary of plan.boundaries) {
      let fresh: ModuleNamespace;
      try {
        fresh = await load(`${boundary}?cinder-hot=${version}`);
      } catch (error) {
        return { kind: "error", error: describeError(error, root, "loading the changed code") };
      }
      const current = await load(boundary);
      const swaps = planSwapsOf(current, fresh, server.kinds);
      if (typeof swaps === "string") return { kind: "restart", reason: swaps };
      for (const swap of swaps) {
        rerendered += swap.kind === "view" ? server.devtools.swapLiveView(swap.current, swap.next) : server.devtools.swapLiveComponent(swap.current, swap.next);
        views.push(swap.name);
      }
    }
    return { kind: "swapped", views, rerendered };
  }

  process.on("message", (raw: unknown) => {
    const message = (raw as { cinder?: HotUpdateRequest } | null)?.cinder;
    if (message?.type !== "hot-update") return;
    void update(message.files).then(
      (outcome) => process.send?.({ cinder: { type: "hot-result", id: message.id, outcome } }),
      (error: unknown) => process.send?.({ cinder: { type: "hot-result", id: message.id, outcome: { kind: "restart", reason: `the hot swap failed: ${String(error)}` } } }),
    );
  });
}

type Swap = { readonly kind: "view" | "component"; readonly name: string; readonly current: unknown; readonly next: unknown };

/**
 * Pairs the view and component exports of a module's running copy with its fresh copy. A change
 * to `mount`, `handleParams` or `update` asks for a restart: the running views' state was built
 * by the old code, and only a remount makes it the new code's.
 */
export function planSwapsOf(current: ModuleNamespace, fresh: ModuleNamespace, kinds: ViewKinds): Swap[] | string {
  const swaps: Swap[] = [];
  const names = new Set([...Object.keys(current), ...Object.keys(fresh)]);
  for (const name of names) {
    const before = current[name];
    const after = fresh[name];
    for (const [kind, Class] of [["view", kinds.LiveView], ["component", kinds.LiveComponent]] as const) {
      const wasKind = before instanceof Class;
      const isKind = after instanceof Class;
      if (!wasKind && !isKind) continue;
      if (wasKind !== isKind) return `the export ${name} became or stopped being a ${kind === "view" ? "LiveView" : "live component"}`;
      const beforeDefinition = (before as { definition: Record<string, unknown> }).definition;
      const afterDefinition = (after as { definition: Record<string, unknown> }).definition;
      for (const callback of kind === "view" ? ["mount", "handleParams"] : ["mount", "update"]) {
        if (String(beforeDefinition[callback]) !== String(afterDefinition[callback])) return `${name}.${callback} changed, so its views mount again`;
      }
      swaps.push({ kind, name, current: before, next: after });
    }
  }
  return swaps;
}
