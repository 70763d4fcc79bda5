import type { RenderedNode, RenderedRoot } from "@cinder/protocol";
import type { LiveComponentRef } from "./live-component-ref.js";
import type { NodeState } from "./render-state.js";
import { StaticsScope } from "./statics-scope.js";
import { Template } from "./template.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { TreeDiffer } from "./tree-differ.js";

/**
 * `"view"`: the tree of a LiveView. Statics are shared through a top-level `"p"`; the top level
 * never carries `"r"` (there it would mean an event reply).
 * `"component"`: the tree of one live component (one tracker per cid). The template must be a
 * single root element; a full render carries `"r": 1`; statics stay inline, except that
 * comprehensions carry their own `"p"` (spec §3.4.2).
 */
export type RenderTrackerKind = "view" | "component";

export interface RenderTrackerOptions {
  /** Default `"view"`. */
  readonly kind?: RenderTrackerKind;
  /**
   * Called for every live component met while rendering (not for those inside subtrees skipped
   * because nothing changed there); returns the component's cid, which the slot then holds.
   * The runtime registers the component, and renders it with that cid's own tracker into the
   * diff's `"c"` map.
   */
  readonly resolveComponent?: (ref: LiveComponentRef) => number;
}

export interface RenderCallOptions {
  /** Overrides the tracker's `resolveComponent` for this render. */
  readonly resolveComponent?: (ref: LiveComponentRef) => number;
}

/**
 * The change tracker of one LiveView (or one live component): remembers what the client holds
 * and turns each new render into the smallest diff that gets it there.
 *
 * - The first `render` returns the full tree (every slot, statics included).
 * - Each later `render` returns a diff with only what changed; an empty object when nothing did
 *   (`isEmptyDiff`), which the runtime answers with `{}` or does not push at all.
 * - After `reset()` (rejoin, or a component the client destroyed and sees again) the next render
 *   is full again.
 *
 * `render` either returns and commits, or throws and changes nothing.
 *
 * @example
 * ```ts
 * const tracker = new RenderTracker({ resolveComponent: (ref) => components.cidFor(ref) });
 * const join = tracker.render(view.render(assigns));          // {"0":"0","s":0,"p":{…}}
 * const diff = tracker.render(view.render(nextAssigns));      // {"0":"1"}
 * if (isEmptyDiff(diff)) reply({}); else reply({ diff });
 * if (tracker.lastRenderWasFull) resendAllComponents();       // the client dropped its "c"
 * ```
 */
export class RenderTracker {
  readonly kind: RenderTrackerKind;
  readonly #resolveComponent: ((ref: LiveComponentRef) => number) | undefined;
  #root: NodeState | undefined;
  #lastRenderWasFull = false;

  constructor(options: RenderTrackerOptions = {}) {
    this.kind = options.kind ?? "view";
    this.#resolveComponent = options.resolveComponent;
  }

  /** True once a render was committed (and until `reset`). */
  get hasRendered(): boolean {
    return this.#root !== undefined;
  }

  /**
   * True when the last render replaced the whole tree (first render, after `reset`, or a root
   * template from another call site). For a view this means the client forgot every component:
   * the runtime must send each component still in use in full in the same diff.
   */
  get lastRenderWasFull(): boolean {
    return this.#lastRenderWasFull;
  }

  /** The full tree the first time, then diffs. See the class documentation. */
  render(template: Template, options: RenderCallOptions = {}): RenderedNode {
    if (!(template instanceof Template)) throw serverError("CINDER_TEMPLATE_INVALID_ROOT", describeValue(template));
    if (this.kind === "component" && !template.compiled.singleRoot) {
      throw serverError("CINDER_TEMPLATE_COMPONENT_NOT_SINGLE_ROOT", JSON.stringify(template.compiled.statics).slice(0, 120));
    }
    const differ = new TreeDiffer({ resolveComponent: options.resolveComponent ?? this.#resolveComponent });
    const scope = this.kind === "view" ? new StaticsScope() : undefined;
    const { wire, state } = differ.renderNode(template, this.#root, scope, this.kind === "component");
    const full = this.#root?.compiled !== template.compiled;
    const output = (wire ?? {}) as RenderedNode & { p?: unknown };
    if (scope !== undefined && !scope.isEmpty) output.p = scope.templates();
    this.#root = state;
    this.#lastRenderWasFull = full;
    return output;
  }

  /** Forget what the client holds: the next render is full. */
  reset(): void {
    this.#root = undefined;
    this.#lastRenderWasFull = false;
  }
}

/**
 * True for a diff that changes nothing (`{}`).
 *
 * @example
 * ```ts
 * if (!isEmptyDiff(diff)) channel.push("diff", diff);
 * ```
 */
export function isEmptyDiff(diff: RenderedNode | RenderedRoot): boolean {
  for (const _key in diff) return false;
  return true;
}
