/**
 * Trusted markup that templates insert verbatim, without escaping. Only the application can make
 * one (`safe(...)`); data decoded from JSON can never be a `SafeHtml`, so hostile input cannot
 * smuggle markup past the escaper.
 */
export class SafeHtml {
  readonly html: string;

  constructor(html: string) {
    this.html = html;
  }

  toString(): string {
    return this.html;
  }
}

/**
 * Marks `html` as trusted markup: templates insert it as is, in text, in attribute values and
 * inside `<script>`/`<style>`. Never pass user input through `safe`.
 *
 * @example
 * ```ts
 * const icon = safe('<svg viewBox="0 0 8 8"><path d="M0 0h8v8z"/></svg>');
 * html`<button>${icon} Save</button>`;
 * ```
 */
export function safe(html: string): SafeHtml {
  return new SafeHtml(String(html));
}

/** Whether `value` is what `safe` returns. */
export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof SafeHtml;
}
