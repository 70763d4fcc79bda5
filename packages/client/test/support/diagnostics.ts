import { DIAGNOSTIC_EVENT, type LiveViewDiagnostic } from "@cinder/client";

const listeners: Array<(event: Event) => void> = [];

/**
 * Collects the `phx:live-view:diagnostic` events dispatched on `window` from now on, until
 * `stopCollectingDiagnostics()` (the setup helpers call it after each test).
 */
export function collectDiagnostics<Detail = LiveViewDiagnostic>(): Detail[] {
  const details: Detail[] = [];
  const listener = (event: Event): void => {
    details.push((event as CustomEvent<Detail>).detail);
  };
  window.addEventListener(DIAGNOSTIC_EVENT, listener);
  listeners.push(listener);
  return details;
}

export function stopCollectingDiagnostics(): void {
  for (const listener of listeners.splice(0)) window.removeEventListener(DIAGNOSTIC_EVENT, listener);
}
