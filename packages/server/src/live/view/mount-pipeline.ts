import { parseConnectParams } from "../../socket/connect-params.js";
import type { Navigation } from "../navigation/navigation.js";
import type { OnMountHook, RegisteredView } from "../routes/live-routes.js";
import { callViewCallback } from "./view-callbacks.js";
import type { LiveParams, LiveSession } from "./live-view.js";
import type { ViewState } from "./view-state.js";

export interface MountRequest {
  readonly registered: RegisteredView;
  /** The live session's hooks (none for nested views). */
  readonly onMount: readonly OnMountHook[];
  readonly params: LiveParams;
  readonly session: LiveSession;
  /** The page URL; `undefined` for nested views, which have no `handleParams`. */
  readonly url: URL | undefined;
  readonly state: ViewState;
}

/**
 * The mount sequence shared by the HTTP render and the join: onMount hooks → `mount` →
 * `handleParams`. A redirect or navigation halts it where it was asked for; a patch asked by
 * `mount` skips `handleParams` for the old URL. Returns the pending navigation, if any; the caller
 * decides what it means (HTTP 302, join error, patched join).
 */
export async function mountView(request: MountRequest): Promise<Navigation | undefined> {
  const { registered, params, session, url, state } = request;
  const socket = state.socket;
  for (const hook of request.onMount) {
    await callViewCallback(registered.label, `onMount hook ${hook.name || "(anonymous)"}`, () => hook(params, session, socket));
    const navigation = state.takeNavigation();
    if (navigation !== undefined) return navigation;
  }
  const definition = registered.view.definition;
  if (definition.mount !== undefined) {
    await callViewCallback(registered.label, "mount", () => definition.mount?.(params, session, socket));
    const navigation = state.takeNavigation();
    if (navigation !== undefined) return navigation;
  }
  if (url !== undefined) await callHandleParams(request.registered, params, url, state);
  return state.takeNavigation();
}

/** `handleParams(params, url, socket)`, when the view has one. */
export async function callHandleParams(registered: RegisteredView, params: LiveParams, url: URL, state: ViewState): Promise<void> {
  const definition = registered.view.definition;
  if (definition.handleParams === undefined) return;
  await callViewCallback(registered.label, "handleParams", () => definition.handleParams?.(params, url, state.socket));
}

/** Query params decoded with the form rules, path params over them (Phoenix merges them the same way). */
export function paramsOf(url: URL, pathParams: Readonly<Record<string, string>>): LiveParams {
  const params = parseConnectParams(url.search);
  for (const [name, value] of Object.entries(pathParams)) {
    Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return params as LiveParams;
}

/** `to` (a local path) resolved against the page URL. */
export function resolveLocalUrl(to: string, base: URL): URL {
  return new URL(to, base.origin);
}
