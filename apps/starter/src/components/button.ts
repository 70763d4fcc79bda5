import { html, type Template } from "@cinder/server";

export interface ButtonProps {
  readonly label: string | Template;
  /** Default "primary". */
  readonly variant?: "primary" | "secondary" | "danger";
  /** Default "button" (a submit button must say so). */
  readonly type?: "button" | "submit" | "reset";
  /** Any other attributes: `{ "phx-click": "inc", "phx-value-by": "1", "phx-disable-with": "Saving…", id: "save" }`. */
  readonly attributes?: Readonly<Record<string, string | number | boolean | undefined>>;
}

export function button(props: ButtonProps): Template {
  return html`<button type=${props.type ?? "button"} class=${["button", `button-${props.variant ?? "primary"}`]} ${props.attributes ?? {}}>${props.label}</button>`;
}
