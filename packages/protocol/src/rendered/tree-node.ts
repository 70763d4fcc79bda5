/**
 * The merged tree the client holds is the wire tree plus a little bookkeeping per root node.
 * Bookkeeping lives on the nodes themselves (not in a side table) because merges clone and
 * replace nodes, and the bookkeeping must travel — or be dropped — with them.
 */
export interface TreeNode {
  [key: string]: unknown;
  /** Stable `data-phx-id` of a root element (`m<n>-<view>` or `c<cid>-<view>`). */
  magicId?: string;
  /** The node changed since it was last rendered, so it cannot be skipped. */
  newRender?: boolean;
  /** A component re-added after the client pruned it: render it whole, without skips. */
  reset?: boolean;
}

export function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Deep copy of plain JSON-like data (the tree never holds anything else). */
export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepClone) as T;
  if (isTreeNode(value)) {
    const copy: TreeNode = {};
    for (const key of Object.keys(value)) copy[key] = deepClone(value[key]);
    return copy as T;
  }
  return value;
}
