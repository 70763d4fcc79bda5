import { serverError } from "../../errors/error-registry.js";

type Segment =
  | { readonly kind: "static"; readonly text: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "splat"; readonly name: string };

/**
 * A live route pattern compiled once: `"/users/:id"` (one segment), `"/files/*path"` (the rest of
 * the path, at the end only). The same matcher serves the HTTP render and the WebSocket join, so
 * a URL routes to the same view on both sides (and on every node).
 *
 * @example
 * ```ts
 * const route = new RoutePattern("/users/:id");
 * route.match("/users/7"); // { id: "7" }
 * route.fastifyPath;       // "/users/:id"
 * ```
 */
export class RoutePattern {
  readonly pattern: string;
  readonly #segments: readonly Segment[];

  constructor(pattern: string) {
    this.pattern = pattern;
    this.#segments = parsePattern(pattern);
  }

  /** The path to register with fastify (its wildcard is an unnamed `*`). */
  get fastifyPath(): string {
    if (this.#segments.length === 0) return "/";
    return this.#segments.map((segment) => (segment.kind === "static" ? `/${segment.text}` : segment.kind === "param" ? `/:${segment.name}` : "/*")).join("");
  }

  /** Path params when `pathname` (still percent-encoded) matches, else undefined. */
  match(pathname: string): Record<string, string> | undefined {
    if (!pathname.startsWith("/")) return undefined;
    const parts = pathname === "/" ? [] : pathname.slice(1).split("/");
    const params: Record<string, string> = {};
    let index = 0;
    for (const segment of this.#segments) {
      if (segment.kind === "splat") {
        const rest = decodeSegment(parts.slice(index).join("/"));
        if (rest === undefined) return undefined;
        params[segment.name] = rest;
        return params;
      }
      const part = parts[index];
      if (part === undefined) return undefined;
      const decoded = decodeSegment(part);
      if (decoded === undefined) return undefined;
      if (segment.kind === "static") {
        if (decoded !== segment.text) return undefined;
      } else {
        if (decoded === "") return undefined;
        params[segment.name] = decoded;
      }
      index++;
    }
    return index === parts.length ? params : undefined;
  }
}

function parsePattern(pattern: unknown): Segment[] {
  if (typeof pattern !== "string" || !pattern.startsWith("/")) throw serverError("CINDER_LIVE_INVALID_ROUTE", String(pattern), 'it must start with "/"');
  if (pattern.includes("?") || pattern.includes("#")) throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, "it must not contain a query or a fragment");
  if (pattern === "/") return [];
  const parts = pattern.slice(1).split("/");
  const names = new Set<string>();
  return parts.map((part, index) => {
    if (part === "") throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, "it has an empty segment (a double or trailing slash)");
    const kind = part.startsWith(":") ? "param" : part.startsWith("*") ? "splat" : "static";
    if (kind === "static") {
      if (part.includes(":") || part.includes("*")) throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, `"${part}" mixes text and a parameter`);
      return { kind, text: part };
    }
    const name = part.slice(1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, `"${part}" needs a parameter name made of letters, digits and "_"`);
    if (names.has(name)) throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, `the parameter "${name}" appears twice`);
    if (kind === "splat" && index !== parts.length - 1) throw serverError("CINDER_LIVE_INVALID_ROUTE", pattern, `the wildcard "${part}" must be the last segment`);
    names.add(name);
    return { kind, name };
  });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
