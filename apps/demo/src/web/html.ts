/*
 * A small escaping template for the demo's pages, until @cinder/server ships its own `html`.
 * Every interpolated value is escaped unless it is itself the result of `html`.
 */

const trustedHtml = Symbol("trusted html");

export interface TrustedHtml {
  readonly [trustedHtml]: string;
}

export type HtmlValue = TrustedHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (typeof value === "object") return (value as TrustedHtml)[trustedHtml];
  return escapeHtml(String(value));
}

/**
 * @example
 * ```ts
 * const page = html`<p>Hello, ${user.name}</p>`; // the name is escaped
 * reply.type("text/html").send(toHtmlString(page));
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): TrustedHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? "");
  });
  return { [trustedHtml]: out };
}

/** Marks markup produced elsewhere (e.g. `jsonForScript`) as safe to insert unescaped. */
export function trusted(markup: string): TrustedHtml {
  return { [trustedHtml]: markup };
}

export function toHtmlString(fragment: TrustedHtml): string {
  return fragment[trustedHtml];
}

/**
 * JSON that is safe inside an inline `<script>`: `<`, `>` and `&` are written as `\u003c`…, so no
 * value can close the script element or open a comment, and U+2028/U+2029 are escaped as well.
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
