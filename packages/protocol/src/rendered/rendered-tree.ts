import type { PushedEvent, RenderedRoot, StreamInstruction } from "./types.js";
import { deepClone, isTreeNode, type TreeNode } from "./tree-node.js";
import { mergeInto, resolveComponents } from "./merge.js";
import { rewriteRootTag, type RootAttributes } from "./root-tag.js";

/** The attribute names the client writes into rendered HTML. */
export const RenderedAttribute = {
  magicId: "data-phx-id",
  skip: "data-phx-skip",
  component: "data-phx-component",
  view: "data-phx-view",
} as const;

/** The top-level extras a diff can carry besides the tree itself (spec §3.4.7). */
export interface DiffExtras {
  /** The diff without `r`, `e` and `t`: what merges into the tree. */
  diff: RenderedRoot;
  title: string | undefined;
  /** The hook reply (`r`); `null` when the diff carries none. */
  reply: unknown;
  events: readonly PushedEvent[];
}

/**
 * Takes the top-level `r`, `e` and `t` out of a join render, reply diff or diff push. A join
 * render's top-level `"r": 1` is a root flag, not a reply, and is dropped like the official
 * client does.
 */
export function splitDiffExtras(rendered: RenderedRoot): DiffExtras {
  const { r, e, t, ...diff } = rendered;
  return { diff, title: t, reply: r === undefined || r === 1 ? null : r, events: e ?? [] };
}

export interface RenderOptions {
  /**
   * The view id used in `data-phx-id` / `data-phx-view`. Without it the HTML carries no
   * client markers at all — what the server's dead render looks like.
   */
  viewId?: string;
  /**
   * Only these components changed: the others render as skip placeholders. Used for a
   * component-only diff.
   */
  onlyComponents?: ReadonlySet<number>;
}

export interface RenderOutput {
  html: string;
  /** Stream instructions met while rendering, for the DOM patcher (spec §3.4.6). */
  streams: StreamInstruction[];
}

/**
 * The client's copy of one view's rendered tree: merged from the join render and every diff
 * after it, and turned into HTML for the DOM patcher. Shared by Cinder's browser client and by
 * the server's tests (the dead render must equal the HTML of the merged join render).
 *
 * Invariant: the first merge is the join; every later merge is a change.
 */
export class RenderedTree {
  #tree: TreeNode;
  #nextMagicId = 0;
  readonly #viewId: string | undefined;

  constructor(join: RenderedRoot, viewId?: string) {
    this.#viewId = viewId;
    this.#tree = {};
    this.merge(join);
  }

  /** Merges a diff (without its extras — see `splitDiffExtras`). */
  merge(diff: RenderedRoot): void {
    const { c: diffComponents, ...rest } = diff as TreeNode & { c?: Record<string, TreeNode> };
    this.#tree = mergeInto(this.#tree, rest);
    const stored = isTreeNode(this.#tree.c) ? (this.#tree.c as Record<string, TreeNode>) : {};
    this.#tree.c = stored;
    if (diffComponents !== undefined) Object.assign(stored, resolveComponents(diffComponents, stored));
  }

  /** True for a diff that touches components only, so only their elements need patching. */
  static isComponentOnlyDiff(diff: RenderedRoot): boolean {
    const keys = Object.keys(diff);
    return keys.length === 1 && keys[0] === "c";
  }

  static componentIds(diff: RenderedRoot): number[] {
    return Object.keys(diff.c ?? {}).map(Number);
  }

  /** The cids the tree holds now. */
  componentIds(): number[] {
    return Object.keys(this.#components()).map(Number);
  }

  /** Forget components the server confirmed destroyed. */
  pruneComponents(cids: Iterable<number>): void {
    const components = this.#components();
    for (const cid of cids) delete components[String(cid)];
  }

  /** The next render of `cid` must be whole: it is being re-added after the client removed it. */
  resetComponent(cid: number): void {
    const component = this.#components()[String(cid)];
    if (component !== undefined) component.reset = true;
  }

  toHtml(options: RenderOptions = {}): RenderOutput {
    const renderer = new TreeRenderer(this.#components(), options.onlyComponents, this.#viewId ?? options.viewId, () => {
      this.#nextMagicId += 1;
      return `m${this.#nextMagicId}-${this.#viewId ?? options.viewId ?? ""}`;
    });
    const html = renderer.render(this.#tree, this.#viewId !== undefined || options.viewId !== undefined, {});
    return { html, streams: renderer.streams };
  }

  /** HTML of one component's element alone (for component-only patches). */
  componentToHtml(cid: number): RenderOutput {
    const renderer = new TreeRenderer(this.#components(), undefined, this.#viewId, () => {
      this.#nextMagicId += 1;
      return `m${this.#nextMagicId}-${this.#viewId ?? ""}`;
    });
    const html = renderer.renderComponent(cid);
    return { html: rewriteRootTag(html, {}).element, streams: renderer.streams };
  }

  /** A read-only view of the merged tree, for diagnostics and tests. */
  snapshot(): RenderedRoot {
    return this.#tree as RenderedRoot;
  }

  #components(): Record<string, TreeNode> {
    return this.#tree.c as Record<string, TreeNode>;
  }
}

/**
 * HTML of a full render in one call, without client markers: what a server's dead render of the
 * same tree must look like.
 */
export function renderedToHtml(rendered: RenderedRoot): string {
  return new RenderedTree(deepClone(rendered)).toHtml().html;
}

/** One pass of turning the tree into HTML. Collects stream instructions on the way. */
class TreeRenderer {
  readonly streams: StreamInstruction[] = [];
  #output = "";
  readonly #pendingRoots: string[] = [];

  constructor(
    private readonly components: Record<string, TreeNode>,
    private readonly onlyComponents: ReadonlySet<number> | undefined,
    private readonly viewId: string | undefined,
    private readonly nextMagicId: () => string,
  ) {}

  render(node: TreeNode, changeTracking: boolean, rootAttributes: RootAttributes): string {
    const saved = this.#output;
    this.#output = "";
    this.#writeNode(node, undefined, changeTracking, rootAttributes);
    const html = this.#output;
    this.#output = saved;
    return html;
  }

  renderComponent(cid: number): string {
    const saved = this.#output;
    this.#output = "";
    this.#writeComponent(cid);
    const html = this.#output;
    this.#output = saved;
    return html;
  }

  #writeNode(node: TreeNode, templates: TreeNode | undefined, changeTracking: boolean, rootAttributes: RootAttributes): void {
    if (isTreeNode(node.k)) {
      this.#writeComprehension(node, templates, changeTracking);
      return;
    }
    // Templates may arrive with any diff; they are resolved into the nodes below and dropped,
    // never merged, so a later diff's integer statics only ever refer to that diff's `p`.
    if (isTreeNode(node.p)) {
      templates = node.p;
      delete node.p;
    }
    const statics = resolveStatics(node.s, templates);
    node.s = statics;
    const isRoot = Boolean(node.r);
    if (isRoot) this.#beginRoot();
    if (changeTracking && isRoot && node.magicId === undefined) {
      node.newRender = true;
      node.magicId = this.nextMagicId();
    }
    this.#writeDynamics(node, statics, templates, changeTracking);
    if (isRoot) {
      let skip = false;
      let attributes: RootAttributes = rootAttributes;
      if (this.viewId !== undefined && (changeTracking || node.magicId !== undefined)) {
        skip = changeTracking && !node.newRender;
        attributes = { [RenderedAttribute.magicId]: node.magicId ?? "", ...rootAttributes };
        if (skip) attributes[RenderedAttribute.skip] = true;
      }
      this.#endRoot(attributes, skip);
      node.newRender = false;
    }
  }

  #writeDynamics(node: TreeNode, statics: readonly string[], templates: TreeNode | undefined, changeTracking: boolean): void {
    const last = statics.length - 1;
    for (let index = 0; index < last; index++) {
      this.#output += statics[index];
      this.#writeDynamic(node[String(index)], templates, changeTracking);
    }
    this.#output += statics[last] ?? "";
  }

  #writeDynamic(value: unknown, templates: TreeNode | undefined, changeTracking: boolean): void {
    if (typeof value === "number") {
      this.#writeComponent(value);
    } else if (isTreeNode(value)) {
      this.#writeNode(value, templates, changeTracking, {});
    } else if (typeof value === "string") {
      this.#output += value;
    } else {
      // A full render must fill every slot; a hole is a server bug, made visible the way the
      // official client shows it.
      this.#output += String(value);
    }
  }

  #writeComprehension(node: TreeNode, templates: TreeNode | undefined, changeTracking: boolean): void {
    // The comprehension's own statics resolve against the enclosing scope; its entries use the
    // enclosing scope too, or, outside any, the comprehension's own templates.
    const entryTemplates = templates ?? (isTreeNode(node.p) ? node.p : undefined);
    const statics = resolveStatics(node.s, templates);
    node.s = statics;
    delete node.p;
    const entries = node.k as TreeNode;
    const count = Number(entries.kc ?? 0);
    for (let index = 0; index < count; index++) {
      const entry = entries[String(index)];
      this.#writeDynamics(isTreeNode(entry) ? entry : {}, statics, entryTemplates, changeTracking);
    }
    // Stream items live in the DOM, not in the tree: once rendered they are dropped.
    const stream = node.stream as StreamInstruction | undefined;
    if (stream !== undefined) {
      const deletes = stream[2];
      const reset = stream[3] === true;
      if (count > 0 || deletes.length > 0 || reset) {
        delete node.stream;
        node.k = { kc: 0 };
        this.streams.push(stream);
      }
    }
  }

  #writeComponent(cid: number): void {
    const component = this.components[String(cid)];
    if (component === undefined) throw new Error(`the rendered tree references component ${cid}, which it does not hold`);
    if (this.viewId === undefined) {
      this.#writeNode(component, undefined, false, {});
      return;
    }
    const skip = this.onlyComponents !== undefined && !this.onlyComponents.has(cid);
    component.newRender = !skip;
    component.magicId = `c${cid}-${this.viewId}`;
    const changeTracking = !component.reset;
    this.#writeNode(component, undefined, changeTracking, {
      [RenderedAttribute.component]: cid,
      [RenderedAttribute.view]: this.viewId,
    });
    delete component.reset;
  }

  #beginRoot(): void {
    this.#pendingRoots.push(this.#output);
    this.#output = "";
  }

  #endRoot(attributes: RootAttributes, emptyElement: boolean): void {
    const { before, element, after } = rewriteRootTag(this.#output, attributes, emptyElement);
    this.#output = (this.#pendingRoots.pop() ?? "") + before + element + after;
  }
}

function resolveStatics(statics: unknown, templates: TreeNode | undefined): readonly string[] {
  if (typeof statics === "number") {
    const template = templates?.[String(statics)];
    if (!Array.isArray(template)) throw new Error(`statics refer to template ${statics}, which no enclosing "p" defines`);
    return template as string[];
  }
  if (!Array.isArray(statics)) throw new Error("a rendered node has no statics");
  return statics as string[];
}
