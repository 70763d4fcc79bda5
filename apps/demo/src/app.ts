import fastifyCookie from "@fastify/cookie";
import { cinder, cinderLive } from "@cinder/server";
import fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { createUserSocket, userSocketId } from "./chat/user-socket.js";
import { chatPage } from "./pages/chat-page.js";
import { livePagesOptions } from "./live/live-pages.js";
import { contentSecurityPolicy, renderLayout } from "./pages/layout.js";
import { signInPage } from "./pages/sign-in-page.js";
import { UserStore, validateName } from "./users.js";
import { bundleBrowserScripts, type BrowserScripts, type LiveClientKind } from "./web/browser-bundles.js";
import { browserPipeline, cookieSigningKey, endSession, isSameOriginPost, startSession } from "./web/session.js";

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
  const app = fastify({ logger: options.logger ?? false });

  app.register(fastifyCookie, { secret: cookieSigningKey(secretKeyBase) });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: FORM_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.register(cinder, { sockets: { "/socket": createUserSocket({ secretKeyBase, users }) } });

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

  app.decorateRequest("currentUser", undefined);
  app.decorateRequest("userToken", undefined);
  app.decorateRequest("cspNonce", "");
  // Every page, the live pages included, knows its user and has a CSP nonce; every HTML answer
  // carries the policy (the live pages are rendered by cinderLive, which knows nothing of CSP).
  app.addHook("preHandler", browserPipeline({ secretKeyBase, users }));
  app.addHook("onSend", async (request, reply, payload) => {
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("text/html") && !reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", contentSecurityPolicy(request.cspNonce));
    }
    return payload;
  });
  app.register(cinderLive, livePagesOptions({ secretKeyBase, users, broadcast: (topic, event, payload) => app.cinder.broadcast(topic, event, payload) }));

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
    startSession(reply, users.signIn(name.name));
    return reply.redirect("/", 303);
  });

  app.post("/sign-out", async (request, reply) => {
    if (!isSameOriginPost(request)) return reply.code(403).send("Cross-site form posts are refused.");
    endSession(reply);
    // The page's user token stays valid for two weeks; closing the user's open sockets is what
    // actually ends the live session in every tab (Phoenix's `disconnect` to the socket id).
    if (request.currentUser) await app.cinder.broadcast(userSocketId(request.currentUser.id), "disconnect", {});
    return reply.redirect("/", 303);
  });

  return app;
}
