import { WRAPPER_TEMPLATE, type CompiledTemplate } from "./compiled-template.js";
import { ComponentCall, shallowEqualProps } from "./function-component.js";
import type { KeyedList } from "./keyed.js";
import { callRenderCallback } from "./render-callback.js";
import type { ComprehensionState, EntryState } from "./render-state.js";
import { Template } from "./template.js";

/**
 * The entries of a comprehension on their way to the wire: keyed, matched to the entries the
 * client holds, memoised components evaluated only when their props changed, and the statics
 * all of them share chosen.
 */

/** One entry before rendering: its key and the value it renders. */
export interface EntrySource {
  readonly key: unknown;
  readonly value: unknown;
}

/**
 * An entry matched against the previous render. An entry made by `component(...)` is unwrapped
 * here, so a list of memoised rows still shares the rows' statics: `reuse` holds the previous
 * state of a row whose props did not change (its component is not called at all).
 */
export interface ResolvedEntry {
  readonly key: unknown;
  /** The index of the previous entry with this key, if any. */
  readonly previousIndex: number | undefined;
  /** The component call this entry came from. */
  readonly call: ComponentCall<object> | undefined;
  /** What the entry renders (a component call's output); `undefined` while `reuse` is set. */
  value: unknown;
  reuse: EntryState | undefined;
}

export function indexedEntries(items: readonly unknown[]): EntrySource[] {
  return items.map((value, index) => ({ key: index, value }));
}

export function keyedEntries(list: KeyedList): EntrySource[] {
  return list.items.map((item, index) => ({
    key: callRenderCallback("keyed key function", list.keyOf, () => list.keyOf(item, index)),
    value: callRenderCallback("keyed render function", list.render, () => list.render(item, index)),
  }));
}

export function evaluateComponent(call: ComponentCall<object>): unknown {
  return callRenderCallback("function component", call.render, () => call.render(call.props));
}

/** Matches entries to the previous ones by key (duplicates pair up in order) and resolves components. */
export function resolveEntries(entries: readonly EntrySource[], held: ComprehensionState | undefined): ResolvedEntry[] {
  const previousIndexes = held === undefined ? undefined : indexesByKey(held.entries);
  return entries.map(({ key, value }) => {
    const previousIndex = previousIndexes === undefined ? undefined : takeIndex(previousIndexes, key);
    if (!(value instanceof ComponentCall)) return { key, previousIndex, call: undefined, value, reuse: undefined };
    const call = value as ComponentCall<object>;
    const previous = previousIndex === undefined ? undefined : held?.entries[previousIndex];
    const unchanged = previous?.call !== undefined && previous.call.render === call.render && shallowEqualProps(previous.call.props, call.props);
    return unchanged
      ? { key, previousIndex, call, value: undefined, reuse: previous }
      : { key, previousIndex, call, value: evaluateComponent(call), reuse: undefined };
  });
}

/** Evaluates the components `resolveEntries` spared, for when the statics change after all. */
export function evaluateReusedEntries(entries: readonly ResolvedEntry[]): void {
  for (const entry of entries) {
    if (entry.reuse !== undefined && entry.call !== undefined) {
      entry.value = evaluateComponent(entry.call);
      entry.reuse = undefined;
    }
  }
}

/**
 * The statics every entry shares: the template of the entries when they all come from one call
 * site, else a wrapper whose single slot holds each entry whole. A comprehension the client holds
 * keeps its statics when they still fit (an emptied list; a mixed list turning uniform); a reused
 * entry still fits the statics it was rendered with.
 */
export function comprehensionTemplate(entries: readonly ResolvedEntry[], held: CompiledTemplate | undefined): CompiledTemplate {
  if (held === WRAPPER_TEMPLATE) return WRAPPER_TEMPLATE;
  let shared: CompiledTemplate | undefined;
  for (const entry of entries) {
    const compiled = entry.reuse !== undefined ? held : entry.value instanceof Template ? entry.value.compiled : undefined;
    if (compiled === undefined || (shared !== undefined && compiled !== shared)) return WRAPPER_TEMPLATE;
    shared = compiled;
  }
  return shared ?? held ?? WRAPPER_TEMPLATE;
}

/** The values an entry's slots read. */
export function entryValues(compiled: CompiledTemplate, value: unknown): readonly unknown[] {
  return compiled === WRAPPER_TEMPLATE ? [value] : (value as Template).values;
}

/** Previous indexes per key, in order, so duplicate keys pair up first-come first-served. */
function indexesByKey(entries: readonly EntryState[]): Map<unknown, number[]> {
  const indexes = new Map<unknown, number[]>();
  entries.forEach((entry, index) => {
    const list = indexes.get(entry.key);
    if (list === undefined) indexes.set(entry.key, [index]);
    else list.push(index);
  });
  return indexes;
}

function takeIndex(indexes: Map<unknown, number[]>, key: unknown): number | undefined {
  const list = indexes.get(key);
  if (list === undefined || list.length === 0) return undefined;
  return list.shift();
}
