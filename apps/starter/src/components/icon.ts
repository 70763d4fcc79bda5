import { html, safe, type Template } from "@cinder/server";

/**
 * Small inline icons, drawn for this app (24×24, stroked with the text colour). Inline SVG needs
 * no icon font and no request; sized by the `icon` class in app.css.
 */
const PATHS = {
  "x-mark": "M6 6l12 12M18 6L6 18",
  "check-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l2.5 2.5L16 9.5",
  "information-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5M12 7.5v.5",
  "exclamation-circle": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v6M12 16.5v.5",
  "arrow-path": "M4 12a8 8 0 0 1 13.7-5.7L20 8.5M20 4v4.5h-4.5M20 12a8 8 0 0 1-13.7 5.7L4 15.5M4 20v-4.5h4.5",
  plus: "M12 5v14M5 12h14",
  minus: "M5 12h14",
} as const;

export type IconName = keyof typeof PATHS;

/** `icon("check-circle")`, or with extra classes: `icon("arrow-path", "icon-spin")`. */
export function icon(name: IconName, className = ""): Template {
  return html`<svg class=${["icon", className]} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${safe(`<path d="${PATHS[name]}"/>`)}</svg>`;
}
