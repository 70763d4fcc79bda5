import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { JsonObject } from "@cinder/protocol";
import type { Navigation } from "../navigation/navigation.js";
import type { OnMountHook, RegisteredView } from "../routes/live-routes.js";
import { csrfFingerprint, isCsrfSecret, maskCsrfToken, newCsrfSecret } from "../session/csrf.js";
import { renderToString } from "../template/render-to-string.js";
import { safe } from "../template/safe-html.js";
import { FLASH_COOKIE_NAME, type LiveRuntime } from "../live-runtime.js";
import { withLiveRenderHost, type LiveRenderHost, type LiveRenderOptions } from "../view/live-render.js";
import type { AnyLiveView, Flash, LiveParams } from "../view/live-view.js";
import { mountView, paramsOf } from "../view/mount-pipeline.js";
import { callViewCallbackSync } from "../view/view-callbacks.js";
import { containerHtml, newContainerId } from "../view/view-container.js";
import { renderViewTemplate } from "../view/view-render.js";
import { ViewState } from "../view/view-state.js";
import { layoutLinkTo } from "../navigation/live-link.js";
import { titleTagHtml } from "./page-layout.js";

interface DeadRenderInput {
  readonly runtime: LiveRuntime;
  readonly registered: RegisteredView;
  readonly onMount: readonly OnMountHook[];
  readonly params: LiveParams;
  readonly session: JsonObject;
  readonly url: URL | undefined;
  readonly id: string;
  readonly csrfSecret: string;
  readonly flash: Flash;
  /** Nested views: the parent's container id. */
  readonly parentId: string | undefined;
}

type DeadRenderOutcome =
  | { readonly kind: "navigation"; readonly navigation: Navigation; readonly flash: Flash }
  | { readonly kind: "rendered"; readonly containerHtml: string; readonly title: string | undefined };

interface PendingChild {
  readonly marker: string;
  readonly registered: RegisteredView;
  readonly options: LiveRenderOptions;
}

/**
 * The HTTP render of a live route (spec §3.1, data flow step 1): CSRF cookie, flash cookie, the
 * app session, `mount` disconnected, render, container with signed tokens, layout. A redirect or
 * navigation asked for while mounting answers 302 instead (the flash travels in the flash cookie).
 */
export async function renderLivePage(runtime: LiveRuntime, pattern: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const url = requestUrl(request);
  const route = runtime.routes.matchPattern(pattern, url.pathname) ?? runtime.routes.match(url.pathname);
  if (route === undefined) return reply.callNotFound();

  let csrfSecret = request.cookies[runtime.csrfCookieName];
  if (!isCsrfSecret(csrfSecret)) {
    csrfSecret = newCsrfSecret();
    reply.setCookie(runtime.csrfCookieName, csrfSecret, { path: "/", httpOnly: true, sameSite: "lax", secure: request.protocol === "https" });
  }
  let flash: Flash = {};
  const flashCookie = request.cookies[FLASH_COOKIE_NAME];
  if (flashCookie !== undefined) {
    flash = runtime.tokens.verifyFlash(flashCookie);
    reply.clearCookie(FLASH_COOKIE_NAME, { path: "/" });
  }

  const outcome = await renderViewDead({
    runtime,
    registered: route,
    onMount: route.onMount,
    params: paramsOf(url, route.pathParams),
    session: await runtime.sessionOf(request),
    url,
    id: newContainerId(),
    csrfSecret,
    flash,
    parentId: undefined,
  });
  if (outcome.kind === "navigation") return redirectResponse(runtime, reply, outcome.navigation, outcome.flash);

  const page = {
    inner: safe(outcome.containerHtml),
    csrfToken: maskCsrfToken(csrfSecret),
    title: outcome.title,
    titleTag: titleTagHtml(outcome.title, runtime.title),
    request,
    liveSession: route.liveSession,
    linkTo: layoutLinkTo(runtime.routes, route.liveSession),
  };
  const document = callViewCallbackSync("the cinderLive layout", "layout", () => renderToString(runtime.layout(page)));
  return reply.type("text/html; charset=utf-8").send(document);
}

/** One view's HTTP render, nested views included (each inside its parent's HTML). */
async function renderViewDead(input: DeadRenderInput): Promise<DeadRenderOutcome> {
  const { runtime, registered } = input;
  const state = new ViewState({ id: input.id, viewLabel: registered.label, connected: false, connectParams: undefined, flash: input.flash, backend: undefined, logger: runtime.logger });
  state.beginCallback();
  const navigation = await mountView({ registered, onMount: input.onMount, params: input.params, session: input.session, url: input.url, state });
  if (navigation !== undefined) return { kind: "navigation", navigation, flash: state.flashPutInCallback };

  // Nested views mount asynchronously, but a render is synchronous: leave a marker, fill it after.
  const nonce = randomBytes(9).toString("base64url");
  const children: PendingChild[] = [];
  const host: LiveRenderHost = {
    renderChild(view: AnyLiveView, options: LiveRenderOptions) {
      const child = runtime.routes.registerNested(view, registered.key, options.id);
      const marker = `<!--cinder-nested-view:${nonce}:${children.length}-->`;
      children.push({ marker, registered: child, options });
      return safe(marker);
    },
  };
  const components = state.extensions.components;
  const template = renderViewTemplate(registered, state, host);
  let innerHtml = callViewCallbackSync(registered.label, "render", () =>
    withLiveRenderHost(host, () => renderToString(template, { resolveComponentHtml: (ref) => components.resolveComponentHtml(ref) })),
  );
  innerHtml = withLiveRenderHost(host, () => components.completeHtml(innerHtml));
  state.extensions.streams.renderCommitted();
  components.renderCommitted();

  for (const child of children) {
    const childOutcome = await renderViewDead({
      runtime,
      registered: child.registered,
      onMount: [],
      params: {},
      session: { ...input.session, ...child.options.session },
      url: undefined,
      id: child.options.id,
      csrfSecret: input.csrfSecret,
      flash: {},
      parentId: input.id,
    });
    if (childOutcome.kind === "navigation") return childOutcome;
    innerHtml = innerHtml.replace(child.marker, () => childOutcome.containerHtml);
  }

  const sessionToken = runtime.tokens.signSession({
    id: input.id,
    view: registered.key,
    liveSession: registered.liveSession ?? null,
    parent: input.parentId ?? null,
    session: input.session,
    csrf: csrfFingerprint(input.csrfSecret),
  });
  const staticToken = runtime.tokens.signStatic({ id: input.id, flash: state.flash });
  const html = containerHtml({ id: input.id, sessionToken, staticToken, main: input.parentId === undefined, parentId: input.parentId, innerHtml });
  return { kind: "rendered", containerHtml: html, title: state.title };
}

function redirectResponse(runtime: LiveRuntime, reply: FastifyReply, navigation: Navigation, flash: Flash): FastifyReply {
  if (Object.keys(flash).length > 0) {
    reply.setCookie(FLASH_COOKIE_NAME, runtime.tokens.signFlash(flash), { path: "/", maxAge: 60, sameSite: "lax" });
  }
  return reply.redirect(navigation.to, 302);
}

/** The absolute URL of the request, as the browser will later send it in the join. */
function requestUrl(request: FastifyRequest): URL {
  // Concatenated, not resolved: a request target of "//x" must stay a path, not become a host.
  try {
    return new URL(`${request.protocol}://${request.host}${request.url}`);
  } catch {
    return new URL(`http://localhost${request.url.startsWith("/") ? request.url : "/"}`);
  }
}
