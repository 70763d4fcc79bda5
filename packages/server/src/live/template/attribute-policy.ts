/**
 * What an attribute's value means to the browser, decided once per attribute name when a call
 * site is parsed (or per key for a spread), and what that requires of a dynamic value.
 *
 * - `url`: the value is navigated to or fetched; a `javascript:`, `vbscript:` or `data:` URL
 *   (however obfuscated) renders as {@link UNSAFE_URL_REPLACEMENT} instead.
 * - `script`: the browser runs or parses the value (`on*` handlers, `srcdoc`); entity escaping
 *   is undone by the browser before that, so only `safe(...)` values are accepted.
 * - `class`: an array value is a class list (truthy entries joined with spaces).
 * - `plain`: escaped text.
 */
export type AttributePolicy = "url" | "script" | "class" | "plain";

/** What an unsafe URL renders as: inert, and easy to find when debugging. */
export const UNSAFE_URL_REPLACEMENT = "about:invalid#cinder-unsafe-url";

const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "poster",
  "cite",
  "background",
  "data",
  "codebase",
  "longdesc",
  "usemap",
  "manifest",
  "icon",
  "profile",
  "classid",
  "archive",
  "lowsrc",
  "dynsrc",
]);

export function attributePolicy(attributeName: string): AttributePolicy {
  const name = attributeName.toLowerCase();
  if (URL_ATTRIBUTES.has(name)) return "url";
  if (name.startsWith("on") || name === "srcdoc") return "script";
  if (name === "class") return "class";
  return "plain";
}

/**
 * Attribute names a spread may emit: anything the HTML tokenizer reads back as one attribute
 * name. Keys outside this set (whitespace, quotes, `=`, `<`, `>`, `/`, controls) are dropped.
 */
const VALID_ATTRIBUTE_NAME = /^[^\s"'<>/=\u0000-\u001f\u007f]+$/;

export function isValidAttributeName(name: string): boolean {
  return VALID_ATTRIBUTE_NAME.test(name);
}

// Browsers drop leading C0 controls and spaces and every tab/newline before reading a scheme.
// Removing a wider set everywhere can only turn more strings into a recognised (and then
// refused) scheme, never fewer.
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const REFUSED_SCHEMES = new Set(["javascript", "vbscript", "data", "livescript", "mocha"]);
const SAFE_IMAGE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp|x-icon);base64,[a-z0-9+/=]*$/i;
const IMAGE_TAGS = new Set(["img", "source", "video", "input"]);

/**
 * True when `url` (the value as the browser will read it, character references decoded) may be
 * rendered. Base64 raster images are allowed in `src`/`poster` of image-like elements.
 *
 * @example
 * ```ts
 * isSafeUrl(" jav\tascript:alert(1)", "href", "a"); // false
 * isSafeUrl("/users/1", "href", "a"); // true
 * ```
 */
export function isSafeUrl(url: string, attributeName: string, tagName: string): boolean {
  const compact = url.replace(IGNORED_IN_SCHEME, "");
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined || !REFUSED_SCHEMES.has(scheme)) return true;
  const name = attributeName.toLowerCase();
  return scheme === "data" && (name === "src" || name === "poster") && IMAGE_TAGS.has(tagName) && SAFE_IMAGE_DATA_URL.test(compact);
}
