import type { OnMountHook } from "@cinder/server";
import type { User } from "../users.js";
import type { SessionStore } from "../web/session-store.js";

declare module "@cinder/server" {
  interface LiveSessionData {
    /**
     * The browser's session id (src/web/session-store.ts), put into the live session by
     * `livePagesOptions`. The session, not the user: signing out ends it, and the signed token of
     * every open page then names a session that no longer exists.
     */
    sessionId?: string;
  }
}

/** Assigns every view of the signed-in live session has, set by {@link requireSignedInUser}. */
export interface SignedInAssigns {
  currentUser: User;
}

/**
 * The guard of the signed-in live session. It runs on the HTTP render, on every join and on
 * every live navigation, and looks the session up each time: a page cannot be reached — or
 * rejoined after a sign-out (whose `disconnect` broadcast makes every open page rejoin) or a
 * restart — without a live session; it redirects to the sign-in page instead.
 */
export function requireSignedInUser(sessions: SessionStore): OnMountHook {
  return (_params, session, socket) => {
    const user = sessions.userOf(session.sessionId);
    if (user === undefined) {
      socket.redirect("/");
      return;
    }
    socket.assign({ currentUser: user });
  };
}
