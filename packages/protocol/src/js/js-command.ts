import type { JsonObject } from "../json.js";

/**
 * JS commands as they travel inside `phx-*` attributes (spec §3.15): an HTML-escaped JSON array
 * of `[op, args]` pairs, e.g. `[["push",{"event":"inc"}],["hide",{"to":"#modal"}]]`.
 *
 * These types are the wire format itself. The builder (`js()`) emits exactly these shapes and
 * the client's parser accepts them, so a command written in a server template and the code that
 * runs it in the browser cannot drift apart. Arg keys keep the wire's snake_case.
 *
 * Optional args may also arrive as `null` from older servers; parsers treat `null` as absent.
 */

/**
 * Which elements a command acts on. Absent: the element the command came from.
 * - a string: a CSS selector over the whole document;
 * - `{ closest: sel }`: the nearest ancestor-or-self matching `sel`;
 * - `{ inner: sel }`: descendants of the source element matching `sel`.
 */
export type JsTarget = string | { closest: string } | { inner: string };

/**
 * A CSS transition as three class lists: classes present while it runs, classes it starts from,
 * classes it ends with — e.g. `[["ease-out", "duration-300"], ["opacity-0"], ["opacity-100"]]`.
 */
export type JsTransition = [running: string[], start: string[], end: string[]];

/** How long a transition runs when the command does not say (milliseconds). */
export const DEFAULT_JS_TRANSITION_TIME_MS = 200;

/** Timing shared by every command that may animate. */
export interface JsTimingArgs {
  /** Milliseconds the transition classes stay applied. Default {@link DEFAULT_JS_TRANSITION_TIME_MS}. */
  time?: number;
  /** Hold back server patches until the transition ends. Default `true`. */
  blocking?: boolean;
}

export interface JsPushArgs {
  event: string;
  /** CSS selector or component id, overriding the element's `phx-target`. */
  target?: string | number;
  /** Selector of elements that get the loading classes while the push is pending. */
  loading?: string;
  /** Fire `phx:page-loading-start/stop` around the push. */
  page_loading?: boolean;
  /** Merged over the element's `phx-value-*` values. */
  value?: JsonObject;
}

export interface JsNavigationArgs {
  href: string;
  /** Replace the current history entry instead of pushing a new one. */
  replace?: boolean;
}

export interface JsDispatchArgs {
  event: string;
  to?: JsTarget;
  /** Becomes `event.detail` (plus `dispatcher`, the source element). */
  detail?: JsonObject;
  /** Default `true`. */
  bubbles?: boolean;
  /** Hold back server patches until a listener calls `event.detail.done()`. */
  blocking?: boolean;
}

export interface JsShowArgs extends JsTimingArgs {
  to?: JsTarget;
  /** CSS `display` to show with. Default `block` (`table-row` for `tr`, …). */
  display?: string;
  transition?: JsTransition;
}

export interface JsHideArgs extends JsTimingArgs {
  to?: JsTarget;
  transition?: JsTransition;
}

export interface JsToggleArgs extends JsTimingArgs {
  to?: JsTarget;
  display?: string;
  /** Transition used when toggling in. */
  ins?: JsTransition;
  /** Transition used when toggling out. */
  outs?: JsTransition;
}

export interface JsClassArgs extends JsTimingArgs {
  names: string[];
  to?: JsTarget;
  transition?: JsTransition;
}

export interface JsTransitionArgs extends JsTimingArgs {
  transition: JsTransition;
  to?: JsTarget;
}

export interface JsSetAttrArgs {
  attr: [name: string, value: string];
  to?: JsTarget;
}

export interface JsRemoveAttrArgs {
  attr: string;
  to?: JsTarget;
}

export interface JsToggleAttrArgs {
  /** `[name, value]` sets or removes; `[name, a, b]` flips between two values. */
  attr: [name: string, value: string] | [name: string, first: string, second: string];
  to?: JsTarget;
}

export interface JsIgnoreAttrsArgs {
  /** Attribute names; `*` matches any run of characters (`data-*`), `"*"` alone matches all. */
  attrs: string[];
  to?: JsTarget;
}

export interface JsTargetArgs {
  to?: JsTarget;
}

export interface JsExecArgs {
  /** The attribute (on each target) whose commands to run, e.g. `"phx-remove"`. */
  attr: string;
  to?: JsTarget;
}

/** One command; a discriminated union on the op name at index 0. */
export type JsCommand =
  | ["push", JsPushArgs]
  | ["navigate", JsNavigationArgs]
  | ["patch", JsNavigationArgs]
  | ["dispatch", JsDispatchArgs]
  | ["show", JsShowArgs]
  | ["hide", JsHideArgs]
  | ["toggle", JsToggleArgs]
  | ["add_class", JsClassArgs]
  | ["remove_class", JsClassArgs]
  | ["toggle_class", JsClassArgs]
  | ["transition", JsTransitionArgs]
  | ["set_attr", JsSetAttrArgs]
  | ["remove_attr", JsRemoveAttrArgs]
  | ["toggle_attr", JsToggleAttrArgs]
  | ["ignore_attrs", JsIgnoreAttrsArgs]
  | ["focus", JsTargetArgs]
  | ["focus_first", JsTargetArgs]
  | ["push_focus", JsTargetArgs]
  | ["pop_focus", Record<string, never>]
  | ["exec", JsExecArgs];

export type JsCommandOp = JsCommand[0];

/** The args type of one op: `JsCommandArgs<"show">` is `JsShowArgs`. */
export type JsCommandArgs<Op extends JsCommandOp> = Extract<JsCommand, [Op, unknown]>[1];
