/**
 * Sets the page title from a diff's `t` (spec §3.4.7): `data-prefix` + title + `data-suffix` of
 * the `<title>` element; an empty title falls back to `data-default`, or changes nothing.
 */
export function putTitle(title: string | undefined): void {
  const element = document.querySelector("title");
  if (element === null) {
    if (typeof title === "string") document.title = title;
    return;
  }
  const { prefix, suffix, default: fallback } = element.dataset;
  const empty = typeof title !== "string" || title.trim() === "";
  if (empty && typeof fallback !== "string") return;
  document.title = `${prefix ?? ""}${(empty ? fallback : title) ?? ""}${suffix ?? ""}`;
}
