import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { devError } from "../dev-errors.js";
import { loadProjectConfig } from "../project/project-config.js";
import { liveViewSource, liveViewTestSource, type LiveViewNames } from "./live-view-template.js";

/** Where the starter declares its live routes; `cinder gen live` adds the new one there. */
const ROUTER_FILE = "src/router.ts";

/**
 * `cinder gen live <Name> [--path /url]` (Phoenix's `mix phx.gen.live`, without a database):
 * writes `src/live/<name>-live.ts` and its test, and adds the route to `src/router.ts`. Refuses
 * to overwrite anything.
 */
export async function genCommand(args: string[]): Promise<void> {
  const [kind, rawName, ...rest] = args;
  if (kind !== "live") throw devError("CINDER_DEV_INVALID_ARGUMENT", kind === undefined ? "cinder gen needs a generator: cinder gen live <Name>" : `There is no generator "${kind}" (there is: live)`);
  if (rawName === undefined) throw devError("CINDER_DEV_INVALID_ARGUMENT", "cinder gen live needs a name, e.g. cinder gen live Profile");
  const names = liveViewNames(rawName);
  const pathFlag = rest.indexOf("--path");
  const routePath = pathFlag === -1 ? `/${names.kebab}` : rest[pathFlag + 1];
  if (routePath === undefined || !/^\/[A-Za-z0-9/_:*.-]*$/.test(routePath)) throw devError("CINDER_DEV_INVALID_ARGUMENT", `--path needs a route like /profile, got ${JSON.stringify(routePath ?? "")}`);

  const config = loadProjectConfig();
  const viewFile = join(config.root, "src/live", `${names.kebab}-live.ts`);
  const testFile = join(config.root, "test/live", `${names.kebab}-live.test.ts`);
  const routerFile = join(config.root, ROUTER_FILE);
  for (const file of [viewFile, testFile]) if (existsSync(file)) throw devError("CINDER_DEV_GENERATOR_CONFLICT", relative(config.root, file));
  if (!existsSync(routerFile)) throw devError("CINDER_DEV_GENERATOR_NO_ROUTES", ROUTER_FILE);
  const router = readFileSync(routerFile, "utf8");
  const updatedRouter = addRoute(router, names, routePath, ROUTER_FILE);

  write(viewFile, liveViewSource(names));
  write(testFile, liveViewTestSource(names, routePath));
  writeFileSync(routerFile, updatedRouter);
  console.log(`* created ${relative(config.root, viewFile)}`);
  console.log(`* created ${relative(config.root, testFile)}`);
  console.log(`* added   "${routePath}": ${names.module} to ${ROUTER_FILE}`);
  console.log(`\nOpen http://localhost:${process.env["PORT"] ?? 4000}${routePath} (npm run dev), and run its test with npm test.`);
}

export function liveViewNames(raw: string): LiveViewNames {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(raw)) throw devError("CINDER_DEV_INVALID_ARGUMENT", `A LiveView name is letters and digits in PascalCase, like Profile or OrderHistory; got ${JSON.stringify(raw)}`);
  const pascal = raw[0]!.toUpperCase() + raw.slice(1).replace(/Live$/, "");
  const kebab = pascal.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
  const title = pascal.replace(/([a-z0-9])([A-Z])/g, "$1 $2");
  return { pascal, kebab, title, module: `${pascal}Live` };
}

/** Adds the import after the last import and the route as the first entry of the first `routes: {`. */
export function addRoute(source: string, names: LiveViewNames, routePath: string, file: string): string {
  if (new RegExp(`["']${routePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']\\s*:`).test(source)) throw devError("CINDER_DEV_GENERATOR_CONFLICT", `the route "${routePath}" in ${file}`);
  const routes = /routes:\s*\{\s*\n/.exec(source);
  if (routes === null) throw devError("CINDER_DEV_GENERATOR_NO_ROUTES", file);
  const indent = /\n([ \t]*)\S/.exec(source.slice(routes.index + routes[0].length - 1))?.[1] ?? "      ";
  const at = routes.index + routes[0].length;
  let updated = `${source.slice(0, at)}${indent}"${routePath}": ${names.module},\n${source.slice(at)}`;
  const importLine = `import { ${names.module} } from "./live/${names.kebab}-live.js";\n`;
  const imports = [...updated.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  const importAt = last === undefined ? 0 : last.index + last[0].length;
  updated = `${updated.slice(0, importAt)}${importLine}${updated.slice(importAt)}`;
  return updated;
}

function write(file: string, contents: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents, { flag: "wx" });
}
