import { RenderedAttribute } from "@cinder/protocol";

/**
 * The `data-phx-*` attributes the server writes and the client reads or writes (spec §3.17).
 * Unlike the `phx-*` bindings these never take the configurable binding prefix.
 */
export const PhxAttribute = {
  session: "data-phx-session",
  static: "data-phx-static",
  main: "data-phx-main",
  parentId: "data-phx-parent-id",
  sticky: "data-phx-sticky",
  rootId: "data-phx-root-id",
  component: RenderedAttribute.component,
  view: RenderedAttribute.view,
  magicId: RenderedAttribute.magicId,
  skip: RenderedAttribute.skip,
  link: "data-phx-link",
  linkState: "data-phx-link-state",
  refSource: "data-phx-ref-src",
  refLoading: "data-phx-ref-loading",
  refLock: "data-phx-ref-lock",
  disabled: "data-phx-disabled",
  readonly: "data-phx-readonly",
  disableWithRestore: "data-phx-disable-with-restore",
  stream: "data-phx-stream",
  hook: "data-phx-hook",
  update: "data-phx-update",
  pid: "data-phx-pid",
} as const;

/** Attributes that record a pending event on an element; a patch must never strip them. */
export const PENDING_ATTRIBUTES: readonly string[] = [PhxAttribute.refLoading, PhxAttribute.refSource, PhxAttribute.refLock];

/** The state classes of a LiveView container; exactly one state set is on it at a time. */
export const ContainerClass = {
  connected: "phx-connected",
  loading: "phx-loading",
  error: "phx-error",
  clientError: "phx-client-error",
  serverError: "phx-server-error",
} as const;
export type ContainerClass = (typeof ContainerClass)[keyof typeof ContainerClass];

/** The kinds of pending event that put a `phx-<kind>-loading` class on their source element. */
export type LoadingKind = "click" | "change" | "submit" | "keydown" | "keyup" | "blur" | "focus" | "hook";

export const LOADING_CLASSES: readonly string[] = [
  "phx-click-loading",
  "phx-change-loading",
  "phx-submit-loading",
  "phx-keydown-loading",
  "phx-keyup-loading",
  "phx-blur-loading",
  "phx-focus-loading",
  "phx-hook-loading",
];

/** Selector of every LiveView container, root or nested. */
export const VIEW_SELECTOR = `[${PhxAttribute.session}]`;

/** Selector of the elements of live component `cid` rendered by view `viewId` (of all its components without `cid`). */
export function componentSelector(viewId: string, cid?: number): string {
  const component = cid === undefined ? `[${PhxAttribute.component}]` : `[${PhxAttribute.component}="${cid}"]`;
  return `[${PhxAttribute.view}="${CSS.escape(viewId)}"]${component}`;
}

/** Builds the prefixed name of a `phx-*` binding attribute (`phx-click`, or `x-click` with prefix `x-`). */
export type BindingName = (kind: string) => string;

export function bindingNamer(prefix: string): BindingName {
  return (kind) => `${prefix}${kind}`;
}
