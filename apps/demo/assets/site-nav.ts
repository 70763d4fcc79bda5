/*
 * The header's navigation is part of the root layout, which a live navigation does not re-render
 * (only the main view is replaced): move `aria-current` to the page the client navigated to. Both
 * LiveView clients fire `phx:page-loading-stop` with the target URL after a live redirect, a patch
 * and a back/forward step.
 */

function currentPathOf(event: Event): string {
  const to = (event as CustomEvent<{ to?: unknown } | null>).detail?.to;
  return typeof to === "string" ? new URL(to, location.href).pathname : location.pathname;
}

export function keepSiteNavCurrent(): void {
  window.addEventListener("phx:page-loading-stop", (event) => {
    const currentPath = currentPathOf(event);
    for (const link of document.querySelectorAll<HTMLAnchorElement>(".site-nav a")) {
      if (new URL(link.href).pathname === currentPath) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  });
}
