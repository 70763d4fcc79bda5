import type { JsonObject } from "../json.js";
import type { JsCommand, JsTarget, JsTransition } from "./js-command.js";

/**
 * A typed builder for JS commands, the TypeScript counterpart of Elixir's `Phoenix.LiveView.JS`.
 * Each call returns a new builder (the receiver is never changed), so a shared base chain can be
 * extended in several places. `toString()` gives the attribute value; `toJSON()` the command list.
 *
 * The emitted JSON is exactly what the client's parser accepts (`parseJsCommands`): snake_case
 * arg keys, class lists as arrays, transitions as three class lists, absent options left out.
 *
 * @example
 * ```ts
 * const attribute = js()
 *   .push("inc", { value: { by: 2 } })
 *   .addClass("flash", { to: "#x" })
 *   .toString();
 * // '[["push",{"event":"inc","value":{"by":2}}],["add_class",{"names":["flash"],"to":"#x"}]]'
 * ```
 */
export function js(): JsBuilder {
  return new JsBuilder([]);
}

/** Classes as `"a b"` or `["a", "b"]`. */
export type JsClassNamesInput = string | readonly string[];

/**
 * A transition as one string of running classes (`"shake"`), or as `[running, start, end]`
 * strings, e.g. `["ease-out duration-300", "opacity-0", "opacity-100"]`.
 */
export type JsTransitionInput = string | readonly [running: string, start: string, end: string];

export interface JsTimingOptions {
  /** Milliseconds the transition runs (client default 200). */
  time?: number;
  /** Hold back server patches until the transition ends (client default `true`). */
  blocking?: boolean;
}

export interface JsTargetOptions {
  to?: JsTarget;
}

export interface JsPushOptions {
  value?: JsonObject;
  /** Selector or component id (overrides `phx-target`). */
  target?: string | number;
  /** Selector of elements that get the loading classes while the push is pending. */
  loading?: string;
  /** Fire `phx:page-loading-start/stop` around the push. */
  pageLoading?: boolean;
}

export interface JsNavigationOptions {
  replace?: boolean;
}

export interface JsDispatchOptions extends JsTargetOptions {
  detail?: JsonObject;
  bubbles?: boolean;
  /** Hold back server patches until a listener calls `event.detail.done()`. */
  blocking?: boolean;
}

export interface JsShowOptions extends JsTargetOptions, JsTimingOptions {
  display?: string;
  transition?: JsTransitionInput;
}

export interface JsHideOptions extends JsTargetOptions, JsTimingOptions {
  transition?: JsTransitionInput;
}

export interface JsToggleOptions extends JsTargetOptions, JsTimingOptions {
  display?: string;
  in?: JsTransitionInput;
  out?: JsTransitionInput;
}

export interface JsClassOptions extends JsTargetOptions, JsTimingOptions {
  transition?: JsTransitionInput;
}

export class JsBuilder {
  readonly #commands: readonly JsCommand[];

  constructor(commands: readonly JsCommand[]) {
    this.#commands = commands;
  }

  /** The commands so far, in order. */
  get commands(): readonly JsCommand[] {
    return this.#commands;
  }

  /** Push an event to the server, as a plain `phx-click="name"` would, with extra options. */
  push(event: string, options: JsPushOptions = {}): JsBuilder {
    requireText("push", "event", event);
    return this.#with([
      "push",
      defined({
        event,
        target: options.target,
        loading: options.loading,
        page_loading: options.pageLoading,
        value: options.value,
      }),
    ]);
  }

  /** Live-navigate to another LiveView (`push_navigate`). */
  navigate(href: string, options: JsNavigationOptions = {}): JsBuilder {
    requireText("navigate", "href", href);
    return this.#with(["navigate", { href, replace: options.replace ?? false }]);
  }

  /** Live-patch the current LiveView (`push_patch`). */
  patch(href: string, options: JsNavigationOptions = {}): JsBuilder {
    requireText("patch", "href", href);
    return this.#with(["patch", { href, replace: options.replace ?? false }]);
  }

  /** Dispatch a DOM event (a `CustomEvent`, or a `MouseEvent` for `"click"`) to the targets. */
  dispatch(event: string, options: JsDispatchOptions = {}): JsBuilder {
    requireText("dispatch", "event", event);
    if (event === "click" && options.detail !== undefined) {
      throw new TypeError(
        'js().dispatch("click", { detail }) cannot work: browsers replace a click\'s detail with a number. ' +
          "Dispatch your own event name with the detail and call element.click() from its listener.",
      );
    }
    if (options.blocking === true && options.detail !== undefined && "done" in options.detail) {
      throw new TypeError('js().dispatch(…, { blocking: true }) sets detail.done itself; remove the "done" key from detail.');
    }
    return this.#with([
      "dispatch",
      defined({
        event,
        to: checkedTarget("dispatch", options.to),
        detail: options.detail,
        bubbles: options.bubbles,
        blocking: options.blocking,
      }),
    ]);
  }

  /** Show hidden targets (sets `display`, default `block`). */
  show(options: JsShowOptions = {}): JsBuilder {
    return this.#with([
      "show",
      defined({
        to: checkedTarget("show", options.to),
        display: options.display,
        transition: transitionClasses(options.transition),
        ...timing("show", options),
      }),
    ]);
  }

  /** Hide visible targets (`display: none`). */
  hide(options: JsHideOptions = {}): JsBuilder {
    return this.#with([
      "hide",
      defined({ to: checkedTarget("hide", options.to), transition: transitionClasses(options.transition), ...timing("hide", options) }),
    ]);
  }

  /** Show the targets that are hidden and hide the ones that are visible. */
  toggle(options: JsToggleOptions = {}): JsBuilder {
    return this.#with([
      "toggle",
      defined({
        to: checkedTarget("toggle", options.to),
        display: options.display,
        ins: transitionClasses(options.in),
        outs: transitionClasses(options.out),
        ...timing("toggle", options),
      }),
    ]);
  }

  addClass(names: JsClassNamesInput, options: JsClassOptions = {}): JsBuilder {
    return this.#with(["add_class", classArgs("addClass", names, options)]);
  }

  removeClass(names: JsClassNamesInput, options: JsClassOptions = {}): JsBuilder {
    return this.#with(["remove_class", classArgs("removeClass", names, options)]);
  }

  toggleClass(names: JsClassNamesInput, options: JsClassOptions = {}): JsBuilder {
    return this.#with(["toggle_class", classArgs("toggleClass", names, options)]);
  }

  /** Apply transition classes for `time` ms without changing anything else (e.g. a shake). */
  transition(transition: JsTransitionInput, options: JsTargetOptions & JsTimingOptions = {}): JsBuilder {
    return this.#with([
      "transition",
      defined({
        transition: transitionClasses(transition) ?? [[], [], []],
        to: checkedTarget("transition", options.to),
        ...timing("transition", options),
      }),
    ]);
  }

  setAttribute(name: string, value: string, options: JsTargetOptions = {}): JsBuilder {
    requireText("setAttribute", "name", name);
    return this.#with(["set_attr", defined({ attr: [name, value] as [string, string], to: checkedTarget("setAttribute", options.to) })]);
  }

  removeAttribute(name: string, options: JsTargetOptions = {}): JsBuilder {
    requireText("removeAttribute", "name", name);
    return this.#with(["remove_attr", defined({ attr: name, to: checkedTarget("removeAttribute", options.to) })]);
  }

  /**
   * With one value: set the attribute to it when absent, remove it when present. With
   * `[a, b]`: set `b` when the attribute is `a`, otherwise `a`.
   */
  toggleAttribute(name: string, values: string | readonly [first: string, second: string], options: JsTargetOptions = {}): JsBuilder {
    requireText("toggleAttribute", "name", name);
    const attr: [string, string] | [string, string, string] = typeof values === "string" ? [name, values] : [name, values[0], values[1]];
    return this.#with(["toggle_attr", defined({ attr, to: checkedTarget("toggleAttribute", options.to) })]);
  }

  /**
   * Keep the client's value of these attributes when the server patches the element (e.g. a
   * `<details open>` the user toggled). `*` matches any run of characters: `"data-*"`.
   */
  ignoreAttributes(names: string | readonly string[], options: JsTargetOptions = {}): JsBuilder {
    const attrs = typeof names === "string" ? [names] : [...names];
    attrs.forEach((attribute) => requireText("ignoreAttributes", "attribute name", attribute));
    return this.#with(["ignore_attrs", defined({ attrs, to: checkedTarget("ignoreAttributes", options.to) })]);
  }

  focus(options: JsTargetOptions = {}): JsBuilder {
    return this.#with(["focus", defined({ to: checkedTarget("focus", options.to) })]);
  }

  /** Focus the first focusable descendant of the targets. */
  focusFirst(options: JsTargetOptions = {}): JsBuilder {
    return this.#with(["focus_first", defined({ to: checkedTarget("focusFirst", options.to) })]);
  }

  /** Remember the target (default: the source element) so `popFocus()` can return to it. */
  pushFocus(options: JsTargetOptions = {}): JsBuilder {
    return this.#with(["push_focus", defined({ to: checkedTarget("pushFocus", options.to) })]);
  }

  popFocus(): JsBuilder {
    return this.#with(["pop_focus", {}]);
  }

  /** Run the commands held in another attribute, e.g. `exec("phx-remove", { to: "#modal" })`. */
  exec(attribute: string, options: JsTargetOptions = {}): JsBuilder {
    requireText("exec", "attribute", attribute);
    return this.#with(["exec", defined({ attr: attribute, to: checkedTarget("exec", options.to) })]);
  }

  /** These commands followed by `other`'s. */
  concat(other: JsBuilder): JsBuilder {
    return new JsBuilder([...this.#commands, ...other.commands]);
  }

  toJSON(): JsCommand[] {
    return [...this.#commands];
  }

  /** The attribute value (JSON; the template escapes it like any attribute value). */
  toString(): string {
    return JSON.stringify(this.#commands);
  }

  #with(command: JsCommand): JsBuilder {
    return new JsBuilder([...this.#commands, command]);
  }
}

function classArgs(method: string, names: JsClassNamesInput, options: JsClassOptions): JsCommand[1] & { names: string[] } {
  return defined({
    names: classList(names),
    to: checkedTarget(method, options.to),
    transition: transitionClasses(options.transition),
    ...timing(method, options),
  });
}

function classList(names: JsClassNamesInput): string[] {
  const entries = typeof names === "string" ? [names] : names;
  return entries.flatMap((entry) => entry.split(/\s+/)).filter((className) => className.length > 0);
}

function transitionClasses(transition: JsTransitionInput | undefined): JsTransition | undefined {
  if (transition === undefined) return undefined;
  if (typeof transition === "string") return [classList(transition), [], []];
  return [classList(transition[0]), classList(transition[1]), classList(transition[2])];
}

function timing(method: string, options: JsTimingOptions): { time?: number; blocking?: boolean } {
  const { time, blocking } = options;
  if (time !== undefined && !(Number.isFinite(time) && time >= 0)) {
    throw new RangeError(`js().${method}({ time: ${time} }): time is in milliseconds and must be a finite number ≥ 0.`);
  }
  return { time, blocking };
}

function checkedTarget(method: string, to: JsTarget | undefined): JsTarget | undefined {
  if (to === undefined) return undefined;
  const selector = typeof to === "string" ? to : "closest" in to ? to.closest : to.inner;
  if (typeof selector !== "string" || selector.length === 0) {
    throw new TypeError(`js().${method}({ to }): give a CSS selector, { closest: selector } or { inner: selector }; leave "to" out to target the element itself.`);
  }
  return to;
}

function requireText(method: string, what: string, value: string): void {
  if (typeof value !== "string" || value.length === 0) {
    throw new TypeError(`js().${method}(): ${what} must be a non-empty string.`);
  }
}

/** Drops absent options so the JSON carries only what was asked for. */
function defined<T extends object>(args: T): T {
  const result = { ...args };
  for (const key of Object.keys(result) as (keyof T)[]) {
    if (result[key] === undefined) delete result[key];
  }
  return result;
}
