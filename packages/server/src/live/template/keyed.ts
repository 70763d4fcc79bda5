import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";

/**
 * A list rendered as a keyed comprehension: entries are matched to the previous render by key,
 * so a moved row costs an index on the wire and a changed row sends only its changed slots.
 * Created by {@link keyed}; rendered lazily by the change tracker.
 */
export class KeyedList<Item = unknown> {
  readonly items: readonly Item[];
  readonly keyOf: (item: Item, index: number) => unknown;
  readonly render: (item: Item, index: number) => unknown;

  constructor(items: readonly Item[], keyOf: (item: Item, index: number) => unknown, render: (item: Item, index: number) => unknown) {
    this.items = items;
    this.keyOf = keyOf;
    this.render = render;
  }
}

/**
 * Renders `items` as a keyed comprehension. Keys only need to be unique among siblings to get
 * minimal diffs; duplicate keys still render correctly (later duplicates count as new rows).
 *
 * @example
 * ```ts
 * html`<ul>${keyed(todos, (todo) => todo.id, (todo) => html`<li class=${["row", todo.done && "done"]}>${todo.title}</li>`)}</ul>`;
 * ```
 */
export function keyed<Item>(
  items: Iterable<Item> | null | undefined,
  keyOf: (item: Item, index: number) => unknown,
  render: (item: Item, index: number) => unknown,
): KeyedList<Item> {
  if (typeof keyOf !== "function") throw serverError("CINDER_TEMPLATE_INVALID_KEYED", `keyOf must be a function, got ${describeValue(keyOf)}`);
  if (typeof render !== "function") throw serverError("CINDER_TEMPLATE_INVALID_KEYED", `render must be a function, got ${describeValue(render)}`);
  if (items === null || items === undefined) return new KeyedList<Item>([], keyOf, render);
  if (Array.isArray(items)) return new KeyedList(items as readonly Item[], keyOf, render);
  if (typeof (items as Partial<Iterable<Item>>)[Symbol.iterator] !== "function") {
    throw serverError("CINDER_TEMPLATE_INVALID_KEYED", `items must be an array or another iterable, got ${describeValue(items)}`);
  }
  return new KeyedList([...items], keyOf, render);
}

export function isKeyedList(value: unknown): value is KeyedList {
  return value instanceof KeyedList;
}
