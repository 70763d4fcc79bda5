import fastifyCookie from "@fastify/cookie";
import { cinder } from "@cinder/server";
import fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { createUserSocket, userSocketId } from "./chat/user-socket.js";
import { chatPage } from "./pages/chat-page.js";
import { contentSecurityPolicy, renderLayout } from "./pages/layout.js";
import { signInPage } from "./pages/sign-in-page.js";
import { UserStore, validateName } from "./users.js";
import { bundleChatScript } from "./web/chat-script-bundle.js";
import { browserPipeline, cookieSigningKey, endSession, isSameOriginPost, startSession } from "./web/session.js";

export interface DemoAppOptions {
  /** Signs session cookies and socket tokens; at least 32 bytes. See `resolveSecretKeyBase`. */
  secretKeyBase: string;
  /** Passed to fastify; off by default. */
  logger?: FastifyServerOptions["logger"];
  /** Minify the browser bundle (default: when NODE_ENV is production). */
  minifyAssets?: boolean;
}

const MIN_SECRET_BYTES = 32;
const FORM_BODY_LIMIT_BYTES = 4096;

/**
 * The demo application (the chat of the seed), ready to `listen` — not listening yet, so tests
 * can start it on port 0 or drive it with `inject`.
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

  let chatScript: string | undefined;
  app.addHook("onReady", async () => {
    chatScript = await bundleChatScript({ minify: options.minifyAssets ?? process.env["NODE_ENV"] === "production" });
  });
  app.get("/assets/chat.js", async (_request, reply) => {
    return reply.type("text/javascript; charset=utf-8").header("cache-control", "no-cache").send(chatScript ?? "");
  });

  app.decorateRequest("currentUser", undefined);
  app.decorateRequest("userToken", undefined);
  app.decorateRequest("cspNonce", "");
  const loadCurrentUser = browserPipeline({ secretKeyBase, users });

  app.get("/", { preHandler: loadCurrentUser }, async (request, reply) => {
    const user = request.currentUser;
    const page = user ? renderLayout(request, "Cinder chat", chatPage(user)) : renderLayout(request, "Sign in · Cinder chat", signInPage());
    return reply.type("text/html; charset=utf-8").header("content-security-policy", contentSecurityPolicy(request.cspNonce)).send(page);
  });

  app.post("/sign-in", { preHandler: loadCurrentUser }, async (request, reply) => {
    if (!isSameOriginPost(request)) return reply.code(403).send("Cross-site form posts are refused.");
    const submitted = (request.body ?? {}) as Record<string, unknown>;
    const name = validateName(submitted["name"]);
    if (!name.ok) {
      const page = renderLayout(request, "Sign in · Cinder chat", signInPage({ error: name.message, name: String(submitted["name"] ?? "") }));
      return reply.code(422).type("text/html; charset=utf-8").header("content-security-policy", contentSecurityPolicy(request.cspNonce)).send(page);
    }
    startSession(reply, users.signIn(name.name));
    return reply.redirect("/", 303);
  });

  app.post("/sign-out", { preHandler: loadCurrentUser }, async (request, reply) => {
    if (!isSameOriginPost(request)) return reply.code(403).send("Cross-site form posts are refused.");
    endSession(reply);
    // The page's user token stays valid for two weeks; closing the user's open sockets is what
    // actually ends the live session in every tab (Phoenix's `disconnect` to the socket id).
    if (request.currentUser) await app.cinder.broadcast(userSocketId(request.currentUser.id), "disconnect", {});
    return reply.redirect("/", 303);
  });

  return app;
}
