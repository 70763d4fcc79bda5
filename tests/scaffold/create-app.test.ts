import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

/**
 * What a new user does, from a clone of this repository: `npm run create -- <folder>` (pack
 * every package, vendor the tarballs into the app, npm install), then the app's own tests,
 * `cinder build`, `cinder start` — and the running app answers its home page and joins its
 * LiveView over a real WebSocket. Nothing here reaches into the repository from the app.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const workspace = mkdtempSync(join(tmpdir(), "cinder-scaffold-"));
const app = join(workspace, "shop-front");
const timings: Record<string, number> = {};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env, CI: "", FORCE_COLOR: "0", NO_COLOR: "1" }, encoding: "utf8", timeout: 240_000 });
  timings[`${command} ${args.slice(0, 2).join(" ")}`] = Math.round(performance.now() - started);
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

afterAll(() => {
  console.log(`scaffold timings (ms): ${JSON.stringify(timings)}`);
  rmSync(workspace, { recursive: true, force: true });
});

describe("npm run create, then the generated app", () => {
  it("creates the app non-interactively from this clone's packages", () => {
    const created = run("npm", ["run", "create", "--", app, "--yes", "--no-git"], root, { INIT_CWD: workspace });
    expect(created.output).toContain("Created Shop Front");
    expect(created.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe("shop-front");
    expect(manifest.dependencies["@cinder/server"]).toMatch(/^file:vendor\/cinder\/cinder-server-\d+\.\d+\.\d+\.tgz$/);
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    expect(existsSync(join(app, ".gitignore"))).toBe(true);
    expect(existsSync(join(app, "node_modules/@cinder/dev/bin/cinder.js"))).toBe(true);
    // Its own secrets, not the template's.
    const secret = (file: string) => /^SECRET_KEY_BASE=(.+)$/m.exec(readFileSync(file, "utf8"))?.[1];
    expect(secret(join(app, ".env.development"))).not.toBe(secret(join(root, "apps/starter/.env.development")));
    expect(readFileSync(join(app, "src/config.ts"), "utf8")).toContain('APP_NAME = "Shop Front"');
  });

  it("type-checks against the installed packages' own declarations, server and browser side", () => {
    const checked = run("npm", ["run", "typecheck"], app);
    expect(checked.status, checked.output).toBe(0);
    // Every installed Cinder package is a plain npm package: concrete versions, no workspace ranges.
    for (const name of ["protocol", "server", "client", "dev"]) {
      const installed = readFileSync(join(app, "node_modules/@cinder", name, "package.json"), "utf8");
      expect(installed).not.toContain("workspace:");
      expect(installed).not.toContain("@cinder/source");
    }
    const bundle = run(process.execPath, ["--input-type=module", "-e", 'console.log(import.meta.resolve("@cinder/client/bundle"))'], app);
    expect(bundle.output).toContain("node_modules/@cinder/client/dist/bundle/cinder-client.mjs");
  });

  it("passes its own tests", () => {
    const tested = run("npm", ["test"], app);
    expect(tested.output).toMatch(/Tests\s+\S*\d+ passed/);
    expect(tested.status).toBe(0);
  });

  it("refuses to start in production with its development secret, and starts with a real one", async () => {
    expect(run("npx", ["cinder", "build"], app).status).toBe(0);
    const developmentSecret = /^SECRET_KEY_BASE=(.+)$/m.exec(readFileSync(join(app, ".env.development"), "utf8"))?.[1] ?? "";
    const refused = run("npx", ["cinder", "start"], app, { SECRET_KEY_BASE: developmentSecret });
    expect(refused.status).toBe(1);
    expect(refused.output).toContain("CINDER_DEV_SECRET_WEAK");

    const port = await freePort();
    const secret = run("npx", ["cinder", "secret"], app).output.trim().split("\n")[0] ?? "";
    const server = spawn("npx", ["cinder", "start"], { cwd: app, env: { ...process.env, SECRET_KEY_BASE: secret, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    server.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    try {
      const origin = `http://127.0.0.1:${port}`;
      let home: Response | undefined;
      for (let attempt = 0; attempt < 100 && home === undefined; attempt++) {
        home = await fetch(`${origin}/`).catch(() => undefined);
        if (home === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(home?.status, log).toBe(200);
      const page = await home!.text();
      const script = /<script type="module" src="(\/assets\/app-[A-Z0-9]+\.js)">/.exec(page)?.[1];
      expect(script, "the digested script in the page").toBeDefined();
      const asset = await fetch(`${origin}${script}`);
      expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      // Production logs are JSON lines.
      expect(log.split("\n").some((line) => line.startsWith("{") && line.includes('"msg"'))).toBe(true);

      const joined = await joinLiveView(origin, page, home!.headers.get("set-cookie") ?? "");
      expect(joined.status).toBe("ok");
      expect(JSON.stringify(joined.response)).toContain("Welcome to Cinder");
    } finally {
      server.kill("SIGTERM");
    }
  });
});

/** What the browser's LiveSocket does first: the WebSocket with the page's CSRF token and cookie, then phx_join of the main view. */
async function joinLiveView(origin: string, page: string, setCookie: string): Promise<{ status: string; response: unknown }> {
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
  const id = /id="(phx-[^"]+)" data-phx-main/.exec(page)?.[1] ?? "";
  const session = /data-phx-session="([^"]+)"/.exec(page)?.[1] ?? "";
  const staticToken = /data-phx-static="([^"]+)"/.exec(page)?.[1] ?? "";
  const socket = new WebSocket(`${origin.replace("http", "ws")}/live/websocket?_csrf_token=${encodeURIComponent(csrf)}&vsn=2.0.0`, { headers: { cookie: setCookie.split(";")[0] ?? "", origin } });
  try {
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    socket.send(JSON.stringify(["1", "1", `lv:${id}`, "phx_join", { url: `${origin}/`, params: { _csrf_token: csrf, _mounts: 0 }, session, static: staticToken }]));
    const [, , , , payload] = await new Promise<unknown[]>((resolve) => socket.once("message", (data) => resolve(JSON.parse(String(data)) as unknown[])));
    return payload as { status: string; response: unknown };
  } finally {
    socket.close();
  }
}
