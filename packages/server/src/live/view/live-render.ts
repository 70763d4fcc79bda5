import { isJsonObject, type JsonObject } from "@cinder/protocol";
import type { SafeHtml } from "../template/safe-html.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import { LiveView, type AnyLiveView } from "./live-view.js";

/** Options of {@link liveRender}. */
export interface LiveRenderOptions {
  /** The nested view's container id (its topic is `lv:<id>`); unique on the page. */
  readonly id: string;
  /** Extra session data for the nested view's `mount`, merged over the parent's session. */
  readonly session?: JsonObject;
}

/** How the view being rendered right now places a nested view (HTTP render or connected). */
export interface LiveRenderHost {
  renderChild(view: AnyLiveView, options: LiveRenderOptions): SafeHtml;
}

/**
 * The view whose render is running. Renders are synchronous (a template is built and diffed in
 * one call stack), so one slot is enough: it is set around each render and restored after, and
 * no other view's code can run in between.
 */
let activeHost: LiveRenderHost | undefined;

/** Run `render` with `host` answering `liveRender` calls. */
export function withLiveRenderHost<Result>(host: LiveRenderHost, render: () => Result): Result {
  const previous = activeHost;
  activeHost = host;
  try {
    return render();
  } finally {
    activeHost = previous;
  }
}

/**
 * Renders another LiveView inside this one (a nested view with its own process, state and
 * events), like Phoenix's `live_render`. It mounts in the browser's next join; during the HTTP
 * render its first render is included in the page.
 *
 * @example
 * ```ts
 * render: (assigns) => html`<main>…</main><aside>${liveRender(NotificationsLive, { id: "notifications", session: { room: assigns.room } })}</aside>`,
 * ```
 */
export function liveRender(view: AnyLiveView, options: LiveRenderOptions): SafeHtml {
  if (activeHost === undefined) throw serverError("CINDER_LIVE_RENDER_OUTSIDE_VIEW");
  if (!(view instanceof LiveView)) throw serverError("CINDER_LIVE_NOT_A_LIVE_VIEW", "The first argument of liveRender");
  const candidate = options as Partial<LiveRenderOptions> | undefined;
  if (typeof candidate?.id !== "string" || candidate.id === "") {
    throw serverError("CINDER_LIVE_INVALID_CHILD", `options.id must be a non-empty string naming the nested view's container, got ${describeValue(candidate?.id)}`);
  }
  if (candidate.session !== undefined && !isJsonObject(candidate.session)) {
    throw serverError("CINDER_LIVE_INVALID_CHILD", `options.session must be a JSON object, got ${describeValue(candidate.session)}`);
  }
  return activeHost.renderChild(view, { id: candidate.id, ...(candidate.session === undefined ? {} : { session: candidate.session }) });
}
