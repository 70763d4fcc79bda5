/**
 * The browser facilities the runtime relies on besides history: cookies that carry a flash or a
 * reload status across a full page load, the per-path reload counter, absolute URLs.
 */

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
