/** True when the element takes up space on the page (not `display: none` or detached). */
export function isVisible(element: Element): boolean {
  const box = element as HTMLElement;
  return Boolean(box.offsetWidth || box.offsetHeight || element.getClientRects().length > 0);
}

/** True when any part of the element is inside the viewport. */
export function isInViewport(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const view = element.ownerDocument.defaultView;
  const height = view?.innerHeight ?? element.ownerDocument.documentElement.clientHeight;
  const width = view?.innerWidth ?? element.ownerDocument.documentElement.clientWidth;
  return rect.right > 0 && rect.bottom > 0 && rect.left < width && rect.top < height;
}
