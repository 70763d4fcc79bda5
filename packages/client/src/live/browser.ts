/**
 * The browser facilities the runtime relies on: history entries, cookies that carry a flash or
 * a reload status across a full page load, and the per-path reload counter.
 */

/** The state the runtime keeps in `history.state` (spec §3.10). */
export interface HistoryEntryState {
  type: "patch" | "redirect";
  /** Id of the main view the entry belongs to. */
  id: string;
  /** Position in this tab's history, to tell back from forward on popstate. */
  position: number;
  /** Navigation type to use when coming back to this entry from a later one. */
  backType?: "patch" | "redirect";
  /** Scroll offset to restore when coming back. */
  scroll?: number;
}

export function currentHistoryState(): Partial<HistoryEntryState> {
  const state: unknown = history.state;
  return typeof state === "object" && state !== null ? (state as Partial<HistoryEntryState>) : {};
}

export function updateCurrentHistoryState(update: (state: Partial<HistoryEntryState>) => Partial<HistoryEntryState>): void {
  history.replaceState(update({ ...currentHistoryState() }), "", window.location.href);
}

/**
 * Adds or replaces a history entry. A redirect remembers the scroll offset of the page it
 * leaves; after the patch the page scrolls to the URL's hash target, or to the top on redirect.
 */
export function pushHistory(kind: "push" | "replace", state: HistoryEntryState, to?: string): void {
  if (to !== undefined && to === window.location.href) return;
  if (state.type === "redirect" && state.scroll !== undefined) {
    updateCurrentHistoryState((current) => ({ ...current, scroll: state.scroll }));
  }
  const { scroll: _leavingScroll, ...entry } = state;
  if (kind === "push") {
    history.pushState(entry, "", to ?? null);
  } else {
    history.replaceState(entry, "", to ?? null);
  }
  requestAnimationFrame(() => {
    const target = hashTarget(window.location.hash);
    if (target !== null) {
      target.scrollIntoView();
    } else if (state.type === "redirect") {
      window.scrollTo(0, 0);
    }
  });
}

function hashTarget(hash: string): Element | null {
  const name = hash.slice(1);
  if (name === "") return null;
  return document.getElementById(name) ?? document.querySelector(`a[name="${CSS.escape(name)}"]`);
}

export function setCookie(name: string, value: string, maxAgeSeconds: number): void {
  document.cookie = `${name}=${value}; max-age=${maxAgeSeconds}; path=/`;
}

export function deleteCookie(name: string): void {
  document.cookie = `${name}=; max-age=-1; path=/`;
}

export const FLASH_COOKIE = "__phoenix_flash__";
export const RELOAD_STATUS_COOKIE = "__phoenix_reload_status__";

/** Full page navigation; a flash travels in a cookie the server reads and deletes (spec §3.10.4). */
export function navigateTo(href: string, flash: string | null = null): void {
  if (flash !== null && flash !== "") setCookie(FLASH_COOKIE, flash, 60);
  window.location.href = href;
}

const RELOADS_KEY_SUFFIX = "consecutive-reloads";

function reloadsKey(pathname: string): string {
  return `${pathname}-${RELOADS_KEY_SUFFIX}`;
}

/** Counts one more reload attempt of `pathname`; returns the count before this one (0 first). */
export function countReload(storage: Storage, pathname: string): number {
  const key = reloadsKey(pathname);
  const stored = safeParseInt(storage.getItem(key));
  const tries = stored === null ? 0 : stored + 1;
  storage.setItem(key, JSON.stringify(tries));
  return tries;
}

export function clearReloads(storage: Storage, pathname: string): void {
  storage.removeItem(reloadsKey(pathname));
}

function safeParseInt(value: string | null): number | null {
  if (value === null) return null;
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? null : parsed;
}

/** An absolute URL for `href` relative to the current page. */
export function absoluteUrl(href: string): string {
  return href.startsWith("/") ? `${window.location.protocol}//${window.location.host}${href}` : href;
}
