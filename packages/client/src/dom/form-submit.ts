import { hiddenSubmitterField } from "./form-elements.js";

/**
 * Submits `form` natively (`phx-trigger-action`): the browser posts it and leaves the page.
 * The button that submitted it last is added as a hidden field, as a real click would send it.
 */
export function submitOverHttp(form: HTMLFormElement, submitter: Element | null | undefined): void {
  if (submitter && submitter.parentElement !== null && form.contains(submitter)) {
    const field = hiddenSubmitterField(submitter);
    if (field !== null) submitter.parentElement.insertBefore(field, submitter);
  }
  // The prototype's submit: a control named "submit" shadows the form's own method.
  HTMLFormElement.prototype.submit.call(form);
}
