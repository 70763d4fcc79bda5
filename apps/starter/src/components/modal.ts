import { html, js, type JsBuilder, type Template } from "@cinder/server";
import { icon } from "./icon.js";

/** JS commands that open the modal `id` (no server round trip): `phx-click=${showModal("confirm")}`. */
export function showModal(id: string, base: JsBuilder = js()): JsBuilder {
  return base.show({ to: `#${id}`, transition: ["fade-in", "fade-start", "fade-end"], time: 150 }).focusFirst({ to: `#${id}-panel` });
}

export function hideModal(id: string, base: JsBuilder = js()): JsBuilder {
  return base.hide({ to: `#${id}`, transition: ["fade-out", "fade-end", "fade-start"], time: 150 });
}

export interface ModalProps {
  readonly id: string;
  readonly title: string;
  readonly inner: Template;
  /** Open when the page loads (e.g. a route that is the modal). */
  readonly show?: boolean;
  /** Extra commands when it closes, e.g. `js().patch("/items")`. */
  readonly onCancel?: JsBuilder;
}

/**
 * A dialog over the page: Escape, the close button or a click outside closes it; focus moves
 * into it when it opens. Hidden until `showModal(id)` runs (or `show: true`).
 */
export function modal(props: ModalProps): Template {
  const close = hideModal(props.id, props.onCancel ?? js()).toString();
  return html`<div id=${props.id} class="modal" hidden=${props.show !== true} phx-mounted=${props.show === true ? showModal(props.id).toString() : undefined}>
    <div class="modal-backdrop" aria-hidden="true"></div>
    <div id=${`${props.id}-panel`} class="modal-panel" role="dialog" aria-modal="true" aria-labelledby=${`${props.id}-title`}
      phx-window-keydown=${close} phx-key="Escape" phx-click-away=${close}>
      <button type="button" class="modal-close" phx-click=${close} aria-label="Close">${icon("x-mark")}</button>
      <h2 id=${`${props.id}-title`}>${props.title}</h2>
      ${props.inner}
    </div>
  </div>`;
}
