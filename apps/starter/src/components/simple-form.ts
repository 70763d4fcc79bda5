import { html, type Template } from "@cinder/server";
import type { Form } from "../forms/form.js";

export interface SimpleFormProps {
  readonly form: Form<string>;
  /** The event sent as the person types (`phx-change`). */
  readonly change?: string;
  /** The event sent on submit (`phx-submit`). */
  readonly submit: string;
  readonly fields: Template;
  /** Buttons at the end. */
  readonly actions: Template;
}

/**
 * A form with the id form recovery needs: after a reconnect the client sends the form's values
 * again with its `phx-change` event, so nothing typed is lost.
 */
export function simpleForm(props: SimpleFormProps): Template {
  return html`<form id=${props.form.id} class="form" phx-change=${props.change} phx-submit=${props.submit} novalidate>
    ${props.fields}
    <div class="form-actions">${props.actions}</div>
  </form>`;
}
