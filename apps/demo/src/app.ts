import fastifyCookie from "@fastify/cookie";
import { cinder, cinderLive, Presence } from "@cinder/server";
import fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { OnlineMeta } from "./chat/online-users.js";
import { createUserSocket, sessionOfUserToken } from "./chat/user-socket.js";
import { chatPage } from "./pages/chat-page.js";
import { livePagesOptions } from "./live/live-pages.js";
import { contentSecurityPolicy, renderLayout } from "./pages/layout.js";
import { signInPage } from "./pages/sign-in-page.js";
import { UserStore, validateName } from "./users.js";
import { bundleBrowserScripts, type BrowserScripts, type LiveClientKind } from "./web/browser-bundles.js";
import { browserPipeline, clearSessionCookie, cookieSigningKey, isSameOriginPost, setSessionCookie } from "./web/session.js";
import { SessionStore, sessionSocketId } from "./web/session-store.js";

export interface DemoAppOptions {
  /** Signs session cookies and socket tokens; at least 32 bytes. See `resolveSecretKeyBase`. */
  secretKeyBase: string;
  /** Passed to fastify; off by default. */
  logger?: FastifyServerOptions["logger"];
  /** Minify the browser bundles (default: when NODE_ENV is production). */
  minifyAssets?: boolean;
  /**
   * The LiveView client the live pages load: Cinder's own `LiveSocket` (default), or the official
   * `phoenix_live_view` client — the tests run every live scenario with both.
   */
  liveClient?: LiveClientKind;
}

const MIN_SECRET_BYTES = 32;
/** The header the chat page sends its user token in when it asks `/session/status`. */
const USER_TOKEN_HEADER = "x-user-token";
const FORM_BODY_LIMIT_BYTES = 4096;

/**
 * The demo application — the channel chat of the seed and the live pages — ready to `listen`:
 * not listening yet, so tests can start it on port 0 or drive it with `inject`.
 *
 * @example
 * ```ts
 * const app = createDemoApp({ secretKeyBase: process.env.SECRET_KEY_BASE! });
 * await app.listen({ port: 4000, host: "127.0.0.1" });
 * ```
 */
export function createDemoApp(options: DemoAppOptions): FastifyInstance {
  const { secretKeyBase } = options;
  if (typeof secretKeyBase !== "string" || Buffer.byteLength(secretKeyBase) < MIN_SECRET_BYTES) {
    throw new Error(
      `createDemoApp needs a secretKeyBase of at least ${MIN_SECRET_BYTES} bytes; generate one with ` +
        "`node -e \"console.log(require('node:crypto').randomBytes(48).toString('base64url'))\"`.",
    );
  }
  const users = new UserStore();
  const sessions = new SessionStore(users);
  const app = fastify({ logger: options.logger ?? false });

  app.register(fastifyCookie, { secret: cookieSigningKey(secretKeyBase) });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  // Who is online in each room, for the channel page and the live chat alike (one node: in memory).
  const presence = new Presence<OnlineMeta>();
  app.register(cinder, { presence, sockets: { "/socket": createUserSocket({ secretKeyBase, users, sessions, presence }) } });

  let scripts: BrowserScripts | undefined;
  app.addHook("onReady", async () => {
    scripts = await bundleBrowserScripts({
      minify: options.minifyAssets ?? process.env["NODE_ENV"] === "production",
      liveClient: options.liveClient ?? "cinder",
    });
  });
  for (const [path, script] of [["/assets/chat.js", "chat"], ["/assets/live.js", "live"]] as const) {
    app.get(path, async (_request, reply) => {
      return reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(scripts?.[script] ?? "");
    });
  }

  app.decorateRequest("sessionId", undefined);
  app.decorateRequest("currentUser", undefined);
  app.decorateRequest("userToken", undefined);
  app.decorateRequest("cspNonce", "");
  // Every page, the live pages included, knows its user and has a CSP nonce; every HTML answer
  // carries the policy (the live pages are rendered by cinderLive, which knows nothing of CSP).
  app.addHook("preHandler", browserPipeline({ secretKeyBase, sessions }));
  app.addHook("onSend", async (request, reply, payload) => {
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("text/html") && !reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", contentSecurityPolicy(request.cspNonce));
    }
    return payload;
  });
  app.register(
    cinderLive,
    livePagesOptions({
      secretKeyBase,
      sessions,
      unsignCookie: (value) => app.unsignCookie(value),
      broadcast: (topic, event, payload) => app.cinder.broadcast(topic, event, payload),
      presence,
    }),
  );

  /**
   * Ends a session everywhere at once: the store forgets it (so its cookie, its user token and
   * the session token of every live page it opened name nothing any more), and every socket of
   * that browser — `/socket` and `/live`, named after the session — is closed (Phoenix's
   * `disconnect` to the socket id). The clients reconnect: `/socket` is refused, the live pages'
   * guard answers the rejoin with a redirect to the sign-in page.
   */
  async function endSession(sessionId: string | undefined): Promise<void> {
    if (sessionId !== undefined && sessions.end(sessionId)) await app.cinder.broadcast(sessionSocketId(sessionId), "disconnect", {});
  }

  app.get("/", async (request, reply) => {
    const user = request.currentUser;
    const page = user ? renderLayout(request, "Cinder chat", chatPage(user)) : renderLayout(request, "Sign in · Cinder chat", signInPage());
    return reply.type("text/html; charset=utf-8").send(page);
  });

  app.post("/sign-in", async (request, reply) => {
    if (!isSameOriginPost(request)) return reply.code(403).send("Cross-site form posts are refused.");
    const submitted = (request.body ?? {}) as Record<string, unknown>;
    const name = validateName(submitted["name"]);
    if (!name.ok) {
      const page = renderLayout(request, "Sign in · Cinder chat", signInPage({ error: name.message, name: String(submitted["name"] ?? "") }));
      return reply.code(422).type("text/html; charset=utf-8").send(page);
    }
    // Signing in again from the same browser leaves no earlier session (and its tokens) alive.
    await endSession(request.sessionId);
    setSessionCookie(reply, sessions.start(users.signIn(name.name)));
    return reply.redirect("/", 303);
  });

  app.post("/sign-out", async (request, reply) => {
    if (!isSameOriginPost(request)) return reply.code(403).send("Cross-site form posts are refused.");
    clearSessionCookie(reply);
    await endSession(request.sessionId);
    return reply.redirect("/", 303);
  });

  // The chat page asks this when its socket closes (a refused reconnect looks the same as a server
  // that is down, from inside a browser): is the session behind my user token still live? If not,
  // it loads `/` again, which shows whatever this browser's cookie says now.
  app.get("/session/status", async (request, reply) => {
    const active = sessionOfUserToken({ secretKeyBase, sessions }, request.headers[USER_TOKEN_HEADER]) !== undefined;
    return reply.header("cache-control", "no-store").send({ active });
  });

  return app;
}
