import type { JsCommandHost, PushCommand } from "../js/js-command-host.js";
import type { BindingActivation } from "../bindings/binding-delegate.js";
import { elementState } from "../dom/element-state.js";
import { formOf } from "../dom/form-elements.js";
import { DiagnosticCode, reportError } from "./diagnostics.js";
import type { EventPushOptions, PushResult } from "./event-pusher.js";
import type { Navigation } from "./navigation.js";
import type { View } from "./view.js";
import { withinTargets } from "./view-targets.js";

/** What a command host needs besides the view. */
export interface CommandHostContext {
  readonly navigation: Navigation;
  /** Blurs the focused element for a submit; returns what restores it after the reply. */
  blurForSubmit(): () => void;
}

/**
 * The runtime's side of the JS commands contract for one binding activation: a `push` sends
 * the event the binding stands for (a click, a change of this form, a submit…) to the view and
 * component its target resolves to; `navigate` and `patch` go through live navigation.
 */
export function commandHostFor(context: CommandHostContext, view: View | null, activation: BindingActivation): JsCommandHost {
  return {
    push: (command, source) => {
      if (view === null) {
        reportError(DiagnosticCode.pushFailed, `"${command.event}" was pushed outside any LiveView; nothing was sent`, { attribution: "app" });
        return;
      }
      pushForActivation(context, view, activation, command, source);
    },
    navigate: (href, { replace }) =>
      context.navigation.historyRedirect(activation.domEvent, href, replace ? "replace" : "push", null, activation.element),
    patch: (href, { replace }) => context.navigation.pushHistoryPatch(activation.domEvent, href, replace ? "replace" : "push", activation.element),
  };
}

function pushForActivation(context: CommandHostContext, view: View, activation: BindingActivation, command: PushCommand, source: Element): void {
  const { kind } = activation;
  const targetSource = kind === "change" && activation.change !== undefined ? activation.change.dispatcher : source;
  const target = command.target ?? targetSource.getAttribute(view.binding("target")) ?? targetSource;
  const options: EventPushOptions = {
    ...(command.value !== undefined && { value: command.value }),
    ...(command.target !== undefined && { target: command.target }),
    ...(command.loading !== undefined && { loading: command.loading }),
    // `phx-page-loading` on the bound element: the older attribute form of `page_loading: true`.
    ...((command.pageLoading === true || source.hasAttribute(view.binding("page-loading"))) && { pageLoading: true }),
  };
  withinTargets(view, target, (targetView, targetContext) => {
    if (!targetView.isConnected()) return;
    let pushed: Promise<PushResult>;
    if (kind === "change") {
      const name = source.getAttribute("name");
      pushed = targetView.pusher.pushInput(source, targetContext, command.event, name === null || name === "" ? undefined : name, options);
    } else if (kind === "submit") {
      const form = source instanceof HTMLFormElement ? source : formOf(source);
      if (form === null) return;
      elementState(form).submitter = activation.submitter ?? null;
      const restoreFocus = context.blurForSubmit();
      pushed = targetView.pusher.submitForm(form, targetContext, command.event, activation.submitter ?? null, options);
      void pushed.then((result) => result.ok && restoreFocus());
    } else {
      pushed = targetView.pusher.pushEvent(kind, source, targetContext, command.event, activation.data, options);
    }
    void pushed.then((result) => {
      if (!result.ok) {
        targetView.report(DiagnosticCode.pushFailed, `event "${command.event}" failed: ${result.error}`, result.attribution, { type: kind });
      }
    });
  });
}
