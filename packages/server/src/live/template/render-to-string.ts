import type { CompiledTemplate } from "./compiled-template.js";
import { ComponentCall } from "./function-component.js";
import { KeyedList } from "./keyed.js";
import { LiveComponentRef } from "./live-component-ref.js";
import { callRenderCallback } from "./render-callback.js";
import { stringSlotHtml, textHtml } from "./slot-values.js";
import { StreamRender } from "./stream-render.js";
import { Template } from "./template.js";
import { serverError } from "../../errors/error-registry.js";

/** Options of `renderToString`. */
export interface RenderToStringOptions {
  /**
   * The HTML of a live component (the runtime mounts it and renders its template, usually with
   * `renderToString` again). Without it, a live component is a developer error.
   */
  readonly resolveComponentHtml?: (ref: LiveComponentRef) => string;
}

/**
 * The HTML of a template for the dead (HTTP) render, without any LiveView marker. It equals the
 * HTML the client renders from the same template's full tree: the same slot renderers produce
 * both. Stream items appear in the order they were queued (as in the join render's entries).
 *
 * @example
 * ```ts
 * const body = renderToString(view.render(assigns), { resolveComponentHtml: (ref) => mountAndRender(ref) });
 * ```
 */
export function renderToString(value: unknown, options: RenderToStringOptions = {}): string {
  return new StringRenderer(options).text(value);
}

class StringRenderer {
  readonly #options: RenderToStringOptions;

  constructor(options: RenderToStringOptions) {
    this.#options = options;
  }

  text(value: unknown): string {
    if (typeof value !== "object" || value === null) return textHtml(value);
    if (value instanceof Template) return this.#template(value.compiled, value.values);
    if (Array.isArray(value)) return this.#list(value);
    if (value instanceof KeyedList) {
      return this.#list(value.items.map((item, index) => callRenderCallback("keyed render function", value.render, () => value.render(item, index))));
    }
    if (value instanceof ComponentCall) {
      const call = value as ComponentCall<object>;
      return this.text(callRenderCallback("function component", call.render, () => call.render(call.props)));
    }
    if (value instanceof LiveComponentRef) {
      const resolve = this.#options.resolveComponentHtml;
      if (resolve === undefined) throw serverError("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
      return resolve(value);
    }
    if (value instanceof StreamRender) return this.#list(value.inserts.map((insert) => insert.template));
    return textHtml(value);
  }

  #list(items: readonly unknown[]): string {
    let output = "";
    for (const item of items) output += this.text(item);
    return output;
  }

  #template(compiled: CompiledTemplate, values: readonly unknown[]): string {
    const { statics, slots } = compiled;
    let output = statics[0] ?? "";
    for (let index = 0; index < slots.length; index++) {
      const plan = slots[index];
      if (plan !== undefined) output += plan.kind === "text" ? this.text(values[plan.valueIndex]) : stringSlotHtml(plan, values);
      output += statics[index + 1] ?? "";
    }
    return output;
  }
}
