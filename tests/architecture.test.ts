import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The dependency rule of architecture.md, checked on every source file: a wrong import fails the
 * suite before it becomes a habit. Per-package tsconfig `lib`/`types` already keep DOM types out
 * of the server and Node types out of the client; this covers what a compiler cannot see.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (entry === "node_modules" || entry === "dist") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (match) => match[1] ?? match[2] ?? "",
  );
}

function violations(packageDirectory: string, isForbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(join(root, packageDirectory, "src")).flatMap((file) =>
    importsOf(file)
      .filter(isForbidden)
      .map((specifier) => `${relative(root, file)} imports ${specifier}`),
  );
}

describe("the dependency rule", () => {
  it("keeps @cinder/protocol free of Node, the DOM and every other package", () => {
    const forbidden = (specifier: string) =>
      specifier.startsWith("node:") || /^(fs|path|crypto|ws|fastify|morphdom)$/.test(specifier) || (specifier.startsWith("@cinder/") && specifier !== "@cinder/protocol");
    expect(violations("packages/protocol", forbidden)).toEqual([]);
    const domUse = sourceFiles(join(root, "packages/protocol/src")).filter((file) => /\b(document|window)\.\w/.test(readFileSync(file, "utf8")));
    expect(domUse.map((file) => relative(root, file))).toEqual([]);
  });

  it("keeps server and client apart: what both need lives in protocol", () => {
    expect(violations("packages/server", (specifier) => specifier.startsWith("@cinder/client"))).toEqual([]);
    expect(violations("packages/client", (specifier) => specifier.startsWith("@cinder/server") || specifier.startsWith("node:"))).toEqual([]);
  });

  it("keeps the core free of the tools above it: dev, testing and the scaffolder attach through hook points", () => {
    const tool = (specifier: string) => /^(@cinder\/(dev|testing)|create-cinder)(\/|$)/.test(specifier);
    for (const directory of ["packages/protocol", "packages/server", "packages/client"]) expect(violations(directory, tool)).toEqual([]);
  });

  it("keeps third-party code behind one module of ours", () => {
    const importersOf = (packageDirectory: string, library: string) =>
      sourceFiles(join(root, packageDirectory, "src"))
        .filter((file) => importsOf(file).some((specifier) => specifier === library || specifier.startsWith(`${library}/`)))
        .map((file) => relative(join(root, packageDirectory, "src"), file));
    expect(importersOf("packages/server", "ws")).toEqual(["transport/websocket-transport.ts"]);
    expect(importersOf("packages/client", "morphdom")).toEqual(["dom/patch.ts"]);
  });

  it("imports other packages by name, never by a relative path into their sources", () => {
    const deepImport = (specifier: string) => /^(\.\.\/)+(packages\/)?(protocol|server|client|testing|dev|create-cinder|demo|starter)\/(src|dist)\//.test(specifier);
    for (const directory of ["packages/protocol", "packages/server", "packages/client", "packages/dev", "packages/create-cinder", "apps/demo", "apps/starter"]) {
      expect(violations(directory, deepImport)).toEqual([]);
    }
    const testFiles = sourceFiles(join(root, "tests")).filter((file) => !file.includes("/bench/results/")).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => /(^|\/)(packages|apps)\/[^/]+\/(src|dist)\//.test(specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(testFiles).toEqual([]);
  });
});
