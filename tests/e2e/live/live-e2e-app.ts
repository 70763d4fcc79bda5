import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import Fastify, { type FastifyInstance } from "fastify";
import { cinder, cinderLive, defineLiveView, html } from "@cinder/server";

/*
 * The LiveView pages the end-to-end tests drive in Chromium: a counter with a JS command, a
 * validated form with debounce, patch and redirect navigation, and a hook with a pushEvent reply.
 * The page loads Cinder's client or the official phoenix_live_view client, chosen by the
 * `e2e_client` cookie, so both are run against the same server.
 */

export type ClientKind = "cinder" | "official";

const here = dirname(fileURLToPath(import.meta.url));

/** Bundles both browser entries once (esbuild, ESM, for the browser). */
export async function bundleClients(): Promise<Record<ClientKind, string>> {
  const outdir = mkdtempSync(join(tmpdir(), "cinder-e2e-live-"));
  await build({
    entryPoints: { cinder: join(here, "browser-cinder.ts"), official: join(here, "browser-official.ts") },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir,
    conditions: ["@cinder/source"],
    logLevel: "error",
  });
  return {
    cinder: readFileSync(join(outdir, "cinder.js"), "utf8"),
    official: readFileSync(join(outdir, "official.js"), "utf8"),
  };
}

interface CounterAssigns {
  count: number;
}
const CounterLive = defineLiveView<CounterAssigns, { inc: { by?: string } }>({
  name: "CounterLive",
  mount(_params, _session, socket) {
    socket.assign({ count: 0 });
  },
  handleEvent: {
    inc(value, socket) {
      socket.assign({ count: socket.assigns.count + Number(value.by ?? 1) });
    },
  },
  render: (assigns) => html`<h1 id="count">Count: ${String(assigns.count)}</h1>
<button id="inc" phx-click="inc" phx-value-by="1">+1</button>
<button id="inc-js" phx-click='[["push",{"event":"inc","value":{"by":"5"}}],["add_class",{"names":["flashed"],"to":"#count"}]]'>+5</button>
<button id="toggle" phx-click='[["toggle",{"to":"#panel"}]]'>toggle</button>
<div id="panel">panel</div>`,
});

interface FormAssigns {
  name: string;
  validations: number;
  saved: string;
  generation: number;
}
export interface FormEvents {
  validate: { user?: { name?: string } };
  save: { user?: { name?: string } };
}

function formLive(generation: number) {
  return defineLiveView<FormAssigns, FormEvents>({
    name: "FormLive",
    mount(_params, _session, socket) {
      socket.assign({ name: "", validations: 0, saved: "", generation });
    },
    handleEvent: {
      validate(value, socket) {
        socket.assign({ name: value.user?.name ?? "", validations: socket.assigns.validations + 1 });
      },
      save(value, socket) {
        socket.assign({ saved: value.user?.name ?? "" });
      },
    },
    render: (assigns) => html`<form id="user-form" phx-change="validate" phx-submit="save">
<input id="name" name="user[name]" phx-debounce="300" value=${assigns.name}>
<button id="save" type="submit">Save</button>
</form>
<p id="greeting">Hello, ${assigns.name}</p>
${assigns.name.length > 0 && assigns.name.length < 3 ? html`<p id="error">too short</p>` : ""}
<p id="validations">${String(assigns.validations)}</p>
<p id="saved">${assigns.saved === "" ? "" : `Saved ${assigns.saved}`}</p>
<p id="generation">server ${String(assigns.generation)}</p>`,
  });
}

const NavLive = defineLiveView<{ page: string }>({
  name: "NavLive",
  mount(_params, _session, socket) {
    socket.assign({ page: "1" });
  },
  handleParams(params, _url, socket) {
    socket.assign({ page: typeof params.page === "string" ? params.page : "1" });
  },
  render: (assigns) => html`<h1 id="page">Page ${assigns.page}</h1>
<a id="to-page-2" href="/nav?page=2" data-phx-link="patch" data-phx-link-state="push">page 2</a>
<a id="to-page-3" href="/nav?page=3" data-phx-link="patch" data-phx-link-state="push">page 3</a>
<a id="to-counter" href="/counter" data-phx-link="redirect" data-phx-link-state="push">counter</a>`,
});

const HookLive = defineLiveView<{ pings: number }, { ping: { from?: string } }>({
  name: "HookLive",
  mount(_params, _session, socket) {
    socket.assign({ pings: 0 });
  },
  handleEvent: {
    ping(_value, socket) {
      const pings = socket.assigns.pings + 1;
      socket.assign({ pings });
      return { reply: { count: pings } };
    },
  },
  render: (assigns) => html`<button id="pinger" phx-hook="Pinger">ping</button><p id="pings">${String(assigns.pings)}</p>`,
});

export interface LiveE2eApp {
  app: FastifyInstance;
  origin: string;
}

/**
 * Starts the pages on 127.0.0.1 (`port` 0 for any). `generation` numbers server restarts; it is
 * rendered by the form page so a test can tell which server answered.
 */
export async function startLiveE2eApp(bundles: Record<ClientKind, string>, secretKeyBase: string, port = 0, generation = 1): Promise<LiveE2eApp> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(cinder, {});
  await app.register(cinderLive, {
    secretKeyBase,
    title: { default: "E2E", suffix: " · Cinder" },
    layout: (page) => {
      const kind: ClientKind = /(?:^|;\s*)e2e_client=official/.test(page.request.headers.cookie ?? "") ? "official" : "cinder";
      return html`<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="csrf-token" content=${page.csrfToken}>${page.titleTag}
<script type="module" src=${`/assets/${kind}.js`}></script></head><body>${page.inner}</body></html>`;
    },
    liveSessions: {
      default: { routes: { "/counter": CounterLive, "/form": formLive(generation), "/nav": NavLive, "/hook": HookLive } },
    },
  });
  for (const kind of ["cinder", "official"] as const) {
    app.get(`/assets/${kind}.js`, (_request, reply) => reply.type("text/javascript").send(bundles[kind]));
  }
  await app.listen({ port, host: "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  return { app, origin: `http://127.0.0.1:${address.port}` };
}
