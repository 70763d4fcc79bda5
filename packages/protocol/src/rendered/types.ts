/**
 * The LiveView ≥ 1.1 rendered tree as it travels on the wire (spec §3.4). One type describes
 * full renders and diffs alike: a diff is a tree with parts left out.
 *
 * Invariants the server keeps and the client relies on:
 * - display values are always strings (already HTML-escaped); a number in a dynamic slot is a
 *   component id (cid), never a value to display;
 * - an object with `s` is a new template (replace); an object without `s` merges into what the
 *   client holds;
 * - statics are an array of N+1 strings for N dynamics, or an integer index into the nearest
 *   enclosing `p` (templates) map.
 */

/** Statics of a template, or an index into the enclosing `p` templates map. */
export type Statics = readonly string[] | number;

/** A dynamic slot: escaped HTML, a cid, or a nested node. */
export type Dynamic = string | number | RenderedNode | Comprehension;

/** Templates shared by integer `s` references below the node that carries them. */
export type Templates = Record<string, readonly string[]>;

/** A nested template with its dynamic slots `"0"`, `"1"`, … */
export interface RenderedNode {
  s?: Statics;
  /** `1`: the template has exactly one root element (required on components). */
  r?: 1;
  p?: Templates;
  [slot: `${number}`]: Dynamic | undefined;
}

/** One iteration of a comprehension: its own dynamic slots. */
export interface ComprehensionEntry {
  [slot: `${number}`]: Dynamic | undefined;
}

/**
 * A keyed entry in a diff: a full or partial entry (object), the previous entry `j` unchanged
 * (number), or the previous entry `j` with changes (`[j, diff]`).
 */
export type KeyedEntry = ComprehensionEntry | number | readonly [number, ComprehensionEntry];

export interface KeyedEntries {
  /** Number of entries after this update; entries at or past it are removed. */
  kc: number;
  /** Present (true) whenever any entry is a move (number or pair). */
  km?: true;
  [index: `${number}`]: KeyedEntry | undefined;
}

/** `[dom_id, at, limit, update_only]` — see spec §3.4.6. */
export type StreamInsert = readonly [domId: string, at: number, limit: number | null, updateOnly: boolean];

/** `[ref, inserts, deletes]` or `[ref, inserts, deletes, true]` to reset the stream first. */
export type StreamInstruction =
  | readonly [ref: string, inserts: readonly StreamInsert[], deletes: readonly string[]]
  | readonly [ref: string, inserts: readonly StreamInsert[], deletes: readonly string[], reset: true];

export interface Comprehension {
  s?: Statics;
  k: KeyedEntries;
  p?: Templates;
  stream?: StreamInstruction;
}

/** A pushed event: `[name, payload]` runs after the patch, `[name, payload, true]` before it. */
export type PushedEvent = readonly [name: string, payload: unknown] | readonly [name: string, payload: unknown, beforePatch: true];

/** The top level of a join render, an event reply's `diff`, or a `diff` push. */
export interface RenderedRoot {
  s?: Statics;
  p?: Templates;
  [slot: `${number}`]: Dynamic | undefined;
  /** Components by cid. */
  c?: Record<string, RenderedNode>;
  /** Events from `pushEvent`, dispatched as `phx:<name>` window events. */
  e?: readonly PushedEvent[];
  /** New page title. */
  t?: string;
  /**
   * At the top level `r` is the reply to a hook's `pushEvent`, not a root flag; the client
   * discards a bare `1`.
   */
  r?: unknown;
}

/** True for a comprehension (has `k`), as opposed to a plain nested template. */
export function isComprehension(value: Dynamic | undefined): value is Comprehension {
  return typeof value === "object" && value !== null && "k" in value;
}
