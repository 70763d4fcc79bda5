/**
 * A stateful live component placed in a template. The renderer does not render it: it hands the
 * reference to the runtime's `resolveComponent(ref)` (live) or `resolveComponentHtml(ref)` (dead
 * render), and the slot holds the returned cid. The runtime owns the component's state, its
 * own change tracker (one per cid) and its place in the diff's `"c"` map.
 *
 * `Definition` is whatever the runtime uses to describe a live component; the template engine
 * never looks inside it.
 *
 * @example
 * ```ts
 * html`<div>${new LiveComponentRef(CartComponent, "cart", { items: assigns.items })}</div>`;
 * ```
 */
export class LiveComponentRef<Definition = unknown, Props extends object = Record<string, unknown>> {
  readonly definition: Definition;
  /** Unique per definition within one LiveView (Phoenix's `id` assign). */
  readonly id: string | number;
  readonly props: Props;

  constructor(definition: Definition, id: string | number, props: Props) {
    this.definition = definition;
    this.id = id;
    this.props = props;
  }
}

export function isLiveComponentRef(value: unknown): value is LiveComponentRef {
  return value instanceof LiveComponentRef;
}
