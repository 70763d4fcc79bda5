import morphdomImport from "morphdom";

type Morphdom = typeof morphdomImport.default;
/**
 * morphdom ships CommonJS typings with an ESM build: under NodeNext the default import types as
 * the module object, while bundlers and Vite hand over the function itself. Accept both.
 */
const morphdom: Morphdom =
  (morphdomImport as { default?: Morphdom }).default ?? (morphdomImport as unknown as Morphdom);

/**
 * The only module that touches morphdom. Everything else patches through `morph`, with typed
 * callbacks, so the morph library can be swapped or upgraded in one place.
 */
export interface MorphCallbacks {
  /** Identity of a node for matching across the old and new tree; `null` for none. */
  key(node: Node): string | null;
  /** Return `false` to skip adding `node`, or the node to add instead. */
  beforeNodeAdded(node: Node): Node | false;
  nodeAdded(node: Node): void;
  /**
   * Return `false` to leave `from` untouched, `true` to morph it, or another element to morph in
   * its place (a lock clone).
   */
  beforeElementUpdated(from: Element, to: Element): boolean | Element;
  elementUpdated(element: Element): void;
  /** Return `false` to keep `node` in the DOM although the new tree lacks it. */
  beforeNodeDiscarded(node: Node): boolean;
  nodeDiscarded(node: Node): void;
  /** True when the children of `from` must not be indexed or walked (stream containers). */
  skipFromChildren(from: Element): boolean;
  /** Inserts a new child; stream inserts go to their position. */
  addChild(parent: Element, child: Element): void;
}

export interface MorphOptions extends Partial<MorphCallbacks> {
  /** Morph only the children of `target`, leaving its own attributes alone. */
  childrenOnly: boolean;
}

/** Morphs `target` into `source` (an element or HTML of one element). */
export function morph(target: Element, source: Element | string, options: MorphOptions): void {
  const { childrenOnly, key, beforeNodeAdded, nodeAdded, beforeElementUpdated, elementUpdated } = options;
  const { beforeNodeDiscarded, nodeDiscarded, skipFromChildren, addChild } = options;
  // morphdom's bundled typings predate the element-returning onBeforeElUpdated and its
  // addChild/skipFromChildren hooks; the casts only widen what the 2.7 runtime accepts.
  morphdom(target, source, {
    childrenOnly,
    ...(key && { getNodeKey: key }),
    ...(beforeNodeAdded && { onBeforeNodeAdded: beforeNodeAdded }),
    ...(nodeAdded && { onNodeAdded: nodeAdded }),
    ...(beforeElementUpdated && {
      onBeforeElUpdated: beforeElementUpdated as unknown as (from: HTMLElement, to: HTMLElement) => boolean,
    }),
    ...(elementUpdated && { onElUpdated: elementUpdated }),
    ...(beforeNodeDiscarded && { onBeforeNodeDiscarded: beforeNodeDiscarded }),
    ...(nodeDiscarded && { onNodeDiscarded: nodeDiscarded }),
    ...(skipFromChildren && { skipFromChildren: skipFromChildren as (from: HTMLElement) => boolean }),
    ...(addChild && { addChild: addChild as (parent: HTMLElement, child: HTMLElement) => void }),
  });
}
