import { afterEach, beforeEach, vi } from "vitest";
import type { JsCommandHost, PushCommand } from "../../src/js/js-command-host.js";

export { byId, displayOf, mount } from "./dom.js";

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

/**
 * Registers what tests of timed JS commands need: fake timers before each test; afterwards every
 * transition runs to its end (so no blocking state leaks into the next test), focus leaves the
 * page and the page is emptied.
 */
export function setupTimedJsCommandTests(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.runAllTimers();
    vi.useRealTimers();
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = "";
  });
}
