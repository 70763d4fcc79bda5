import type { CompiledTemplate } from "./compiled-template.js";
import { compileTemplate } from "./template-parser.js";

/** One compilation per call site: a `TemplateStringsArray` is the same object on every call. */
const compiledByCallSite = new WeakMap<TemplateStringsArray, CompiledTemplate>();

/**
 * The value of an `html` tagged template: the call site's compiled statics plus this call's
 * values. Cheap to create and never mutated; rendering it is what costs, and the change tracker
 * skips whatever did not change.
 */
export class Template {
  /** The call site's compilation; its identity is the fingerprint. */
  readonly compiled: CompiledTemplate;
  /** The interpolated values, in source order. */
  readonly values: readonly unknown[];

  constructor(compiled: CompiledTemplate, values: readonly unknown[]) {
    this.compiled = compiled;
    this.values = values;
  }
}

/**
 * The tagged template for Cinder views and components. Each interpolation is escaped for the
 * context it sits in: text, attribute values (URLs are checked for `javascript:` and friends),
 * whole attributes (`disabled=${bool}`), attribute spreads (`<div ${attrs}>`). Nested templates,
 * arrays (comprehensions), `keyed(...)`, `component(...)` and `safe(...)` values render as such.
 *
 * @example
 * ```ts
 * const Counter = (assigns: { count: number }) => html`
 *   <h1>Count: ${assigns.count}</h1>
 *   <button phx-click="inc" disabled=${assigns.count > 9}>+</button>
 *   ${assigns.count > 5 && html`<p>Big!</p>`}
 * `;
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Template {
  let compiled = compiledByCallSite.get(strings);
  if (compiled === undefined) {
    compiled = compileTemplate(strings);
    compiledByCallSite.set(strings, compiled);
  }
  return new Template(compiled, values);
}

/** Whether `value` is what `html` returns. */
export function isTemplate(value: unknown): value is Template {
  return value instanceof Template;
}
