import { describe, expect, it } from "vitest";
import { defineLiveView, html, sign } from "@cinder/server";
import { RawClient } from "../../support/raw-client.js";
import { SECRET, startLiveServer, type LivePage } from "../support/live-server.js";
import { CounterLive } from "../support/views.js";

const OtherLive = defineLiveView<{ label: string }>({
  mount: (_params, _session, socket) => socket.assign({ label: "other" }),
  render: (assigns) => html`<p>${assigns.label}</p>`,
});

function counterServer() {
  return startLiveServer({
    liveSessions: {
      public: { routes: { "/counter": CounterLive, "/other": OtherLive } },
      admin: { routes: { "/admin": OtherLive } },
    },
  });
}

/** The session token's payload segment, re-signed with `mutate` applied (salt and secret chosen by the test). */
function resign(token: string, mutate: (claims: Record<string, unknown>) => void, options: { secret?: string; salt?: string; signedAt?: number } = {}): string {
  const payload = token.split(".")[2] as string;
  const [data] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [Record<string, unknown>];
  mutate(data);
  return sign(options.secret ?? SECRET, options.salt ?? "cinder live view session", data, {
    maxAge: 1_209_600,
    ...(options.signedAt === undefined ? {} : { signedAt: options.signedAt }),
  });
}

describe("joining a LiveView", () => {
  it("replies with the full render and the LiveView version (literal frame)", async () => {
    const server = await counterServer();
    const { page, joined } = await server.open("/counter");
    expect(joined.reply.raw).toBe(
      `["${joined.joinRef}","${joined.joinRef}","lv:${page.container.id}","phx_reply",{"status":"ok","response":{"rendered":{"0":"0","s":0,"p":{"0":["<h1>Count: ","</h1><button phx-click=\\"inc\\" phx-value-by=\\"1\\">+</button>"]}},"liveview_version":"1.2.12"}}]`,
    );
  });

  it("ignores connect params it does not know (_track_static, _live_referer, app params)", async () => {
    const server = await counterServer();
    const page = await server.get("/counter");
    const client = await server.connect(page);
    const ref = client.makeRef();
    client.send(ref, ref, `lv:${page.container.id}`, "phx_join", {
      url: page.url,
      params: { _csrf_token: page.csrfToken, _mounts: 0, _mount_attempts: 3, _track_static: ["http://x/app.js"], _live_referer: "undefined", timezone: "UTC" },
      session: page.container.session,
      static: page.container.static,
      sticky: false,
      somethingNew: { from: "a future client" },
    });
    const reply = await client.replyTo(ref);
    expect(reply.payload.status).toBe("ok");
    expect(reply.payload.response.rendered["0"]).toBe("0");
  });

  it("mounts from scratch on a rejoin (_mounts > 0) and sends a full render again", async () => {
    const server = await counterServer();
    const page = await server.get("/counter");
    const first = await server.connect(page);
    const joined = await server.join(first, page);
    const ref = first.push(joined.joinRef, joined.topic, "event", { type: "click", event: "inc", value: {} });
    await first.replyTo(ref);
    first.terminate();

    const second = await server.connect(page);
    const rejoined = await server.join(second, page, { mounts: 1 });
    expect(rejoined.response.rendered).toEqual(joined.response.rendered);
  });

  describe("answers stale (the client reloads the page)", () => {
    async function joinWith(mutatePayload: (page: LivePage) => { session?: string; topic?: string }, connect?: { csrfToken?: string; cookie?: string }) {
      const server = await counterServer();
      const page = await server.get("/counter");
      const client = await server.connect(page, connect);
      const joined = await server.join(client, page, mutatePayload(page));
      return { server, joined };
    }

    it("for a tampered session token", async () => {
      const { joined } = await joinWith((page) => {
        const [version, fingerprint, payload, mac, issuer] = page.container.session.split(".");
        const claims = JSON.parse(Buffer.from(payload as string, "base64url").toString("utf8"));
        claims[0].view = "admin /admin";
        const forged = Buffer.from(JSON.stringify(claims)).toString("base64url");
        return { session: [version, fingerprint, forged, mac, issuer].join(".") };
      });
      expect(joined.reply.payload).toEqual({ status: "error", response: { reason: "stale" } });
    });

    it("for a token signed with another secret (forged)", async () => {
      const { joined } = await joinWith((page) => ({ session: resign(page.container.session, () => {}, { secret: "another-secret-that-is-long-enough-to-sign-tokens" }) }));
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for an expired token (older than two weeks)", async () => {
      const { joined } = await joinWith((page) => ({ session: resign(page.container.session, () => {}, { signedAt: Date.now() - 15 * 24 * 3600 * 1000 }) }));
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a token of another purpose (the static token as session: wrong salt)", async () => {
      const { joined } = await joinWith((page) => ({ session: page.container.static }));
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a token whose container id is not the topic's", async () => {
      const { joined } = await joinWith(() => ({ topic: "lv:phx-someone-else" }));
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a missing or garbage session", async () => {
      const { joined } = await joinWith(() => ({ session: "\u0000<script>" }));
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a connection whose _csrf_token does not match its cookie", async () => {
      const { joined } = await joinWith(() => ({}), { csrfToken: "x".repeat(86) });
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a connection without the CSRF cookie", async () => {
      const { joined } = await joinWith(() => ({}), { cookie: "" });
      expect(joined.response).toEqual({ reason: "stale" });
    });

    it("for a page token replayed from another browser (its own, valid CSRF cookie)", async () => {
      const server = await counterServer();
      const victim = await server.get("/counter");
      const attacker = await server.get("/counter");
      const client = await server.connect(attacker);
      const joined = await server.join(client, attacker, { container: victim.container, session: victim.container.session });
      expect(joined.response).toEqual({ reason: "stale" });
    });
  });

  describe("answers unauthorized (the client reloads the page)", () => {
    it("when the URL now routes to another view", async () => {
      const server = await counterServer();
      const page = await server.get("/counter");
      const client = await server.connect(page);
      const joined = await server.join(client, page, { url: `${server.origin}/other` });
      expect(joined.response).toEqual({ reason: "unauthorized" });
    });

    it("when the URL routes nowhere, or is not a URL", async () => {
      const server = await counterServer();
      const page = await server.get("/counter");
      const client = await server.connect(page);
      expect((await server.join(client, page, { url: `${server.origin}/nowhere` })).response).toEqual({ reason: "unauthorized" });
      expect((await server.join(client, page, { url: "javascript:alert(1)" })).response).toEqual({ reason: "unauthorized" });
      expect((await server.join(client, page, { url: undefined })).response).toEqual({ reason: "unauthorized" });
    });

    it("when a live navigation leaves the live session", async () => {
      const server = await counterServer();
      const page = await server.get("/counter");
      const client = await server.connect(page);
      const joined = await server.join(client, page, { redirect: `${server.origin}/admin` });
      expect(joined.response).toEqual({ reason: "unauthorized" });
    });
  });

  it("refuses the upgrade from a foreign Origin before any join (HTTP 403)", async () => {
    const server = await counterServer();
    const page = await server.get("/counter");
    const url = `${server.origin.replace("http", "ws")}/live/websocket?_csrf_token=${page.csrfToken}&vsn=2.0.0`;
    expect(await RawClient.refusalStatus(url, { headers: { origin: "http://evil.example", cookie: page.cookie } })).toBe(403);
  });

  it("logs refused joins at debug level with a code, never the token", async () => {
    const server = await counterServer();
    const page = await server.get("/counter");
    const client = await server.connect(page);
    await server.join(client, page, { topic: "lv:phx-other" });
    const [record] = server.logger.withCode("CINDER_LIVE_JOIN_REFUSED");
    expect(record?.level).toBe("debug");
    expect(record?.message).toContain("another container id");
    expect(JSON.stringify(record)).not.toContain(page.container.session);
  });

  it("keeps the socket open and usable after refused joins", async () => {
    const server = await counterServer();
    const page = await server.get("/counter");
    const client = await server.connect(page);
    await server.join(client, page, { session: "garbage" });
    const joined = await server.join(client, page);
    expect(joined.reply.payload.status).toBe("ok");
    expect(client.isClosed).toBe(false);
  });
});
