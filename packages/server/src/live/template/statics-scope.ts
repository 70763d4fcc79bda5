import type { Templates } from "@cinder/protocol";
import type { CompiledTemplate } from "./compiled-template.js";

/**
 * The `"p"` templates map of one render output (spec §3.4.2): statics of every template sent in
 * that output, each once, referenced by integer `"s"`. A scope lives for one render only: the
 * client resolves the integers when it renders that diff and then forgets the map.
 *
 * Where a scope may sit follows the official client: at the top of a LiveView render (it covers
 * everything below, comprehensions included), or on a comprehension with no scope above it
 * (then only its entries' nested templates may use it; its own `"s"` stays inline).
 */
export class StaticsScope {
  readonly #indexes = new Map<CompiledTemplate, number>();
  readonly #templates: Record<string, readonly string[]> = {};

  /** The index of `compiled` in this scope, adding it on first use. */
  reference(compiled: CompiledTemplate): number {
    let index = this.#indexes.get(compiled);
    if (index === undefined) {
      index = this.#indexes.size;
      this.#indexes.set(compiled, index);
      this.#templates[String(index)] = compiled.statics;
    }
    return index;
  }

  get isEmpty(): boolean {
    return this.#indexes.size === 0;
  }

  templates(): Templates {
    return this.#templates;
  }
}
