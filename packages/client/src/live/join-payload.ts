import type { JsonObject } from "@cinder/protocol";
import { PhxAttribute, type BindingName } from "../dom/phx-attributes.js";
import { absoluteUrl } from "./browser.js";

export interface JoinPayloadInput {
  container: Element;
  binding: BindingName;
  /** The `params` option for this container. */
  params: JsonObject;
  /** Where the view lives (root views) or is navigated to; null for nested views. */
  href: string | null;
  /** The join is a live navigation: `redirect` instead of `url`. */
  redirect: boolean;
  /** Successful joins so far (`_mounts`). */
  mounts: number;
  /** Join attempts since the last success (`_mount_attempts`). */
  mountAttempts: number;
  liveReferer: string | null;
  flash: string | null;
}

/** The `phx_join` payload of a LiveView (spec §3.3.2), keys in the official client's order. */
export function joinPayload(input: JoinPayloadInput): JsonObject {
  const { container } = input;
  const params: JsonObject = { ...input.params };
  const tracked = trackedStaticUrls(input.binding);
  if (tracked.length > 0) params._track_static = tracked;
  params._mounts = input.mounts;
  params._mount_attempts = input.mountAttempts;
  if (input.liveReferer !== null) params._live_referer = input.liveReferer;

  const payload: JsonObject = {};
  if (input.href !== null) payload[input.redirect ? "redirect" : "url"] = absoluteUrl(input.href);
  payload.params = params;
  payload.session = container.getAttribute(PhxAttribute.session) ?? "";
  const staticToken = container.getAttribute(PhxAttribute.static);
  payload.static = staticToken === null || staticToken === "" ? null : staticToken;
  if (input.flash !== null) payload.flash = input.flash;
  payload.sticky = container.hasAttribute(PhxAttribute.sticky);
  return payload;
}

/** Absolute `src`/`href` of every `phx-track-static` element (the server compares asset versions). */
function trackedStaticUrls(binding: BindingName): string[] {
  const urls: string[] = [];
  for (const element of Array.from(document.querySelectorAll(`[${binding("track-static")}]`))) {
    const url = (element as HTMLScriptElement).src || (element as HTMLLinkElement).href;
    if (typeof url === "string" && url !== "") urls.push(url);
  }
  return urls;
}
