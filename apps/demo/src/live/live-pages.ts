import type { Payload } from "@cinder/protocol";
import type { CinderLiveOptions } from "@cinder/server";
import type { UserStore } from "../users.js";
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
  readonly users: UserStore;
  /** `app.cinder.broadcast`, for the live chat to write into the channel chat's room. */
  readonly broadcast: (topic: string, event: string, payload: Payload) => Promise<void>;
}

/**
 * The `cinderLive` options of the demo: its live pages in two live sessions — pages anyone may
 * open, and pages that need a signed-in user (guarded on the HTTP render, on every join and on
 * every live navigation) — inside the live layout. The signed-in user's id travels in the
 * signed live session (set by the browser pipeline, src/web/session.ts).
 */
export function livePagesOptions(options: LivePagesOptions): CinderLiveOptions {
  return {
    secretKeyBase: options.secretKeyBase,
    layout: liveLayout,
    title: LIVE_TITLE,
    session: (request) => (request.currentUser ? { userId: request.currentUser.id } : {}),
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
        onMount: [requireSignedInUser(options.users)],
        routes: { "/chat-live": createChatLive(options.broadcast) },
      },
    },
  };
}
