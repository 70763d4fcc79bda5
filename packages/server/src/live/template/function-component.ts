import { isTemplate } from "./template.js";

/**
 * A memoised function component call. The change tracker evaluates `render(props)` only when
 * the props differ (shallowly) from the previous render at the same place; on the wire the call
 * is invisible — only the template it returns is sent.
 */
export class ComponentCall<Props extends object = Record<string, unknown>> {
  readonly render: (props: Props) => unknown;
  readonly props: Props;

  constructor(render: (props: Props) => unknown, props: Props) {
    this.render = render;
    this.props = props;
  }
}

/**
 * Calls the function component `render` with `props`, skipping the call on re-render when the
 * props are shallow-equal to last time. Children are props too: pass an html`` template (e.g.
 * `inner`) and interpolate it inside the component; a child template whose values are unchanged
 * counts as equal.
 *
 * @example
 * ```ts
 * const Card = (props: { title: string; inner: Template }) => html`<section><h2>${props.title}</h2>${props.inner}</section>`;
 * html`<main>${component(Card, { title: assigns.title, inner: html`<p>${assigns.body}</p>` })}</main>`;
 * ```
 */
export function component<Props extends object>(render: (props: Props) => unknown, props: Props): ComponentCall<Props> {
  return new ComponentCall(render, props);
}

export function isComponentCall(value: unknown): value is ComponentCall<object> {
  return value instanceof ComponentCall;
}

/**
 * Same keys, and `Object.is` per key; a template counts as equal to another of the same call
 * site whose values are `Object.is`-equal (children are usually rebuilt on every render).
 */
export function shallowEqualProps(previous: object, next: object): boolean {
  if (previous === next) return true;
  const previousKeys = Object.keys(previous);
  const nextKeys = Object.keys(next);
  if (previousKeys.length !== nextKeys.length) return false;
  for (const key of nextKeys) {
    if (!Object.prototype.hasOwnProperty.call(previous, key)) return false;
    const a = (previous as Record<string, unknown>)[key];
    const b = (next as Record<string, unknown>)[key];
    if (Object.is(a, b)) continue;
    if (!(isTemplate(a) && isTemplate(b) && a.compiled === b.compiled && sameValues(a.values, b.values))) return false;
  }
  return true;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (!Object.is(a[index], b[index])) return false;
  return true;
}
