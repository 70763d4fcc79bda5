import type { FastifyInstance } from "fastify";
import { cinder, cinderLive, type CinderLiveOptions, type CinderOptions } from "@cinder/server";
import { RawClient, type ReceivedTextFrame } from "../../support/raw-client.js";
import { RecordingLogger, startFastifyForTest, trackClient } from "../../support/test-server.js";

export const SECRET = "a-test-secret-that-is-long-enough-for-cinder-tokens";

/** What a browser takes from the HTTP render of a live page. */
export interface LivePage {
  status: number;
  html: string;
  /** `name=value` of the CSRF cookie (the one set now, or the one sent). */
  cookie: string;
  csrfToken: string;
  /** The main container (first `data-phx-main`), or the first container. */
  container: Container;
  containers: Container[];
  url: string;
  headers: Record<string, unknown>;
}

export interface Container {
  id: string;
  session: string;
  static: string;
  parentId: string | undefined;
  /** The container's inner HTML (for containers without nested containers). */
  inner: string;
}

export interface LiveServer {
  app: FastifyInstance;
  logger: RecordingLogger;
  origin: string;
  /** HTTP render of `path` (follows nothing: a redirect comes back as its 302). */
  get(path: string, cookie?: string): Promise<LivePage>;
  /** A raw WebSocket on `/live/websocket` carrying the page's cookie and csrf token. */
  connect(page: Pick<LivePage, "cookie" | "csrfToken">, options?: { csrfToken?: string; cookie?: string }): Promise<RawClient>;
  /** Join the page's main view (or `container`) with the official client's payload shape. */
  join(client: RawClient, page: LivePage, extra?: JoinExtra): Promise<Joined>;
  /** What a browser does to show a live page: the HTTP render, the socket, the join of its main view. */
  open(path: string, cookie?: string): Promise<{ page: LivePage; client: RawClient; joined: Joined }>;
}

export interface JoinExtra {
  container?: Container;
  url?: string | undefined;
  redirect?: string;
  flash?: string;
  mounts?: number;
  session?: string;
  static?: string | null;
  topic?: string;
}

export interface Joined {
  joinRef: string;
  topic: string;
  reply: ReceivedTextFrame;
  /** `reply.payload.response`. */
  response: any;
}

/** fastify + cinder + cinderLive on 127.0.0.1:0. */
export async function startLiveServer(options: Omit<CinderLiveOptions, "secretKeyBase"> & { secretKeyBase?: CinderLiveOptions["secretKeyBase"] }, cinderOptions: CinderOptions = {}): Promise<LiveServer> {
  const logger = new RecordingLogger();
  const { app, port } = await startFastifyForTest(async (app) => {
    await app.register(cinder, { logger, ...cinderOptions });
    await app.register(cinderLive, { secretKeyBase: SECRET, ...options });
  });
  const origin = `http://127.0.0.1:${port}`;
  const server: LiveServer = {
    app,
    logger,
    origin,
    async get(path, cookie) {
      const response = await app.inject({ method: "GET", url: path, headers: cookie === undefined ? {} : { cookie } });
      const setCookies = [response.headers["set-cookie"] ?? []].flat() as string[];
      const csrfCookie = setCookies.find((line) => line.startsWith("_cinder_csrf="))?.split(";")[0] ?? cookie ?? "";
      const html = response.body;
      const containers = parseContainers(html);
      return {
        status: response.statusCode,
        html,
        cookie: csrfCookie,
        csrfToken: /<meta name="csrf-token" content="([^"]*)"/.exec(html)?.[1] ?? "",
        container: containers.find((container) => container.parentId === undefined) ?? (containers[0] as Container),
        containers,
        url: `${origin}${path}`,
        headers: response.headers,
      };
    },
    async connect(page, overrides = {}) {
      const token = overrides.csrfToken ?? page.csrfToken;
      const url = `ws://127.0.0.1:${port}/live/websocket?_csrf_token=${encodeURIComponent(token)}&_mounts=0&vsn=2.0.0`;
      return trackClient(await RawClient.connect(url, { headers: { cookie: overrides.cookie ?? page.cookie, origin } }));
    },
    async join(client, page, extra = {}) {
      const container = extra.container ?? page.container;
      const topic = extra.topic ?? `lv:${container.id}`;
      const isChild = container.parentId !== undefined;
      const payload: Record<string, unknown> = {
        params: { _csrf_token: page.csrfToken, _mounts: extra.mounts ?? 0, _mount_attempts: 0 },
        session: extra.session ?? container.session,
        static: extra.static !== undefined ? extra.static : container.static === "" ? null : container.static,
        sticky: false,
      };
      if (extra.redirect !== undefined) payload.redirect = extra.redirect;
      else if (!isChild && !("url" in extra && extra.url === undefined)) payload.url = extra.url ?? page.url;
      if (extra.flash !== undefined) payload.flash = extra.flash;
      const ref = client.makeRef();
      client.send(ref, ref, topic, "phx_join", payload);
      const reply = await client.replyTo(ref, topic);
      return { joinRef: ref, topic, reply, response: reply.payload.response };
    },
    async open(path, cookie) {
      const page = await server.get(path, cookie);
      const client = await server.connect(page);
      return { page, client, joined: await server.join(client, page) };
    },
  };
  return server;
}

function parseContainers(html: string): Container[] {
  const containers: Container[] = [];
  const pattern = /<div id="([^"]+)"((?: data-phx-main)?) data-phx-session="([^"]*)" data-phx-static="([^"]*)"(?: data-phx-parent-id="([^"]*)")?>/g;
  for (let match = pattern.exec(html); match !== null; match = pattern.exec(html)) {
    const start = match.index + match[0].length;
    containers.push({ id: match[1] as string, session: match[3] as string, static: match[4] as string, parentId: match[5], inner: innerOf(html, start) });
  }
  return containers;
}

/** The inner HTML of the div whose start tag ends at `start` (counts nested divs). */
function innerOf(html: string, start: number): string {
  let depth = 1;
  const tags = /<div\b|<\/div>/g;
  tags.lastIndex = start;
  for (let match = tags.exec(html); match !== null; match = tags.exec(html)) {
    depth += match[0] === "</div>" ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index);
  }
  return html.slice(start);
}

/** Push a LiveView `event` and wait for its reply. */
export async function pushEvent(client: RawClient, joined: Joined, payload: Record<string, unknown>): Promise<ReceivedTextFrame> {
  const ref = client.push(joined.joinRef, joined.topic, "event", payload);
  return client.replyTo(ref, joined.topic);
}

/** A click on `phx-click=event` of a `<button phx-value-…>`: the value the official client sends. */
export function click(client: RawClient, joined: Joined, event: string, value: Record<string, unknown> = {}): Promise<ReceivedTextFrame> {
  return pushEvent(client, joined, { type: "click", event, value });
}
