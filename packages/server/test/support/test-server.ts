import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach } from "vitest";
import { cinder, defineSocket, type CinderOptions, type ConnectInfo, type Logger, type SocketDefinition } from "@cinder/server";
import { RawClient, type ConnectOptions } from "./raw-client.js";

/** One log call the server made, as recorded by `RecordingLogger`. */
export interface LogRecord {
  level: "error" | "warn" | "info" | "debug";
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps every record, so tests can assert what was logged and how often. */
export class RecordingLogger implements Logger {
  readonly records: LogRecord[] = [];
  error(fields: Record<string, unknown>, message: string): void {
    this.records.push({ level: "error", fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.records.push({ level: "warn", fields, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.records.push({ level: "info", fields, message });
  }
  debug(fields: Record<string, unknown>, message: string): void {
    this.records.push({ level: "debug", fields, message });
  }
  withCode(code: string): LogRecord[] {
    return this.records.filter((record) => record.fields.code === code);
  }
}

export interface TestServer {
  app: FastifyInstance;
  logger: RecordingLogger;
  /** `ws://127.0.0.1:<port><path>/websocket?<query>` */
  url(path?: string, query?: string): string;
  /** Connect a raw client to `path` (default `/socket`) with `vsn=2.0.0` plus `query`. */
  connect(query?: string, options?: ConnectOptions & { path?: string }): Promise<RawClient>;
  close(): Promise<void>;
}

/** Closes every app started for the current test (memoised: a test may close earlier). */
const closeAfterTest = new Set<() => Promise<void>>();
const openClients = new Set<RawClient>();

// Every test file that imports this module gets the cleanup: no server or socket outlives its test.
afterEach(async () => {
  for (const client of openClients) client.terminate();
  openClients.clear();
  await Promise.all([...closeAfterTest].map((close) => close()));
  closeAfterTest.clear();
});

/**
 * Fastify on 127.0.0.1 at a free port, set up by `setUp` (register plugins there), closed after
 * the test even when `setUp` throws.
 */
export async function startFastifyForTest(
  setUp: (app: FastifyInstance) => Promise<void>,
): Promise<{ app: FastifyInstance; port: number; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= app.close().then(() => undefined));
  closeAfterTest.add(close);
  await setUp(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, port: (app.server.address() as AddressInfo).port, close };
}

/** Fastify + the cinder plugin on 127.0.0.1, a free port, logging into a `RecordingLogger`. */
export async function startTestServer(
  options: CinderOptions,
  configure?: (app: FastifyInstance) => void | Promise<void>,
): Promise<TestServer> {
  const logger = new RecordingLogger();
  const { app, port, close } = await startFastifyForTest(async (app) => {
    await configure?.(app);
    await app.register(cinder, { logger, ...options });
  });
  const server: TestServer = {
    app,
    logger,
    url: (path = "/socket", query = "vsn=2.0.0") => `ws://127.0.0.1:${port}${path}/websocket${query === "" ? "" : `?${query}`}`,
    async connect(query = "", connectOptions = {}) {
      const fullQuery = query === "" ? "vsn=2.0.0" : `${query}&vsn=2.0.0`;
      return trackClient(await RawClient.connect(server.url(connectOptions.path, fullQuery), connectOptions));
    },
    close,
  };
  return server;
}

/** What most channel tests need: one socket at `/socket` that accepts everyone and routes `room:*` to `channel`. */
export function startChannelServer(
  channel: SocketDefinition["channels"][string],
  options: Omit<CinderOptions, "sockets"> = {},
): Promise<TestServer> {
  return startTestServer({ ...options, sockets: { "/socket": defineSocket({ channels: { "room:*": channel } }) } });
}

/** A socket without channels that accepts every client and hands the test its `ConnectInfo`. */
export function connectInfoRecorder(): { socket: SocketDefinition; info: Promise<ConnectInfo> } {
  const seen = deferred<ConnectInfo>();
  const socket = defineSocket({
    connect(_params, _socket, info) {
      seen.resolve(info);
      return true;
    },
    channels: {},
  });
  return { socket, info: seen.promise };
}

/** Track a client created outside `connect` so it is cleaned up too. */
export function trackClient(client: RawClient): RawClient {
  openClients.add(client);
  return client;
}

/** A promise with its resolve function, for tests that wait on server-side events. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** Resolves once `condition()` holds, checking on every macrotask turn (bounded, then fails). */
export async function until(condition: () => boolean, description: string, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
