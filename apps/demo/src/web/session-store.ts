import { createHash, randomBytes } from "node:crypto";
import type { User, UserStore } from "../users.js";

/** Two weeks, like the cookie and the user token: a session is never younger than what names it. */
export const SESSION_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

interface StoredSession {
  readonly userId: string;
  readonly expiresAt: number;
}

/**
 * The demo's sessions, in memory (a restart signs everyone out, as the users are forgotten too).
 * The session cookie, the page's user token and the LiveView session all carry the session id —
 * never the user id — so ending a session revokes every one of them at once: the socket's
 * `connect` and the live pages' guard look the session up each time.
 *
 * Session ids are 256 random bits. A user has as many sessions as browsers they signed in from;
 * signing out ends only that browser's.
 */
export class SessionStore {
  readonly #users: UserStore;
  readonly #now: () => number;
  readonly #sessions = new Map<string, StoredSession>();

  constructor(users: UserStore, options: { now?: () => number } = {}) {
    this.#users = users;
    this.#now = options.now ?? Date.now;
  }

  /** A new session of `user`; returns its id (what the cookie holds). */
  start(user: User): string {
    this.#forgetExpired();
    const sessionId = randomBytes(32).toString("base64url");
    this.#sessions.set(sessionId, { userId: user.id, expiresAt: this.#now() + SESSION_MAX_AGE_MS });
    return sessionId;
  }

  /** The user of a live session; `undefined` for an unknown, ended or expired one (or not a string). */
  userOf(sessionId: unknown): User | undefined {
    if (typeof sessionId !== "string") return undefined;
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(sessionId);
      return undefined;
    }
    return this.#users.find(session.userId);
  }

  /** Ends a session; `true` if it was live. */
  end(sessionId: string): boolean {
    const live = this.userOf(sessionId) !== undefined;
    this.#sessions.delete(sessionId);
    return live;
  }

  /** Keeps abandoned sessions (a browser that never came back) from piling up. */
  #forgetExpired(): void {
    const now = this.#now();
    for (const [sessionId, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(sessionId);
  }
}

/**
 * The socket id of every socket of one session — the `/socket` channel socket and the `/live`
 * LiveView socket alike — so that one `disconnect` broadcast on sign-out closes both kinds in
 * every tab of that browser, and nothing of the user's other browsers. The id is a hash of the
 * session id: socket ids appear in logs and travel through PubSub, the session id must not.
 */
export function sessionSocketId(sessionId: string): string {
  return `session_socket:${createHash("sha256").update(sessionId).digest("base64url")}`;
}
