import type { AttributePolicy } from "./attribute-policy.js";

/**
 * What one call site of `html` compiles to, once: the statics as they go on the wire and, for
 * every wire slot, how to turn the call's values into that slot's content.
 *
 * Wire slots and template values are not one-to-one. An unquoted `name=${v}` becomes a slot that
 * renders the whole attribute (` name="v"`, ` name` or nothing), so ` name=` is cut out of the
 * statics; an attribute value with several interpolations (`href="/u/${id}/${tab}"`) becomes one
 * slot holding the whole value, so a URL is checked as the browser will read it.
 *
 * The object's identity is the template's fingerprint: one per call site (the
 * `TemplateStringsArray` is the same frozen object on every call from one site).
 */
export interface CompiledTemplate {
  /** Sequential per process, for debugging only (identity is the fingerprint). */
  readonly id: number;
  /** Wire statics: `slots.length + 1` strings. */
  readonly statics: readonly string[];
  readonly slots: readonly SlotPlan[];
  /**
   * The output is exactly one element, with only whitespace around it, so the client may
   * rewrite its start tag (`"r": 1`, root-element skipping; required for live components).
   */
  readonly singleRoot: boolean;
}

/** A text slot: escaped strings, nested templates, lists, components, streams. */
export interface TextSlotPlan {
  readonly kind: "text";
  readonly valueIndex: number;
}

/** Inside `<script>`/`<style>`: only `safe(...)` values. */
export interface RawTextSlotPlan {
  readonly kind: "raw-text";
  readonly valueIndex: number;
  readonly element: string;
}

/** Inside `<!-- … -->`: escaped text only. */
export interface CommentSlotPlan {
  readonly kind: "comment";
  readonly valueIndex: number;
}

/** `<tag ${attrs}>`: an object of attributes. */
export interface SpreadSlotPlan {
  readonly kind: "spread";
  readonly valueIndex: number;
  readonly tagName: string;
}

/** `<tag name=${value}>`: renders ` name="value"`, ` name` (true) or nothing (false/null/undefined). */
export interface AttributeSlotPlan {
  readonly kind: "attribute";
  readonly valueIndex: number;
  readonly name: string;
  readonly policy: AttributePolicy;
  readonly tagName: string;
}

/**
 * `<tag name="text ${a} more ${b}">`: the value between the quotes. `parts` interleaves the
 * static text as written (already HTML) with value indexes.
 */
export interface AttributeValueSlotPlan {
  readonly kind: "attribute-value";
  readonly name: string;
  readonly policy: AttributePolicy;
  readonly tagName: string;
  readonly parts: readonly (string | number)[];
  readonly valueIndexes: readonly number[];
}

export type SlotPlan =
  | TextSlotPlan
  | RawTextSlotPlan
  | CommentSlotPlan
  | SpreadSlotPlan
  | AttributeSlotPlan
  | AttributeValueSlotPlan;

/** The values a slot reads, for the "nothing it depends on changed" check. */
export function slotValueIndexes(plan: SlotPlan): readonly number[] | number {
  return plan.kind === "attribute-value" ? plan.valueIndexes : plan.valueIndex;
}

/**
 * The template of a comprehension whose entries are not all one template: each entry is one
 * dynamic (a nested node, a string, a cid) between empty statics.
 */
export const WRAPPER_TEMPLATE: CompiledTemplate = Object.freeze({
  id: 0,
  statics: Object.freeze(["", ""]),
  slots: Object.freeze([Object.freeze({ kind: "text", valueIndex: 0 } as const)]),
  singleRoot: false,
});
