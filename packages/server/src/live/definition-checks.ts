import { describeValue } from "../errors/describe-value.js";
import { serverError } from "../errors/error-registry.js";

/**
 * The runtime checks `defineLiveView` and `defineLiveComponent` share, for callers the types do
 * not reach (plain JavaScript, `as never`): an object with `render`, optional callbacks that are
 * functions, `handleEvent` as a map of functions, an optional non-empty `name`. Each misuse
 * throws `code` with the fix in the message.
 */
export function assertDefinitionShape(
  definition: unknown,
  code: "CINDER_LIVE_INVALID_DEFINITION" | "CINDER_COMPONENT_INVALID_DEFINITION",
  renderRequirement: string,
  optionalCallbacks: readonly string[],
): void {
  if (typeof definition !== "object" || definition === null) {
    throw serverError(code, `expected an object with render(assigns), got ${describeValue(definition)}`);
  }
  const fields = definition as Record<string, unknown>;
  if (typeof fields.render !== "function") throw serverError(code, `render(assigns) is required and must return ${renderRequirement}`);
  for (const callback of optionalCallbacks) {
    const value = fields[callback];
    if (value !== undefined && typeof value !== "function") throw serverError(code, `${callback} must be a function, got ${describeValue(value)}`);
  }
  const handlers = fields.handleEvent;
  if (handlers !== undefined) {
    if (typeof handlers !== "object" || handlers === null) {
      throw serverError(code, `handleEvent must be an object of handlers by event name, got ${describeValue(handlers)}`);
    }
    for (const [event, handler] of Object.entries(handlers)) {
      if (typeof handler !== "function") throw serverError(code, `handleEvent.${event} must be a function`);
    }
  }
  if (fields.name !== undefined && (typeof fields.name !== "string" || fields.name === "")) {
    throw serverError(code, "name must be a non-empty string");
  }
}
