/**
 * Submits `form` natively (`phx-trigger-action`): the browser posts it and leaves the page.
 * The button that submitted it last is added as a hidden field, as a real click would send it.
 */
export function submitOverHttp(form: HTMLFormElement, submitter: Element | null | undefined): void {
  const name = submitter?.getAttribute("name");
  if (submitter && name && submitter.parentElement !== null && form.contains(submitter)) {
    const input = form.ownerDocument.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = (submitter as HTMLButtonElement).value ?? "";
    submitter.parentElement.insertBefore(input, submitter);
  }
  // The prototype's submit: a control named "submit" shadows the form's own method.
  HTMLFormElement.prototype.submit.call(form);
}
