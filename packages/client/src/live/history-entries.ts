/**
 * The history entries of live navigation (spec §3.10): each carries its type and position so that
 * back/forward can tell a patch from a redirect and backward from forward, and a redirect keeps
 * the scroll offset of the page it left.
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

/** Reads a history entry's state; entries the runtime did not make read as empty. */
export function entryStateOf(state: unknown): Partial<HistoryEntryState> {
  return typeof state === "object" && state !== null ? (state as Partial<HistoryEntryState>) : {};
}

export function currentHistoryState(): Partial<HistoryEntryState> {
  return entryStateOf(history.state);
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
