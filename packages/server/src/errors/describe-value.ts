/**
 * A short description of a value for an error message: its kind, and what helps recognise it
 * (a function's or class's name, the first keys of an object, the start of a string). It never
 * prints a whole value, so a message stays one line whatever it is given.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return `a function ${value.name || "(anonymous)"}`;
  if (typeof value === "object") {
    const className = (value as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof className === "string" && className !== "Object") return `a ${className}`;
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty object" : `an object with keys [${keys.slice(0, 5).join(", ")}]`;
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value).slice(0, 40)}`;
}
