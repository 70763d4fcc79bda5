import { js, type JsBuilder, type JsClassNamesInput, type JsClassOptions, type JsHideOptions, type JsNavigationOptions } from "@cinder/protocol";
import type { JsPushOptions, JsShowOptions, JsTimingOptions, JsToggleOptions, JsTransitionInput } from "@cinder/protocol";
import type { JsCommandHost } from "./js-command-host.js";
import { runJsCommands, runTypedJsCommands } from "./run-js-commands.js";

type WithoutTarget<Options> = Omit<Options, "to">;

/**
 * JS commands called from JavaScript on a given element — what hooks get as `this.js()` and a
 * LiveSocket as `liveSocket.js()`. Each call behaves exactly like the same command in an
 * attribute of `element`: changes stick across patches, transitions block patches unless
 * `blocking: false`.
 */
export interface JsCommandsApi {
  /** Runs an encoded command list (or event name) as if it were an attribute of `element`. */
  exec(element: Element, encoded: string): void;
  show(element: Element, options?: WithoutTarget<JsShowOptions>): void;
  hide(element: Element, options?: WithoutTarget<JsHideOptions>): void;
  toggle(element: Element, options?: WithoutTarget<JsToggleOptions>): void;
  addClass(element: Element, names: JsClassNamesInput, options?: WithoutTarget<JsClassOptions>): void;
  removeClass(element: Element, names: JsClassNamesInput, options?: WithoutTarget<JsClassOptions>): void;
  toggleClass(element: Element, names: JsClassNamesInput, options?: WithoutTarget<JsClassOptions>): void;
  transition(element: Element, transition: JsTransitionInput, options?: JsTimingOptions): void;
  setAttribute(element: Element, name: string, value: string): void;
  removeAttribute(element: Element, name: string): void;
  toggleAttribute(element: Element, name: string, values: string | readonly [string, string]): void;
  ignoreAttributes(element: Element, names: string | readonly string[]): void;
  push(element: Element, event: string, options?: JsPushOptions): void;
  navigate(href: string, options?: JsNavigationOptions): void;
  patch(href: string, options?: JsNavigationOptions): void;
}

/**
 * The JS commands API over `host`, for code that runs commands itself: each call acts like the
 * same command in an attribute of the element it is given. Hooks (`this.js()`) and apps
 * (`liveSocket.js()`) get one from their LiveSocket; build one for a runtime of your own. The
 * `host` receives pushes and navigation, as for `runJsCommands`.
 *
 * @example
 * ```ts
 * const commands = createJsCommands(host);
 * commands.hide(modal, { transition: ["ease-in duration-200", "opacity-100", "opacity-0"] });
 * commands.addClass(button, "active");
 * ```
 */
export function createJsCommands(host: JsCommandHost): JsCommandsApi {
  const run = (element: Element, builder: JsBuilder): void => runTypedJsCommands(builder.commands, element, undefined, host);
  return {
    exec: (element, encoded) => runJsCommands(encoded, element, undefined, host),
    show: (element, options) => run(element, js().show(options)),
    hide: (element, options) => run(element, js().hide(options)),
    toggle: (element, options) => run(element, js().toggle(options)),
    addClass: (element, names, options) => run(element, js().addClass(names, options)),
    removeClass: (element, names, options) => run(element, js().removeClass(names, options)),
    toggleClass: (element, names, options) => run(element, js().toggleClass(names, options)),
    transition: (element, transition, options) => run(element, js().transition(transition, options)),
    setAttribute: (element, name, value) => run(element, js().setAttribute(name, value)),
    removeAttribute: (element, name) => run(element, js().removeAttribute(name)),
    toggleAttribute: (element, name, values) => run(element, js().toggleAttribute(name, values)),
    ignoreAttributes: (element, names) => run(element, js().ignoreAttributes(names)),
    push: (element, event, options) => run(element, js().push(event, options)),
    navigate: (href, options) => host.navigate(href, { replace: options?.replace ?? false }),
    patch: (href, options) => host.patch(href, { replace: options?.replace ?? false }),
  };
}
