import type { JsCommandHost, PushCommand } from "../../src/js/js-command-host.js";
import type { JsDiagnosticDetail } from "../../src/js/js-diagnostics.js";

/** Records what JS commands ask of the runtime. */
export class RecordingHost implements JsCommandHost {
  readonly pushes: Array<{ command: PushCommand; source: Element; domEvent: Event | undefined }> = [];
  readonly navigations: Array<{ kind: "navigate" | "patch"; href: string; replace: boolean }> = [];

  push(command: PushCommand, source: Element, domEvent: Event | undefined): void {
    this.pushes.push({ command, source, domEvent });
  }
  navigate(href: string, options: { replace: boolean }): void {
    this.navigations.push({ kind: "navigate", href, replace: options.replace });
  }
  patch(href: string, options: { replace: boolean }): void {
    this.navigations.push({ kind: "patch", href, replace: options.replace });
  }
}

/** Collects `phx:live-view:diagnostic` events until `stop()`. */
export function collectDiagnostics(): { details: JsDiagnosticDetail[]; stop(): void } {
  const details: JsDiagnosticDetail[] = [];
  const listener = (event: Event): void => {
    details.push((event as CustomEvent<JsDiagnosticDetail>).detail);
  };
  window.addEventListener("phx:live-view:diagnostic", listener);
  return { details, stop: () => window.removeEventListener("phx:live-view:diagnostic", listener) };
}

export function mount(html: string): void {
  document.body.innerHTML = html;
}

export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`fixture has no #${id}`);
  return element as unknown as T;
}

/** Inline display as the user would see it styled ("" when none is set). */
export function displayOf(id: string): string {
  return byId(id).style.display;
}
