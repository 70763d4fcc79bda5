/** Replaces the page's body with `html`. */
export function mount(html: string): void {
  document.body.innerHTML = html;
}

/** The element with `id`; a missing one fails the test at once. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

/** Inline display as the user would see it styled ("" when none is set). */
export function displayOf(id: string): string {
  return byId(id).style.display;
}
