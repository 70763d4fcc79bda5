import type { LiveSessionOptions } from "@cinder/server";
import { HomeLive } from "./live/home-live.js";

/**
 * The app's live pages, by live session. Navigation between pages of one live session stays on
 * the open socket; going to another live session loads the page (use one per kind of access,
 * e.g. `public` and `admin` with an onMount guard). `npx cinder gen live Name` adds its route here.
 */
export const liveSessions = {
  public: {
    routes: {
      "/": HomeLive,
    },
  },
} satisfies Record<string, LiveSessionOptions>;
