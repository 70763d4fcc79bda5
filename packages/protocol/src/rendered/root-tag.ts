/**
 * Rewriting the start tag of a template that renders exactly one root element (`"r": 1`).
 * The client stamps such roots with a stable `data-phx-id` so that an unchanged root can be
 * sent to morphdom as an empty placeholder (`data-phx-skip`) and the live element kept.
 */

/** Attributes added to a root start tag; `true` renders as a bare attribute. */
export type RootAttributes = Record<string, string | number | true>;

const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
]);

/** Leading whitespace and comments, then the tag name of the first start tag. */
const FIRST_START_TAG = /^(\s*(?:<!--[\s\S]*?-->\s*)*)<([^\s/>]+)/;

export interface RootTagRewrite {
  /** Whitespace and comments before the root element. */
  before: string;
  /** The root element, with the attributes added (or emptied, when skipping). */
  element: string;
  /** Whitespace and comments after the root element. */
  after: string;
}

/**
 * Adds `attributes` to the root element's start tag. With `emptyElement`, the element is
 * reduced to its start tag (keeping its `id`) plus the end tag — the skip placeholder.
 *
 * Throws when `html` does not start with an element: the server promised one root element
 * with `"r": 1`, so anything else is a broken tree, not user data.
 */
export function rewriteRootTag(html: string, attributes: RootAttributes, emptyElement = false): RootTagRewrite {
  const match = FIRST_START_TAG.exec(html);
  if (match === null) {
    throw new Error(`a template marked with "r": 1 must start with an element, got: ${html.slice(0, 60)}`);
  }
  const before = match[1] ?? "";
  const tagName = match[2] ?? "";
  const tagNameEnd = match[0].length;
  const startTagEnd = findStartTagEnd(html, tagNameEnd);
  const id = findIdAttribute(html.slice(tagNameEnd, startTagEnd));
  const elementEnd = findLastTagEnd(html, before.length + tagName.length);
  const after = html.slice(elementEnd + 1);

  const attributeText = Object.entries(attributes)
    .map(([name, value]) => (value === true ? name : `${name}="${value}"`))
    .join(" ");
  const separator = attributeText === "" ? "" : " ";

  if (emptyElement) {
    const idText = id === undefined ? "" : ` id="${id}"`;
    const element = VOID_ELEMENTS.has(tagName.toLowerCase())
      ? `<${tagName}${idText}${separator}${attributeText}/>`
      : `<${tagName}${idText}${separator}${attributeText}></${tagName}>`;
    return { before, element, after };
  }
  return { before, element: `<${tagName}${separator}${attributeText}${html.slice(tagNameEnd, elementEnd + 1)}`, after };
}

/** Index of the `>` closing the start tag, skipping quoted attribute values. */
function findStartTagEnd(html: string, from: number): number {
  let quote: string | undefined;
  for (let index = from; index < html.length; index++) {
    const char = html[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ">") {
      return index;
    }
  }
  return html.length - 1;
}

function findIdAttribute(startTagAttributes: string): string | undefined {
  const match = /(?:^|\s)id=(?:"([^"]*)"|'([^']*)')/.exec(startTagAttributes);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** Index of the last `>` that is not part of a trailing comment. */
function findLastTagEnd(html: string, notBefore: number): number {
  let index = html.length - 1;
  while (index >= notBefore) {
    if (html[index] === ">" && html.slice(index - 2, index) === "--") {
      const commentStart = html.lastIndexOf("<!--", index);
      if (commentStart < 0) return index;
      index = commentStart - 1;
    } else if (html[index] === ">") {
      return index;
    } else {
      index--;
    }
  }
  return html.length - 1;
}
