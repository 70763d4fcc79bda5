import { UNSAFE_URL_REPLACEMENT, attributePolicy, isSafeUrl, isValidAttributeName, type AttributePolicy } from "./attribute-policy.js";
import type { SlotPlan } from "./compiled-template.js";
import { decodeCharacterReferences, escapeHtml } from "./escape.js";
import { SafeHtml } from "./safe-html.js";
import { Template } from "./template.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";

/**
 * Turns values into the HTML of string-valued slots. Shared by the change tracker and the dead
 * render so that both produce the same bytes.
 *
 * Nothing here throws on data: hostile strings come out escaped or, in URL attributes, replaced;
 * objects that cannot be stringified render empty. Only developer errors throw (a template in an
 * attribute, a plain string in a script context, a function where a value belongs).
 */

/** Text content of a value that is not a template, list or component. */
export function textHtml(value: unknown): string {
  switch (typeof value) {
    case "string":
      return escapeHtml(value);
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
    case "undefined":
      return "";
    case "function":
      throw serverError("CINDER_TEMPLATE_FUNCTION_VALUE", "text");
    default:
      if (value === null) return "";
      if (value instanceof SafeHtml) return value.html;
      return escapeHtml(stringifyForeign(value));
  }
}

/** The HTML of a slot whose plan is not `text` (text slots can hold templates and lists). */
export function stringSlotHtml(plan: Exclude<SlotPlan, { kind: "text" }>, values: readonly unknown[]): string {
  switch (plan.kind) {
    case "raw-text":
      return rawTextHtml(values[plan.valueIndex], `An interpolation inside <${plan.element}>`);
    case "comment":
      return commentHtml(values[plan.valueIndex]);
    case "attribute":
      return wholeAttributeHtml(plan.name, plan.policy, plan.tagName, values[plan.valueIndex]);
    case "attribute-value":
      return attributeValueHtml(plan.name, plan.policy, plan.tagName, plan.parts, values);
    case "spread":
      return spreadHtml(plan.tagName, values[plan.valueIndex]);
  }
}

function rawTextHtml(value: unknown, context: string): string {
  if (value instanceof SafeHtml) return value.html;
  if (value === null || value === undefined || typeof value === "boolean") return "";
  if (typeof value === "function") throw serverError("CINDER_TEMPLATE_FUNCTION_VALUE", context.toLowerCase());
  throw serverError("CINDER_TEMPLATE_UNSAFE_SCRIPT_CONTEXT", context);
}

function commentHtml(value: unknown): string {
  if (value instanceof Template || Array.isArray(value) || (typeof value === "object" && value !== null && !(value instanceof SafeHtml))) {
    throw serverError("CINDER_TEMPLATE_INVALID_COMMENT_VALUE", describeValue(value));
  }
  return textHtml(value);
}

/**
 * ` name="value"`, ` name` for `true`, nothing for `false`/`null`/`undefined` (HEEx semantics).
 */
function wholeAttributeHtml(name: string, policy: AttributePolicy, tagName: string, value: unknown): string {
  if (value === false || value === null || value === undefined) return "";
  if (value === true) return ` ${name}`;
  return ` ${name}="${attributeValueHtml(name, policy, tagName, [0], [value])}"`;
}

/**
 * The escaped text between the quotes of an attribute. In URL attributes the whole value (static
 * text decoded, values raw) is checked as the browser will read it; one unsafe value replaces
 * the whole URL. Values inside quotes follow text semantics: `null`, `undefined` and booleans
 * render nothing (write `${String(flag)}` for "true"/"false").
 */
function attributeValueHtml(
  name: string,
  policy: AttributePolicy,
  tagName: string,
  parts: readonly (string | number)[],
  values: readonly unknown[],
): string {
  let output = "";
  let decoded = "";
  let trustedOnly = true;
  for (const part of parts) {
    if (typeof part === "string") {
      output += part;
      if (policy === "url") decoded += decodeCharacterReferences(part);
      continue;
    }
    const value = values[part];
    if (value instanceof SafeHtml) {
      output += value.html;
      if (policy === "url") decoded += decodeCharacterReferences(value.html);
      continue;
    }
    if (policy === "script") {
      if (value === null || value === undefined || typeof value === "boolean") continue;
      rawTextHtml(value, `The attribute "${name}"`);
    }
    trustedOnly = false;
    const text = attributeText(name, value);
    output += escapeHtml(text);
    decoded += text;
  }
  if (policy === "url" && !trustedOnly && !isSafeUrl(decoded, name, tagName)) return UNSAFE_URL_REPLACEMENT;
  return output;
}

/** The unescaped text of one value in an attribute. Arrays are token lists (class lists). */
function attributeText(name: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
    case "bigint":
      return String(value);
    case "boolean":
    case "undefined":
      return "";
    case "function":
      throw serverError("CINDER_TEMPLATE_FUNCTION_VALUE", `the attribute "${name}"`);
    default:
      if (value === null) return "";
      if (value instanceof Template) throw serverError("CINDER_TEMPLATE_TEMPLATE_IN_ATTRIBUTE", name);
      if (value instanceof SafeHtml) return value.html;
      if (Array.isArray(value)) return tokenList(name, value);
      return stringifyForeign(value);
  }
}

/** `["btn", active && "active", null]` → `"btn active"`: truthy entries, space-separated. */
function tokenList(name: string, tokens: readonly unknown[]): string {
  let list = "";
  for (const token of tokens) {
    if (!token) continue;
    const text = Array.isArray(token) ? tokenList(name, token) : attributeText(name, token);
    if (text === "") continue;
    list = list === "" ? text : `${list} ${text}`;
  }
  return list;
}

/**
 * `<div ${attrs}>`: each key of a plain object as a whole attribute. Spread keys may come from
 * data, so what a static attribute name would make a developer error is dropped here instead:
 * keys that are not valid attribute names, and event handlers (`on*`, `srcdoc`) whose value is
 * not `safe(...)`.
 */
function spreadHtml(tagName: string, value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.html === "" ? "" : ` ${value.html}`;
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Template) {
    throw serverError("CINDER_TEMPLATE_INVALID_SPREAD", describeValue(value));
  }
  let output = "";
  for (const [name, attributeValue] of Object.entries(value)) {
    if (!isValidAttributeName(name)) continue;
    const policy = attributePolicy(name);
    if (policy === "script" && !(attributeValue instanceof SafeHtml)) continue;
    output += wholeAttributeHtml(name, policy, tagName, attributeValue);
  }
  return output;
}

/**
 * `String(value)` for values of no known kind (a Date, a JSON object where a string was
 * expected). Objects without a usable `toString` (null prototype, `{"toString": 1}` from JSON)
 * render empty instead of throwing.
 */
function stringifyForeign(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "";
  }
}
