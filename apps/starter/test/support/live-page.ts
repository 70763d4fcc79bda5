import { Socket, type Channel } from "@cinder/client";
import { RenderedTree, splitDiffExtras, type JsonObject, type RenderedRoot } from "@cinder/protocol";
import WebSocket from "ws";

/**
 * A LiveView page as a browser sees it, for tests: the HTTP render, then the WebSocket join of
 * its main view, then events — all over the real socket, with Cinder's own channel client. Each
 * event resolves once the server's reply is merged, so `expect(await page.click("inc")).toContain(…)`
 * reads the page after the click.
 */
export interface LivePage {
  /** The main view's HTML as it is now. */
  html(): string;
  /** The page title as the browser shows it (after `socket.pageTitle`), or the dead render's. */
  title(): string;
  /** `phx-click="<event>"` with its `phx-value-*`s. */
  click(event: string, value?: Record<string, string>): Promise<string>;
  /** `phx-change="<event>"` of a form: its fields as the browser would serialise them. */
  change(event: string, fields: Record<string, string>, target?: string): Promise<string>;
  /** `phx-submit="<event>"` of a form. */
  submit(event: string, fields: Record<string, string>): Promise<string>;
  close(): void;
}

export async function openLivePage(origin: string, path: string): Promise<LivePage> {
  const response = await fetch(`${origin}${path}`);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  const document = await response.text();
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const csrfToken = attribute(document, /<meta name="csrf-token" content="([^"]*)"/, "csrf meta tag");
  const id = attribute(document, /<div[^>]*\sid="(phx-[^"]+)"[^>]*data-phx-main/, "main LiveView container");
  const session = attribute(document, /data-phx-session="([^"]*)"/, "data-phx-session");
  const staticToken = attribute(document, /data-phx-static="([^"]*)"/, "data-phx-static");
  let title = decodeEntities(/<title[^>]*>([^<]*)<\/title>/.exec(document)?.[1] ?? "");

  // The browser sends the CSRF cookie with the upgrade; ws needs to be told.
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  }
  const socket = new Socket(`${origin.replace(/^http/, "ws")}/live`, {
    transport: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
    params: { _csrf_token: csrfToken },
  });
  socket.connect();
  const channel: Channel = socket.channel(`lv:${id}`, { url: `${origin}${path}`, params: { _csrf_token: csrfToken, _mounts: 0 }, session, static: staticToken });
  let tree: RenderedTree | undefined;
  const apply = (rendered: RenderedRoot): void => {
    const { diff, title: newTitle } = splitDiffExtras(rendered);
    if (newTitle !== undefined) title = newTitle;
    if (tree === undefined) tree = new RenderedTree(diff);
    else tree.merge(diff);
  };
  channel.on("diff", (diff) => apply(diff as RenderedRoot));
  await new Promise<void>((resolve, reject) => {
    channel
      .join()
      .receive("ok", (reply) => {
        apply((reply as unknown as { rendered: RenderedRoot }).rendered);
        resolve();
      })
      .receive("error", (reason) => reject(new Error(`join refused: ${JSON.stringify(reason)}`)))
      .receive("timeout", () => reject(new Error("join timed out")));
  });

  const html = (): string => tree?.toHtml().html ?? "";
  const push = (payload: JsonObject): Promise<string> =>
    new Promise((resolve, reject) => {
      channel
        .push("event", payload)
        .receive("ok", (reply) => {
          const diff = (reply as unknown as { diff?: RenderedRoot }).diff;
          if (diff !== undefined) apply(diff);
          resolve(html());
        })
        .receive("error", (reason) => reject(new Error(`event refused: ${JSON.stringify(reason)}`)))
        .receive("timeout", () => reject(new Error(`no reply to ${JSON.stringify(payload["event"])}`)));
    });
  const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

  return {
    html,
    title: () => title,
    click: (event, value = {}) => push({ type: "click", event, value }),
    change: (event, fields, target) => push({ type: "form", event, value: form(target === undefined ? fields : { ...fields, _target: target }) }),
    submit: (event, fields) => push({ type: "form", event, value: form(fields) }),
    close: () => socket.disconnect(),
  };
}

function attribute(document: string, pattern: RegExp, what: string): string {
  const value = pattern.exec(document)?.[1];
  if (value === undefined) throw new Error(`the page has no ${what}`);
  return decodeEntities(value);
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
