/** What the socket does when the page is hidden, shown or frozen and resumed. */
export interface PageLifecycleDelegate {
  pageHidden(): void;
  pageShown(): void;
  visibilityChanged(): void;
}

interface PageGlobals {
  window?: { addEventListener?(type: string, listener: () => void): void };
  document?: { visibilityState?: string; addEventListener?(type: string, listener: () => void): void };
}

/**
 * Wires `pagehide`/`pageshow` (back-forward cache), `visibilitychange` and `resume` to the
 * delegate. Does nothing outside a page (Node, workers), which is how the client runs in Node.
 */
export function observePageLifecycle(delegate: PageLifecycleDelegate): void {
  const { window: page, document: pageDocument } = globalThis as PageGlobals;
  if (!page?.addEventListener) return;
  page.addEventListener("pagehide", () => delegate.pageHidden());
  page.addEventListener("pageshow", () => delegate.pageShown());
  page.addEventListener("visibilitychange", () => delegate.visibilityChanged());
  // Chromium does not reliably fire visibilitychange after a frozen page resumes.
  pageDocument?.addEventListener?.("resume", () => delegate.visibilityChanged());
}

/** True only in a page whose document is hidden. */
export function isPageHidden(): boolean {
  return (globalThis as PageGlobals).document?.visibilityState === "hidden";
}
