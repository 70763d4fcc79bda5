import type { Payload } from "@cinder/protocol";
import type { CinderLiveOptions, Presence } from "@cinder/server";
import type { OnlineMeta } from "../chat/online-users.js";
import { sessionSocketId, type SessionStore } from "../web/session-store.js";
import { sessionIdFromCookies } from "../web/session.js";
import { BooksLive } from "./books-live.js";
import { createChatLive } from "./chat-live.js";
import { CounterLive } from "./counter-live.js";
import { CrashLive } from "./crash-live.js";
import { requireSignedInUser } from "./current-user.js";
import { HooksLive } from "./hooks-live.js";
import { LIVE_TITLE, liveLayout } from "./live-layout.js";
import { SignUps } from "./sign-up-form.js";
import { createSignUpLive } from "./sign-up-live.js";

export interface LivePagesOptions {
  readonly secretKeyBase: string;
  readonly sessions: SessionStore;
  /** `app.unsignCookie`: reads the session cookie of a `/live` upgrade request. */
  readonly unsignCookie: (value: string) => { valid: boolean; value: string | null };
  /** `app.cinder.broadcast`, for the live chat to write into the channel chat's room. */
  readonly broadcast: (topic: string, event: string, payload: Payload) => Promise<void>;
  /** Who is online in the rooms; the live chat lists the lobby's and is listed there. */
  readonly presence: Presence<OnlineMeta>;
}

/**
 * The `cinderLive` options of the demo: its live pages in two live sessions — pages anyone may
 * open, and pages that need a signed-in user (guarded on the HTTP render, on every join and on
 * every live navigation) — inside the live layout. The browser's session id travels in the
 * signed live session (set by the browser pipeline, src/web/session.ts), and names the `/live`
 * socket (`socketId`) as it names the `/socket` one: sign-out's `disconnect` broadcast closes
 * both, and the guard turns the rejoin into a redirect to the sign-in page.
 */
export function livePagesOptions(options: LivePagesOptions): CinderLiveOptions {
  return {
    secretKeyBase: options.secretKeyBase,
    layout: liveLayout,
    title: LIVE_TITLE,
    session: (request) => (request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
    socketId: (info) => {
      const sessionId = sessionIdFromCookies(info.cookies, options.unsignCookie);
      return sessionId !== undefined && options.sessions.userOf(sessionId) !== undefined ? sessionSocketId(sessionId) : undefined;
    },
    liveSessions: {
      public: {
        routes: {
          "/counter": CounterLive,
          "/form": createSignUpLive(new SignUps()),
          "/books": BooksLive,
          "/hooks": HooksLive,
          "/crash": CrashLive,
        },
      },
      signedIn: {
        onMount: [requireSignedInUser(options.sessions)],
        routes: { "/chat-live": createChatLive(options.broadcast, options.presence) },
      },
    },
  };
}
