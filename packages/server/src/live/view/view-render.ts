import type { RegisteredView } from "../routes/live-routes.js";
import type { Template } from "../template/template.js";
import { withLiveRenderHost, type LiveRenderHost } from "./live-render.js";
import type { RenderAssigns } from "./live-view.js";
import { callViewCallbackSync } from "./view-callbacks.js";
import type { ViewState } from "./view-state.js";

/**
 * Calls the view's `render` with its assigns (plus what streams add), with `host` answering
 * `liveRender`. Shared by the HTTP render and the connected process, so both see the same
 * template for the same assigns.
 */
export function renderViewTemplate(registered: RegisteredView, state: ViewState, host: LiveRenderHost): Template {
  const extra = state.extensions.streams.renderAssigns();
  const assigns = (extra === undefined ? state.assigns : { ...state.assigns, ...extra }) as RenderAssigns<Record<string, unknown>>;
  const definition = registered.view.definition;
  return callViewCallbackSync(registered.label, "render", () => withLiveRenderHost(host, () => definition.render(assigns)));
}
