import type { IncomingMessage, ServerResponse } from "node:http";
import { relative } from "node:path";
import { cinder } from "@cinder/server";
import Fastify, { type FastifyInstance } from "fastify";
import type { ProjectConfig } from "../project/project-config.js";
import type { ReportedError } from "../runtime/dev-server-link.js";
import { ASSETS_URL_PREFIX } from "../build/asset-build.js";
import { AppProcess, crashReport } from "./app-process.js";
import { AssetWatcher, type AssetChange } from "./asset-watcher.js";
import { bundleDevClient } from "./dev-client-bundle.js";
import { DevLog } from "./dev-log.js";
import { injectDevClient, proxyRequest, proxyUpgrade } from "./proxy.js";
import { DEV_CLIENT_PATH, DEV_SOCKET_PATH, RELOAD_TOPIC, reloadSocket, type ReloadEvent } from "./reload-channel.js";
import { checkServerSources } from "./server-check.js";
import { SourceWatcher } from "./source-watcher.js";

export interface DevServerOptions {
  readonly config: ProjectConfig;
  readonly port: number;
  readonly host: string;
  /** The app's environment (.env.development loaded). */
  readonly env: NodeJS.ProcessEnv;
  readonly log?: DevLog;
}

/** How long a request waits for a restarting app before it gets the "server is starting" page. */
const UPSTREAM_WAIT_MS = 15_000;

/**
 * `cinder dev`: a front server on the app's port that stays up while the app restarts behind it.
 * It proxies pages and sockets to the app (a child process run from its TypeScript sources),
 * serves `/assets/*` from esbuild's watch mode, and keeps one live-reload channel per page:
 * stylesheets are swapped without a reload, client code reloads the page, a server change
 * restarts the app (the pages' LiveViews rejoin by themselves and recover their forms), and any
 * error — a syntax error, a crash at start, an exception while rendering — shows as an overlay
 * until it is fixed. A request that arrives mid-restart waits for the new app instead of failing.
 */
export class DevServer {
  readonly #options: DevServerOptions;
  readonly #log: DevLog;
  readonly #front: FastifyInstance;
  readonly #assets: AssetWatcher;
  #watcher: SourceWatcher | undefined;
  #app: AppProcess | undefined;
  #appPort: Promise<number> | undefined;
  /** The server code does not compile; the app (if any) still runs the last code that did. */
  #compileError: ReportedError | undefined;
  /** The app exited (crashed at start or later) and is not running. */
  #crashError: ReportedError | undefined;
  #runtimeError: ReportedError | undefined;
  #restarting: Promise<void> = Promise.resolve();
  #devClient = "";
  #closed = false;

  constructor(options: DevServerOptions) {
    this.#options = options;
    this.#log = options.log ?? new DevLog();
    this.#front = Fastify({ logger: false, forceCloseConnections: true });
    this.#assets = new AssetWatcher(options.config.assetEntries, options.config.root, (change) => this.#assetsChanged(change));
  }

  /** The error the overlay shows now, if any: compile errors first, then the last runtime error. */
  get currentError(): ReportedError | undefined {
    return this.#compileError ?? this.#crashError ?? this.#assets.error ?? this.#runtimeError;
  }

  /** Starts everything; resolves with the URL once the app answers. */
  async start(): Promise<string> {
    const started = performance.now();
    const { config } = this.#options;
    this.#devClient = await bundleDevClient();
    await this.#setUpFront();
    await Promise.all([this.#assets.start(), this.#startApp()]);
    await this.#front.listen({ port: this.#options.port, host: this.#options.host });
    this.#watcher = new SourceWatcher({
      root: config.root,
      folders: ["src"],
      files: ["package.json", ".env", ".env.local", ".env.development", ".env.development.local"],
      onChange: (paths) => this.#serverChanged(paths),
    });
    const address = this.#front.server.address();
    const port = typeof address === "object" && address !== null ? address.port : this.#options.port;
    const host = this.#options.host === "0.0.0.0" || this.#options.host === "::" ? "localhost" : this.#options.host;
    const url = `http://${host}:${port}/`;
    this.#log.ready(url, performance.now() - started);
    return url;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#watcher?.close();
    await Promise.all([this.#app?.stop(), this.#assets.stop(), this.#front.close()]);
  }

  async #setUpFront(): Promise<void> {
    const front = this.#front;
    await front.register(cinder, { sockets: { [DEV_SOCKET_PATH]: reloadSocket(() => this.currentError) } });
    // The body goes to the app as it came: no parsing here.
    front.removeAllContentTypeParsers();
    front.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    front.get(DEV_CLIENT_PATH, async (_request, reply) => reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(this.#devClient));
    front.get(`${ASSETS_URL_PREFIX}*`, async (request, reply) => {
      const asset = this.#assets.files.get((request.params as { "*": string })["*"]);
      if (asset !== undefined) return reply.type(asset.contentType).header("cache-control", "no-cache").send(Buffer.from(asset.contents));
      // Not an entry's output: maybe a file of the app's own under /assets.
      reply.hijack();
      await this.#forward(request.raw, reply.raw);
      return reply;
    });
    front.all("/*", async (request, reply) => {
      reply.hijack();
      await this.#forward(request.raw, reply.raw);
    });
    front.server.on("upgrade", (request, socket, head) => {
      if (request.url?.startsWith(`${DEV_SOCKET_PATH}/`)) return; // the cinder plugin's
      void proxyUpgrade(request, socket, head, () => this.#upstream());
    });
  }

  async #forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await proxyRequest(request, response, () => this.#upstream(), (html) => injectDevClient(html, DEV_CLIENT_PATH));
    } catch {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      // The app is down (it crashed, or does not compile): a page that shows why and reconnects when it is back.
      const page = injectDevClient(
        `<!DOCTYPE html><html lang="en" data-cinder-dev-down><head><meta charset="utf-8"><title>The app is not running</title></head><body style="font-family:system-ui;padding:2rem"><h1>The app is not running</h1><p>Fix the error shown here and save; this page reloads once the server is back.</p></body></html>`,
        DEV_CLIENT_PATH,
      );
      response.writeHead(503, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(page);
    }
  }

  /** The app's port; waits for a restart in progress, fails when the app is down. */
  #upstream(): Promise<number> {
    const port = this.#appPort;
    if (port === undefined) return Promise.reject(new Error("the app is not running"));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error("the app did not start in time")), UPSTREAM_WAIT_MS)));
    return Promise.race([port, timeout]).finally(() => clearTimeout(timer));
  }

  async #startApp(): Promise<void> {
    const { config, env } = this.#options;
    const compileError = await checkServerSources(config.serverEntry, config.root);
    if (compileError !== undefined) {
      this.#showError("compile", compileError);
      return;
    }
    this.#compileError = undefined;
    const app = new AppProcess({
      serverEntry: config.serverEntry,
      root: config.root,
      env,
      onMessage: (message) => {
        if (message.type === "error") {
          this.#runtimeError = message.error;
          this.#broadcast({ event: "error", payload: { error: message.error } });
        }
      },
      onExit: (code, output) => {
        if (this.#closed || this.#app !== app) return;
        this.#appPort = undefined;
        this.#showError("crash", crashReport(code, output));
      },
    });
    this.#app = app;
    this.#appPort = app.ready;
    try {
      await app.ready;
      this.#crashError = undefined;
    } catch {
      // onExit reported it
    }
  }

  #serverChanged(paths: string[]): void {
    if (this.#closed) return;
    const { config } = this.#options;
    const shown = paths.map((path) => relative(config.root, path)).join(", ");
    this.#restarting = this.#restarting.then(async () => {
      const started = performance.now();
      const compileError = await checkServerSources(config.serverEntry, config.root);
      if (compileError !== undefined) {
        // The running app keeps serving the last code that compiled.
        this.#showError("compile", compileError);
        return;
      }
      this.#compileError = undefined;
      const sourcesOnly = paths.every((path) => path.endsWith(".ts") && path !== config.serverEntry);
      if (sourcesOnly && this.#app !== undefined && this.#crashError === undefined) {
        const outcome = await this.#app.hotUpdate(paths);
        if (outcome.kind === "swapped" || outcome.kind === "unused") {
          this.#runtimeError = undefined;
          if (outcome.kind === "swapped") this.#log.hotSwapped(shown, outcome.views, performance.now() - started);
          this.#broadcast({ event: "clear", payload: {} });
          return;
        }
        if (outcome.kind === "error") {
          this.#runtimeError = outcome.error;
          this.#log.error(outcome.error);
          this.#broadcast({ event: "error", payload: { error: outcome.error } });
          return;
        }
        this.#log.note(`${shown}: ${outcome.reason}; restarting`);
      }
      await this.#restartApp(shown, started);
    });
    // One failed step must not stop every later save from being handled.
    this.#restarting = this.#restarting.catch((error: unknown) => this.#log.note(`handling ${shown} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }

  async #restartApp(shown: string, started: number): Promise<void> {
    const previous = this.#app;
    this.#app = undefined;
    await previous?.stop();
    this.#runtimeError = undefined;
    await this.#startApp();
    if (this.#compileError === undefined && this.#crashError === undefined) {
      this.#log.restarted(shown, performance.now() - started);
      this.#broadcast({ event: "clear", payload: {} });
    }
  }

  #assetsChanged(change: AssetChange): void {
    if (change.kind === "error") {
      this.#log.error(change.error);
      this.#broadcast({ event: "error", payload: { error: change.error } });
      return;
    }
    this.#log.assets(change.files, change.kind === "css" ? "swapped" : "reloaded");
    if (this.currentError === undefined) this.#broadcast({ event: "clear", payload: {} });
    if (change.kind === "css") this.#broadcast({ event: "css", payload: { files: change.files } });
    else this.#broadcast({ event: "reload", payload: { reason: `${change.files.join(", ")} changed` } });
  }

  #showError(kind: "compile" | "crash", error: ReportedError): void {
    if (kind === "compile") this.#compileError = error;
    else this.#crashError = error;
    this.#log.error(error);
    this.#broadcast({ event: "error", payload: { error } });
  }

  #broadcast(message: ReloadEvent): void {
    void this.#front.cinder.broadcast(RELOAD_TOPIC, message.event, JSON.parse(JSON.stringify(message.payload))).catch(() => undefined);
  }
}
