import type { JsTarget } from "@cinder/protocol";

/**
 * The elements a command acts on (spec §3.15 `to`). Absent: the source element itself. A string
 * selector searches the source's whole document, `closest` walks up from the source (itself
 * included), `inner` searches below it.
 *
 * Throws the browser's `SyntaxError` for a selector it cannot parse; the runner reports it.
 */
export function resolveTargets(source: Element, to: JsTarget | undefined): Element[] {
  if (to === undefined) return [source];
  if (typeof to === "string") return Array.from(source.ownerDocument.querySelectorAll(to));
  if ("closest" in to) {
    const match = source.closest(to.closest);
    return match === null ? [] : [match];
  }
  return Array.from(source.querySelectorAll(to.inner));
}

/** The selector text of `to`, for messages. */
export function describeTarget(to: JsTarget): string {
  if (typeof to === "string") return to;
  return "closest" in to ? `{closest: ${to.closest}}` : `{inner: ${to.inner}}`;
}
