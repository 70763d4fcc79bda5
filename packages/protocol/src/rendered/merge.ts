import { deepClone, isTreeNode, type TreeNode } from "./tree-node.js";

/**
 * Diff merging with the official client's semantics (spec §3.5):
 * - an object with `s` is a new template and replaces what was there;
 * - an object without `s` merges into the object it lands on;
 * - a comprehension update (`k`) applies keyed entries, with moves read from a snapshot of the
 *   entries as they were before this diff (only taken when `km` says there are moves).
 * Merging mutates `target`; callers own the tree.
 */
export function mergeInto(target: TreeNode, source: TreeNode): TreeNode {
  if (source.s !== undefined) return source;
  mergeObject(target, source);
  return target;
}

function mergeObject(target: TreeNode, source: TreeNode): void {
  if (isTreeNode(source.k)) {
    mergeKeyed(target, source);
  } else {
    for (const key of Object.keys(source)) {
      const value = source[key];
      const existing = target[key];
      if (isTreeNode(value) && value.s === undefined && isTreeNode(existing)) {
        mergeObject(existing, value);
      } else {
        target[key] = value;
      }
    }
  }
  if (target.r) target.newRender = true;
}

function mergeKeyed(target: TreeNode, source: TreeNode): void {
  const sourceEntries = source.k as TreeNode;
  if (!isTreeNode(target.k)) target.k = { kc: 0 };
  const targetEntries = target.k as TreeNode;
  const before = sourceEntries.km ? (deepClone(targetEntries) as TreeNode) : targetEntries;

  for (const index of Object.keys(sourceEntries)) {
    if (index === "kc" || index === "km") continue;
    const entry = sourceEntries[index];
    if (Array.isArray(entry)) {
      const [oldIndex, entryDiff] = entry as [number, TreeNode];
      const moved = deepClone(before[String(oldIndex)]);
      targetEntries[index] = isTreeNode(moved) ? moved : {};
      mergeObject(targetEntries[index] as TreeNode, entryDiff);
    } else if (typeof entry === "number") {
      targetEntries[index] = before[String(entry)];
    } else if (isTreeNode(entry)) {
      if (!isTreeNode(targetEntries[index])) targetEntries[index] = {};
      mergeObject(targetEntries[index] as TreeNode, entry);
    }
  }

  const newCount = Number(sourceEntries.kc ?? 0);
  const oldCount = Number(targetEntries.kc ?? 0);
  for (let index = newCount; index < oldCount; index++) delete targetEntries[String(index)];
  targetEntries.kc = newCount;
  if (source.stream !== undefined) target.stream = source.stream;
  if (source.p !== undefined) target.p = source.p;
}

/**
 * Merge for components, which must not share structure with the trees they are built from:
 * a component whose statics come from another cid (`"s": ±cid`) is a copy of that cid's tree
 * with its own values over it. `dropRootIds` forgets the donor's magic ids in the copy.
 */
export function cloneMerge(target: TreeNode, source: TreeNode, dropRootIds: boolean): TreeNode {
  let merged: TreeNode;
  if (isTreeNode(source.k)) {
    merged = deepClone(target);
    mergeKeyed(merged, source);
    if (dropRootIds) forgetRootIdsDeep(merged);
  } else {
    merged = { ...target, ...source };
    for (const key of Object.keys(merged)) {
      const value = source[key];
      const existing = target[key];
      if (isTreeNode(value) && value.s === undefined && isTreeNode(existing)) {
        merged[key] = cloneMerge(existing, value, dropRootIds);
      } else if (value === undefined && isTreeNode(existing)) {
        merged[key] = cloneMerge(existing, {}, dropRootIds);
      }
    }
  }
  if (dropRootIds) {
    forgetRootIds(merged);
  } else if (target.r) {
    merged.newRender = true;
  }
  return merged;
}

/**
 * Resolves the components of one diff against the stored ones. Statics sharing: a positive
 * `s` copies a component of this same diff (resolved first), a negative one copies a stored
 * component.
 */
export function resolveComponents(
  diffComponents: Record<string, TreeNode>,
  storedComponents: Record<string, TreeNode>,
): Record<string, TreeNode> {
  const resolved: Record<string, TreeNode> = {};
  const resolving = new Set<string>();

  const resolve = (cid: string): TreeNode => {
    const cached = resolved[cid];
    if (cached !== undefined) return cached;
    const diff = diffComponents[cid];
    if (diff === undefined) throw new Error(`component ${cid} shares statics with a component missing from the diff`);
    if (resolving.has(cid)) throw new Error(`component ${cid} shares statics in a cycle`);
    resolving.add(cid);

    let node: TreeNode;
    const sharedFrom = diff.s;
    if (typeof sharedFrom === "number") {
      const donor = sharedFrom > 0 ? resolve(String(sharedFrom)) : storedComponents[String(-sharedFrom)];
      if (donor === undefined) throw new Error(`component ${cid} shares statics with unknown component ${-sharedFrom}`);
      const statics = donor.s;
      node = cloneMerge(donor, diff, true);
      node.s = statics;
    } else {
      const stored = storedComponents[cid];
      node = diff.s !== undefined || stored === undefined ? diff : cloneMerge(stored, diff, false);
    }
    resolved[cid] = node;
    return node;
  };

  for (const cid of Object.keys(diffComponents)) resolve(cid);
  return resolved;
}

function forgetRootIds(node: TreeNode): void {
  delete node.magicId;
  delete node.newRender;
}

function forgetRootIdsDeep(node: TreeNode): void {
  for (const value of Object.values(node)) if (isTreeNode(value)) forgetRootIdsDeep(value);
  forgetRootIds(node);
}
