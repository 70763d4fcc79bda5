import type { CompiledTemplate } from "./compiled-template.js";
import type { ComponentCall } from "./function-component.js";

/**
 * The server's memory of what the client holds for one view or component: enough to compute the
 * next diff, nothing more. States are immutable; a render builds new states (reusing unchanged
 * ones) and the tracker swaps them in only once the whole render succeeded.
 */
export type SlotState = HtmlState | NodeState | ComprehensionState | CidState | MemoState | StreamState;

/** A slot holding an escaped HTML string. */
export interface HtmlState {
  readonly kind: "html";
  readonly html: string;
}

/** The dynamics of one template instance (a nested node, or a comprehension entry). */
export interface DynamicsState {
  /** The values they were rendered from: equal primitives mean an unchanged slot. */
  readonly values: readonly unknown[];
  readonly slots: readonly SlotState[];
}

export interface NodeState extends DynamicsState {
  readonly kind: "node";
  readonly compiled: CompiledTemplate;
}

export interface EntryState extends DynamicsState {
  readonly key: unknown;
  /** The memoised component call the entry was rendered from, if any. */
  readonly call: ComponentCall<object> | undefined;
}

/** A comprehension the client holds; `compiled` gives its statics (WRAPPER_TEMPLATE for mixed entries). */
export interface ComprehensionState {
  readonly kind: "comprehension";
  readonly compiled: CompiledTemplate;
  readonly entries: readonly EntryState[];
}

export interface CidState {
  readonly kind: "cid";
  readonly cid: number;
}

/** A memoised function component: what it rendered, and the props it was rendered with. */
export interface MemoState {
  readonly kind: "memo";
  readonly render: (props: never) => unknown;
  readonly props: object;
  readonly inner: SlotState;
}

/** A stream comprehension: the client keeps its statics, never its entries. */
export interface StreamState {
  readonly kind: "stream";
  readonly ref: string;
  readonly compiled: CompiledTemplate;
}
