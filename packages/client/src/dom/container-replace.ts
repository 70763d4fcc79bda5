import { PhxAttribute } from "./phx-attributes.js";

/** Container attributes that identify a LiveView and survive a container change. */
const KEPT_ATTRIBUTES = new Set(["id", PhxAttribute.session, PhxAttribute.static, PhxAttribute.main, PhxAttribute.rootId]);

/**
 * Applies a join reply's `container: [tag, attributes]` (spec §3.3.3): same tag → the
 * attributes are replaced in place; another tag → a new element takes the container's place
 * and content. The LiveView's own attributes are kept either way. Returns the container.
 */
export function replaceContainer(container: Element, tag: string, attributes: Record<string, unknown>): Element {
  let element = container;
  if (element.tagName.toLowerCase() !== tag.toLowerCase()) {
    const replacement = element.ownerDocument.createElement(tag);
    for (const name of KEPT_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value !== null) replacement.setAttribute(name, value);
    }
    replacement.innerHTML = element.innerHTML;
    element.replaceWith(replacement);
    element = replacement;
  } else {
    for (const { name } of Array.from(element.attributes)) if (!KEPT_ATTRIBUTES.has(name)) element.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (!KEPT_ATTRIBUTES.has(name.toLowerCase())) element.setAttribute(name, String(value));
  }
  return element;
}
