import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, it } from "vitest";

/*
 * A real redis-server for tests: started on a free loopback port in a temp directory, with no
 * persistence, stopped (by its own pid) when the test is done. Used by the server package's
 * RedisPubSub tests and by the multi-node tests in tests/ (which import this file by a relative
 * path: it imports nothing from any package's src/).
 */

export const REDIS_SERVER_PATH = process.env["REDIS_SERVER_PATH"] ?? findOnPath("redis-server") ?? "/usr/bin/redis-server";

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Stop the server (SIGTERM, wait for exit). Clients see their connections drop. */
  stop(): Promise<void>;
  /** Start it again on the same port, empty (no persistence). */
  start(): Promise<void>;
  /** Final stop: also removes the temp directory. */
  close(): Promise<void>;
}

export function isRedisServerInstalled(): boolean {
  try {
    accessSync(REDIS_SERVER_PATH, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `describe` for suites that need redis-server. Without it, the suite is skipped with a loud
 * warning on a developer machine, and fails in CI (`CI=true`), where a missing system package is
 * a bug of the CI setup (`.ci/run` installs it).
 */
export function describeWithRedis(name: string, suite: () => void): void {
  if (isRedisServerInstalled()) {
    describe(name, suite);
    return;
  }
  const missing = `redis-server is not installed at ${REDIS_SERVER_PATH}: install it (apt-get install -y redis-server) or set REDIS_SERVER_PATH.`;
  if (process.env["CI"] === "true") {
    describe(name, () => {
      it("needs redis-server", () => {
        throw new Error(`${missing} CI must run the multi-node tests.`);
      });
    });
    return;
  }
  console.warn(`\n⚠️  SKIPPING "${name}": ${missing}\n`);
  describe.skip(name, suite);
}

const running = new Set<ChildProcess>();
// A test process that dies without afterAll must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Start redis-server on 127.0.0.1 on a free port; resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
  const directory = mkdtempSync(join(tmpdir(), "cinder-redis-"));
  let port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    if (child !== undefined) return;
    child = await launch(port, directory);
  }

  async function stop(): Promise<void> {
    const stopping = child;
    child = undefined;
    if (stopping === undefined) return;
    const exited = new Promise<void>((resolve) => stopping.once("exit", () => resolve()));
    if (stopping.exitCode === null && stopping.signalCode === null) stopping.kill("SIGTERM");
    else return;
    await exited;
  }

  // Another process may take the port between freePort() and the launch: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (error) {
      if (attempt === 3) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    async close() {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function launch(port: number, directory: string): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--loglevel", "notice"];
  const child = spawn(REDIS_SERVER_PATH, args, { cwd: directory, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (output.includes("Ready to accept connections")) {
        child.stdout?.off("data", onData);
        child.stdout?.resume(); // keep draining so the server never blocks on a full pipe
        child.off("exit", onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null): void => {
      reject(new Error(`redis-server exited with code ${code} before accepting connections on port ${port}:\n${output.slice(-2000)}`));
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", onExit);
    child.once("error", reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function findOnPath(command: string): string | undefined {
  for (const directory of (process.env["PATH"] ?? "").split(delimiter)) {
    if (directory === "") continue;
    const candidate = join(directory, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
