import { RenderedTree, renderedToHtml, type RenderedNode, type RenderedRoot, type RenderOutput } from "@cinder/protocol";
import { renderToString, type Template } from "@cinder/server";
import { RenderTracker } from "../../../../src/live/template/render-tracker.js";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * What the browser holds: the protocol's `RenderedTree` (the official client's merge and render
 * semantics, differentially tested against phoenix_live_view's own `Rendered`). Like the client,
 * it renders right after every merge — the join, then each diff — because integer statics refer
 * to the `"p"` of the diff that brought them and are resolved by that render. Every diff goes
 * through JSON first, as on the wire, so nothing is shared with the server's objects.
 */
export class ClientMirror {
  readonly #tree: RenderedTree;
  #output: RenderOutput;

  constructor(join: RenderedNode | RenderedRoot) {
    this.#tree = new RenderedTree(clone(join as RenderedRoot));
    this.#output = this.#tree.toHtml();
  }

  apply(diff: RenderedNode | RenderedRoot): this {
    this.#tree.merge(clone(diff as RenderedRoot));
    this.#output = this.#tree.toHtml();
    return this;
  }

  /** The HTML of the last render. */
  html(): string {
    return this.#output.html;
  }

  /** Stream instructions of the last render, for the DOM patcher. */
  streams(): RenderOutput["streams"] {
    return this.#output.streams;
  }
}

/**
 * The HTML of a template rendered both ways — dead render, and the client's rendering of the
 * tracker's full tree — after checking that they agree.
 */
export function renderBothWays(template: Template): string {
  const deadRender = renderToString(template);
  const fromTree = renderedToHtml(clone(new RenderTracker().render(template) as RenderedRoot));
  if (deadRender !== fromTree) throw new Error(`dead render and tree disagree:\n${deadRender}\n---\n${fromTree}`);
  return deadRender;
}

/** JSON byte size, as on the wire. */
export const wireBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
