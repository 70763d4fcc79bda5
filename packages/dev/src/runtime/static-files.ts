import { createReadStream, realpathSync, statSync, type Stats } from "node:fs";
import { extname, join, sep } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
};

/** Digested files never change under their name: browsers may keep them for a year. */
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
/** Files whose name stays the same across deploys: ask the server each time (cheap with the ETag). */
export const REVALIDATE_CACHE = "public, max-age=0, must-revalidate";

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The file `relativePath` (a URL path below the folder, still percent-encoded) inside `directory`,
 * or undefined when there is none — or when the path tries to leave the folder (`..`, encoded
 * slashes, NUL, a symlink pointing outside). Never throws for hostile input.
 */
export function findStaticFile(directory: string, relativePath: string): { path: string; stats: Stats } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((segment) => segment !== "");
  if (segments.length === 0 || segments.some((segment) => segment === "." || segment === ".." || segment.startsWith("."))) return undefined;
  try {
    const root = realpathSync(directory);
    const path = realpathSync(join(root, ...segments));
    if (!path.startsWith(root + sep)) return undefined;
    const stats = statSync(path);
    return stats.isFile() ? { path, stats } : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a file with its type, length, cache policy and an ETag (answering 304 when the browser has it). */
export function sendStaticFile(request: FastifyRequest, reply: FastifyReply, file: { path: string; stats: Stats }, cacheControl: string): FastifyReply {
  const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
  reply.header("cache-control", cacheControl).header("etag", etag).header("x-content-type-options", "nosniff");
  if (request.headers["if-none-match"] === etag) return reply.code(304).send();
  reply.type(contentTypeOf(file.path)).header("content-length", file.stats.size);
  return reply.send(request.method === "HEAD" ? "" : createReadStream(file.path));
}
