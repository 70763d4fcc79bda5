import { createHmac, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sign } from "@cinder/server";
import { USER_SOCKET_SALT } from "../chat/user-socket.js";
import type { User, UserStore } from "../users.js";

export const SESSION_COOKIE = "cinder_demo_session";
const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the browser pipeline: the signed-in user, if the session cookie is genuine. */
    currentUser: User | undefined;
    /** Set by the browser pipeline for signed-in users: the token the page hands to `/socket`. */
    userToken: string | undefined;
    /** A fresh nonce per page, allowed by the Content-Security-Policy for inline scripts. */
    cspNonce: string;
  }
}

/**
 * The key @fastify/cookie signs the session cookie with, derived from the secret key base under
 * its own label so that it is never the same key that signs tokens.
 */
export function cookieSigningKey(secretKeyBase: string): string {
  return createHmac("sha256", secretKeyBase).update("cinder demo: session cookie").digest("base64url");
}

export function startSession(reply: FastifyReply, user: User): void {
  reply.setCookie(SESSION_COOKIE, user.id, {
    path: "/",
    signed: true,
    httpOnly: true,
    sameSite: "lax",
    secure: "auto",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export function endSession(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/** The user named by a genuine session cookie; forged, tampered or stale cookies mean "signed out". */
function userFromSession(request: FastifyRequest, users: UserStore): User | undefined {
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid ? users.find(unsigned.value) : undefined;
}

/**
 * The `:browser` pipeline of the seed, as a preHandler: load the user from the session, and for a
 * signed-in user sign the socket token the layout renders into the page.
 */
export function browserPipeline(options: { secretKeyBase: string; users: UserStore }) {
  return async function loadCurrentUser(request: FastifyRequest): Promise<void> {
    request.cspNonce = randomBytes(16).toString("base64");
    request.currentUser = userFromSession(request, options.users);
    request.userToken = request.currentUser ? sign(options.secretKeyBase, USER_SOCKET_SALT, request.currentUser.id) : undefined;
  };
}

/**
 * Refuses cross-site form posts. SameSite=Lax already keeps the session cookie off them; this also
 * stops another site from signing a visitor in under a name of its choosing.
 */
export function isSameOriginPost(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
