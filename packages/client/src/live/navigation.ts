import { PhxAttribute } from "../dom/phx-attributes.js";
import { closestBinding, eventElement, ListenerSet } from "../bindings/binding-delegate.js";
import { markPending } from "../bindings/pending-marks.js";
import { RELOAD_STATUS_COOKIE, absoluteUrl, deleteCookie } from "./browser.js";
import { entryStateOf, pushHistory, updateCurrentHistoryState } from "./history-entries.js";
import { DiagnosticCode, reportError } from "./diagnostics.js";
import type { PageLoadingInfo } from "./runtime.js";
import type { View } from "./view.js";

const HISTORY_POSITION_KEY = "phx:nav-history-position";

/** The `phx:navigate` / `phx:before-navigate` detail. */
export interface NavigationDetail {
  href: string;
  patch: boolean;
  pop: boolean;
  direction: "forward" | "backward";
}

/** What navigation needs from the LiveSocket. */
export interface NavigationHost {
  mainView(): View | null;
  isConnected(): boolean;
  pageLoading(info: PageLoadingInfo): () => void;
  /** Full page load of `href` (the LiveSocket lets go of the page first). */
  redirect(href: string, flash: string | null): void;
  /** Replaces the main view with a new one joined at `href`; `done(linkRef)` runs once it is patched in. */
  replaceMain(href: string, flash: string | null, done: ((linkRef: number) => void) | null, linkRef: number): void;
  readonly sessionStorage: Storage;
}

/**
 * Live navigation (spec §3.10): `data-phx-link` clicks, server-driven patches and redirects,
 * history entries with their type and position, back/forward through popstate, and scroll
 * restoration. A patch keeps the main view and sends `live_patch`; a redirect joins a new main
 * view on the same topic.
 */
export class Navigation {
  readonly #host: NavigationHost;
  readonly #listeners = new ListenerSet();
  #href = window.location.href;
  #pendingLink: string | null = null;
  #linkRef = 1;
  #position: number;
  #location = { pathname: window.location.pathname, search: window.location.search };
  #scrollTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: NavigationHost) {
    this.#host = host;
    this.#position = Number.parseInt(host.sessionStorage.getItem(HISTORY_POSITION_KEY) ?? "0", 10) || 0;
  }

  get href(): string {
    return this.#href;
  }

  start(): void {
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    this.#listeners.on("scroll", () => {
      if (this.#scrollTimer !== null) clearTimeout(this.#scrollTimer);
      this.#scrollTimer = setTimeout(() => updateCurrentHistoryState((state) => ({ ...state, scroll: window.scrollY })), 100);
    });
    this.#listeners.on("popstate", (event) => this.#onPopState(event));
    this.#listeners.on("click", (event) => this.#onLinkClick(event));
  }

  stop(): void {
    this.#listeners.removeAll();
    if (this.#scrollTimer !== null) clearTimeout(this.#scrollTimer);
  }

  hasPendingLink(): boolean {
    return this.#pendingLink !== null;
  }

  setPendingLink(href: string): number {
    this.#linkRef += 1;
    this.#pendingLink = href;
    deleteCookie(RELOAD_STATUS_COOKIE);
    return this.#linkRef;
  }

  isCurrentLink(linkRef: number): boolean {
    return linkRef === this.#linkRef;
  }

  /** Makes the pending link the current href, unless a newer navigation overtook it. */
  commitPendingLink(linkRef: number): boolean {
    if (linkRef !== this.#linkRef) return false;
    if (this.#pendingLink !== null) {
      this.#href = this.#pendingLink;
      this.#pendingLink = null;
    }
    return true;
  }

  /** The pending link to load in full when the page reloads mid-navigation. */
  pendingLink(): string | null {
    return this.#pendingLink;
  }

  /** The first entry of a LiveView page: typed, so back/forward can tell patches from redirects. */
  replaceInitialEntry(viewId: string): void {
    pushHistory("replace", { type: "patch", id: viewId, position: this.#position });
  }

  /** A `patch` link or `JS.patch`: `live_patch` to the main view, then a history entry. */
  pushHistoryPatch(domEvent: Event | null, href: string, linkState: "push" | "replace", source: Element | null): void {
    const main = this.#host.mainView();
    if (!this.#host.isConnected() || main === null || !main.isMain()) {
      this.#host.redirect(href, null);
      return;
    }
    const done = this.#host.pageLoading({ to: href, kind: "patch" });
    this.pushLinkPatch(main, domEvent, href, source, (linkRef) => {
      this.historyPatch(href, linkState, linkRef);
      done();
    });
  }

  /** Records a patch in history (the server already applied it, or the link's patch was acknowledged). */
  historyPatch(href: string, linkState: "push" | "replace", linkRef: number = this.setPendingLink(href)): void {
    if (!this.commitPendingLink(linkRef)) return;
    const main = this.#host.mainView();
    this.#advancePosition();
    updateCurrentHistoryState((state) => ({ ...state, backType: "patch" }));
    pushHistory(linkState, { type: "patch", id: main?.id ?? "", position: this.#position }, href);
    this.#dispatchNavigate({ href, patch: true, pop: false, direction: "forward" });
    this.#registerLocation();
  }

  /** A `redirect` link, `JS.navigate` or a server `live_redirect`: a new main view at `href`. */
  historyRedirect(domEvent: Event | null, href: string, linkState: "push" | "replace", flash: string | null, source: Element | null): void {
    const clickLoading = source !== null && domEvent !== null && domEvent.isTrusted && domEvent.type !== "popstate";
    if (clickLoading) source.classList.add("phx-click-loading");
    const main = this.#host.mainView();
    if (!this.#host.isConnected() || main === null || !main.isMain()) {
      this.#host.redirect(href, flash);
      return;
    }
    const url = absoluteUrl(href);
    const scroll = window.scrollY;
    const done = this.#host.pageLoading({ to: url, kind: "redirect" });
    this.#host.replaceMain(url, flash, (linkRef) => {
      if (this.isCurrentLink(linkRef)) {
        this.#advancePosition();
        updateCurrentHistoryState((state) => ({ ...state, backType: "redirect" }));
        pushHistory(linkState, { type: "redirect", id: this.#host.mainView()?.id ?? "", scroll, position: this.#position }, url);
        this.#dispatchNavigate({ href: url, patch: false, pop: false, direction: "forward" });
        this.#registerLocation();
      }
      if (clickLoading) source.classList.remove("phx-click-loading");
      done();
    }, this.setPendingLink(url));
  }

  /** Sends `live_patch` for `href`; the view's diffs wait until the reply decides the navigation. */
  pushLinkPatch(view: View, domEvent: Event | null, href: string, source: Element | null, callback: (linkRef: number) => void): void {
    const linkRef = this.setPendingLink(href);
    const loading = domEvent !== null && domEvent.isTrusted && domEvent.type !== "popstate";
    const mark = source === null ? null : () => {
      const ref = view.pusher.nextRef();
      markPending([{ element: source, lock: true, loading }], ref, { binding: view.binding, viewId: view.id, kind: "click", event: null });
      return { ref, elements: [source] };
    };
    void view.pusher.pushWithReply(mark, "live_patch", { url: absoluteUrl(href) }).then((result) => {
      if (!result.ok) {
        this.#host.redirect(window.location.href, null);
        return;
      }
      if (result.response.link_redirect === true) {
        this.#host.replaceMain(href, null, callback, linkRef);
      } else if (result.response.redirect === undefined) {
        if (this.commitPendingLink(linkRef)) view.setHref(href);
        view.applyPendingUpdates();
        callback(linkRef);
      }
    });
  }

  #onLinkClick(event: MouseEvent): void {
    const element = eventElement(event);
    if (element === null) return;
    const link = closestBinding(element, PhxAttribute.link);
    const type = link?.getAttribute(PhxAttribute.link);
    if (link === null || type === null || type === undefined || !this.#host.isConnected() || this.#host.mainView() === null) return;
    if (wantsNewTab(event, link)) return;
    const href = linkHref(link);
    const linkState = link.getAttribute(PhxAttribute.linkState);
    if ((linkState !== "push" && linkState !== "replace") || (type !== "patch" && type !== "redirect")) {
      reportError(DiagnosticCode.invalidLink, `a live link needs data-phx-link="patch|redirect" and data-phx-link-state="push|replace", got "${type}"/"${String(linkState)}"`, {
        attribution: "app",
        metadata: { href },
      });
      return;
    }
    event.preventDefault();
    // The link navigates; a phx-click on it must not see the click as its own.
    event.stopImmediatePropagation();
    if (this.#pendingLink === href) return;
    const detail: NavigationDetail = { href, patch: type === "patch", pop: false, direction: "forward" };
    if (!this.#dispatchBeforeNavigate(detail)) return;
    if (type === "patch") {
      this.pushHistoryPatch(event, href, linkState, link);
    } else {
      this.historyRedirect(event, href, linkState, null, link);
    }
  }

  #onPopState(event: PopStateEvent): void {
    if (!this.#isNewLocation()) return;
    const { type, backType, id, scroll, position } = entryStateOf(event.state);
    const href = window.location.href;
    const forward = (position ?? 0) > this.#position;
    const navigationType = forward ? type : (backType ?? type);
    const detail: NavigationDetail = { href, patch: navigationType === "patch", pop: true, direction: forward ? "forward" : "backward" };
    if (!this.#dispatchBeforeNavigate(detail)) {
      if (forward) history.back();
      else history.forward();
      return;
    }
    this.#registerLocation();
    this.#position = position ?? 0;
    this.#host.sessionStorage.setItem(HISTORY_POSITION_KEY, String(this.#position));
    this.#dispatchNavigate(detail);
    const restoreScroll = (): void => {
      if (typeof scroll === "number") requestAnimationFrame(() => window.scrollTo(0, scroll));
    };
    const main = this.#host.mainView();
    if (main !== null && main.isConnected() && navigationType === "patch" && id === main.id) {
      this.pushLinkPatch(main, event, href, null, restoreScroll);
    } else {
      this.#host.replaceMain(href, null, restoreScroll, this.setPendingLink(href));
    }
  }

  #advancePosition(): void {
    this.#position += 1;
    this.#host.sessionStorage.setItem(HISTORY_POSITION_KEY, String(this.#position));
  }

  #isNewLocation(): boolean {
    return this.#location.pathname + this.#location.search !== window.location.pathname + window.location.search;
  }

  #registerLocation(): void {
    this.#location = { pathname: window.location.pathname, search: window.location.search };
  }

  #dispatchNavigate(detail: NavigationDetail): void {
    window.dispatchEvent(new CustomEvent("phx:navigate", { detail }));
  }

  /** `phx:before-navigate` is cancelable: an app can keep the user on the page. */
  #dispatchBeforeNavigate(detail: NavigationDetail): boolean {
    return window.dispatchEvent(new CustomEvent("phx:before-navigate", { detail, cancelable: true }));
  }
}

/** Modifier clicks, middle clicks, downloads and other targets open elsewhere: not a live navigation. */
function wantsNewTab(event: MouseEvent, link: Element): boolean {
  const target = link.getAttribute("target");
  return (
    event.ctrlKey ||
    event.shiftKey ||
    event.metaKey ||
    event.button === 1 ||
    link.hasAttribute("download") ||
    (target !== null && (target.toLowerCase() === "_blank" || !target.startsWith("_")))
  );
}

/** The absolute href of a link; SVG `<a>` elements keep theirs in an animated string. */
function linkHref(link: Element): string {
  const href: unknown = (link as HTMLAnchorElement).href;
  if (typeof href === "string") return href;
  if (typeof href === "object" && href !== null && "baseVal" in href) return absoluteUrl(String((href as { baseVal: string }).baseVal));
  return absoluteUrl(link.getAttribute("href") ?? "");
}
