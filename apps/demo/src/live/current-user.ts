import type { OnMountHook } from "@cinder/server";
import type { User, UserStore } from "../users.js";

declare module "@cinder/server" {
  interface LiveSessionData {
    /** The signed-in user's id (src/web/session.ts), put into the live session by `liveSession`. */
    userId?: string;
  }
}

/** Assigns every view of the signed-in live session has, set by {@link requireSignedInUser}. */
export interface SignedInAssigns {
  currentUser: User;
}

/**
 * The guard of the signed-in live session. It runs on the HTTP render, on every join and on
 * every live navigation, so a page cannot be reached — or rejoined after the user is gone (a
 * restart forgets users) — without a signed-in user: it redirects to the sign-in page instead.
 */
export function requireSignedInUser(users: UserStore): OnMountHook {
  return (_params, session, socket) => {
    const user = users.find(session.userId);
    if (user === undefined) {
      socket.redirect("/");
      return;
    }
    socket.assign({ currentUser: user });
  };
}
