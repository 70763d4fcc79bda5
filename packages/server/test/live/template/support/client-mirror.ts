import { RenderedTree, renderedToHtml, type RenderedNode, type RenderedRoot } from "@cinder/protocol";
import { RenderTracker, renderToString, type Template } from "@cinder/server";

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * What the browser holds: the protocol's `RenderedTree` (the official client's merge and render
 * semantics, differentially tested against phoenix_live_view's own `Rendered`). Every diff goes
 * through JSON first, as on the wire, so nothing is shared with the server's objects.
 */
export class ClientMirror {
  readonly #tree: RenderedTree;

  constructor(join: RenderedNode | RenderedRoot) {
    this.#tree = new RenderedTree(clone(join as RenderedRoot));
  }

  apply(diff: RenderedNode | RenderedRoot): this {
    this.#tree.merge(clone(diff as RenderedRoot));
    return this;
  }

  html(): string {
    return this.#tree.toHtml().html;
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
