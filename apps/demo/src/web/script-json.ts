/**
 * JSON that is safe inside an inline `<script>`: `<`, `>` and `&` are written as `\u003c`…, so no
 * value can close the script element or open a comment, and U+2028/U+2029 are escaped as well.
 * The result is JavaScript source: insert it with `safe(...)`.
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(/[<>&\u2028\u2029]/g, (character) => {
    return `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
