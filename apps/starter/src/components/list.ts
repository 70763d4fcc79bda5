import { html, type Template } from "@cinder/server";

/** A list of titled values (a record's details): `list([{ title: "Email", content: user.email }])`. */
export function list(items: ReadonlyArray<{ readonly title: string; readonly content: string | number | Template }>): Template {
  return html`<dl class="data-list">${items.map((item) => html`<div><dt>${item.title}</dt><dd>${item.content}</dd></div>`)}</dl>`;
}
