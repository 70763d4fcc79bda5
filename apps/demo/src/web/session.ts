import { createHmac, randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sign } from "@cinder/server";
import { USER_SOCKET_SALT } from "../chat/user-socket.js";
import type { User } from "../users.js";
import { SESSION_MAX_AGE_MS, type SessionStore } from "./session-store.js";

export const SESSION_COOKIE = "cinder_demo_session";

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the browser pipeline: the id of the live session the cookie names, if any. */
    sessionId: string | undefined;
    /** Set by the browser pipeline: the signed-in user, if the session cookie names a live session. */
    currentUser: User | undefined;
    /** Set by the browser pipeline for signed-in users: the token the page hands to `/socket` (it carries the session id). */
    userToken: string | undefined;
    /** A fresh nonce per page, allowed by the Content-Security-Policy for inline scripts. */
    cspNonce: string;
  }
}

/** What @fastify/cookie's `unsignCookie` answers (on a request or on the app). */
type UnsignCookie = (value: string) => { valid: boolean; value: string | null };

/**
 * The key @fastify/cookie signs the session cookie with, derived from the secret key base under
 * its own label so that it is never the same key that signs tokens.
 */
export function cookieSigningKey(secretKeyBase: string): string {
  return createHmac("sha256", secretKeyBase).update("cinder demo: session cookie").digest("base64url");
}

/** Puts the session id into the signed, httpOnly session cookie. */
export function setSessionCookie(reply: FastifyReply, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: "/",
    signed: true,
    httpOnly: true,
    sameSite: "lax",
    secure: "auto",
    maxAge: SESSION_MAX_AGE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/**
 * The session id in a genuine session cookie; forged or tampered cookies name none. Whether the
 * session is still live is the store's business. Used by the pipeline (the request's cookies)
 * and by the `/live` socket's `socketId` (the upgrade request's cookies).
 */
export function sessionIdFromCookies(cookies: Readonly<Record<string, string | undefined>>, unsignCookie: UnsignCookie): string | undefined {
  const cookie = cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const unsigned = unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/**
 * The `:browser` pipeline of the seed, as a preHandler: load the session and its user from the
 * cookie — a forged cookie, or one naming an ended or expired session, means "signed out" — and
 * for a signed-in user sign the socket token the layout renders into the page.
 */
export function browserPipeline(options: { secretKeyBase: string; sessions: SessionStore }) {
  return async function loadCurrentUser(request: FastifyRequest): Promise<void> {
    request.cspNonce = randomBytes(16).toString("base64");
    const sessionId = sessionIdFromCookies(request.cookies, (value) => request.unsignCookie(value));
    const user = options.sessions.userOf(sessionId);
    request.sessionId = user === undefined ? undefined : sessionId;
    request.currentUser = user;
    request.userToken = request.sessionId === undefined ? undefined : sign(options.secretKeyBase, USER_SOCKET_SALT, request.sessionId);
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
