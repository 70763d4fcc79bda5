/**
 * HTML escaping for text and attribute values. The same five characters are escaped in every
 * context, so a value can move between text and a quoted attribute of either quote style without
 * becoming able to close a tag, an attribute or a comment.
 */
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPED_CHARACTERS = /[&<>"']/g;
const ENTITY_OF: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function entityOf(character: string): string {
  return ENTITY_OF[character] ?? character;
}

/**
 * Escapes `& < > " '`.
 *
 * @example
 * ```ts
 * escapeHtml(`<b title="x">`); // "&lt;b title=&quot;x&quot;&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED_CHARACTERS, entityOf) : text;
}

/**
 * Decodes the character references a browser would decode in an attribute value, as far as they
 * matter for recognising a URL scheme: numeric references (with or without `;`) and the named
 * ones that spell scheme characters or whitespace. Used on static template text only; dynamic
 * values are escaped, so their `&` never starts a reference.
 */
export function decodeCharacterReferences(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (match, body: string) => {
    if (body.startsWith("#")) {
      const codePoint = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : "\ufffd";
    }
    return NAMED_REFERENCES[body.toLowerCase()] ?? match;
  });
}

const NAMED_REFERENCES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  colon: ":",
  tab: "\t",
  newline: "\n",
  nbsp: "\u00a0",
  sol: "/",
  period: ".",
  lpar: "(",
  rpar: ")",
};
