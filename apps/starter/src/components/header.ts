import { html, type Template } from "@cinder/server";

/** A page or section heading with an optional subtitle and actions (buttons, links) beside it. */
export function header(props: { readonly title: string | Template; readonly subtitle?: string | Template; readonly actions?: Template }): Template {
  return html`<header class="page-header">
    <div><h1>${props.title}</h1>${props.subtitle === undefined ? "" : html`<p class="subtitle">${props.subtitle}</p>`}</div>
    ${props.actions === undefined ? "" : html`<div class="page-header-actions">${props.actions}</div>`}
  </header>`;
}
