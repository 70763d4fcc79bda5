/** A module's exports as `import()` gives them. */
export type ModuleNamespace = Readonly<Record<string, unknown>>;

/** The app's LiveView and LiveComponent classes (from its own @cinder/server). */
export interface ViewKinds {
  readonly LiveView: abstract new (...args: never[]) => unknown;
  readonly LiveComponent: abstract new (...args: never[]) => unknown;
}

export type HotPlan =
  /** Import fresh copies of `modules` (the changed files and every module between them and the boundaries) and swap the boundaries' views. */
  | { readonly kind: "swap"; readonly modules: readonly string[]; readonly boundaries: readonly string[] }
  /** The server never imported these files: nothing runs their code. */
  | { readonly kind: "unused" }
  | { readonly kind: "restart"; readonly reason: string };

export interface HotPlanContext {
  /** child file URL → the file URLs that import it (the app's own files only). */
  readonly importers: ReadonlyMap<string, ReadonlySet<string>>;
  /** The running app's instance of a module (already loaded: import() answers from the cache). */
  load(url: string): Promise<ModuleNamespace>;
  readonly kinds: ViewKinds;
}

/**
 * Decides whether changed files can be swapped into the running app. Going up the importers
 * from each changed file, every path must end at a "view module" (one that exports a LiveView
 * or a live component) — the boundary whose code the devtools hook can replace. A path that
 * reaches the server entry or anything else without passing one (a route table, the app
 * factory, a channel) needs a restart; so does a module on the way that holds state in its
 * exports (a Map, a store instance), which a fresh copy would split in two.
 */
export async function planHotSwap(changed: readonly string[], context: HotPlanContext): Promise<HotPlan> {
  // Importers are recorded per imported file: a file the app never imported has no entry.
  const known = changed.filter((url) => context.importers.has(url));
  if (known.length === 0) return { kind: "unused" };
  const modules = new Set<string>();
  const boundaries = new Set<string>();
  const visit = async (url: string): Promise<string | undefined> => {
    if (modules.has(url)) return undefined;
    modules.add(url);
    const namespace = await context.load(url);
    if (exportsViews(namespace, context.kinds)) {
      boundaries.add(url);
      return undefined;
    }
    const state = statefulExport(namespace, context.kinds);
    if (state !== undefined) return `${shortName(url)} exports ${state}, which a fresh copy would reset`;
    const parents = context.importers.get(url);
    if (parents === undefined || parents.size === 0) return `${shortName(url)} is not below a LiveView module`;
    for (const parent of parents) {
      const problem = await visit(parent);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
  for (const url of known) {
    const problem = await visit(url);
    if (problem !== undefined) return { kind: "restart", reason: problem };
  }
  return { kind: "swap", modules: [...modules], boundaries: [...boundaries] };
}

function exportsViews(namespace: ModuleNamespace, kinds: ViewKinds): boolean {
  return Object.values(namespace).some((value) => value instanceof kinds.LiveView || value instanceof kinds.LiveComponent);
}

/** The first export that looks like state: a Map, a Set, an instance of a class of the app's. Plain data and functions are fine. */
function statefulExport(namespace: ModuleNamespace, kinds: ViewKinds): string | undefined {
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value !== "object" || value === null || value instanceof kinds.LiveView || value instanceof kinds.LiveComponent) continue;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype === Object.prototype || prototype === null || Array.isArray(value)) continue;
    const constructorName = (value as { constructor?: { name?: string } }).constructor?.name ?? "an object";
    // Templates and other values of Cinder's own are rendering data, not state.
    if (constructorName === "Template" || constructorName === "SafeHtml" || constructorName === "JsBuilder") continue;
    return `${name} (a ${constructorName})`;
  }
  return undefined;
}

function shortName(url: string): string {
  const at = url.lastIndexOf("/src/");
  return at === -1 ? url : url.slice(at + 1);
}
