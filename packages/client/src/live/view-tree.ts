import { RenderedTree, isJsonObject, splitDiffExtras, type PushedEvent, type RenderedRoot, type StreamInstruction } from "@cinder/protocol";
import { describeError } from "../errors.js";
import { DiagnosticCode } from "./diagnostics.js";
import { patchView } from "./patch-delegate.js";
import { putTitle } from "./title.js";
import type { View } from "./view.js";

/** What the tree needs from its view's lifecycle. */
export interface ViewTreeHost {
  /** The view may patch now: it is joined, and no live navigation of the main view is pending. */
  mayPatch(): boolean;
  /** Server input the tree cannot take: the view reports it and rejoins for a fresh full render. */
  rejectInput(code: DiagnosticCode, message: string): void;
  /** A diff was merged and patched in; `events` are its `push_event`s due after the patch. */
  diffApplied(events: readonly PushedEvent[]): void;
}

/** A render the server sent, split into its parts (spec §3.4.7). */
export interface RenderParts {
  diff: RenderedRoot;
  /** `r`: what a hook's `pushEvent` resolves with (null when absent). */
  reply: unknown;
  /** `e` events due after the patch; those flagged to run before it are already dispatched. */
  events: readonly PushedEvent[];
}

interface WaitingDiff {
  diff: RenderedRoot;
  events: readonly PushedEvent[];
  /** The join the diff was computed against. */
  joinCount: number;
}

/**
 * A view's rendered tree (spec §3.4) and the step that brings a render onto the page: read it,
 * merge it into the tree, then patch only what it touched — the components of a component-only
 * diff, else the view's HTML with the components the diff left alone kept as they are.
 *
 * Invariants:
 * - the tree is the last join's full render plus every diff merged since, in order; a diff that
 *   does not fit makes the view rejoin, and only the rejoin's full render replaces the tree;
 * - a diff that arrives while the view may not patch waits, in order; it belongs to the join it
 *   was computed against and is dropped once the view has joined again.
 */
export class ViewTree {
  readonly #view: View;
  readonly #host: ViewTreeHost;
  #tree: RenderedTree | null = null;
  #waiting: WaitingDiff[] = [];

  constructor(view: View, host: ViewTreeHost) {
    this.#view = view;
    this.#host = host;
  }

  /** The merged tree of the current join; null before the first join render and after a bad one. */
  get current(): RenderedTree | null {
    return this.#tree;
  }

  /**
   * Reads a render: a join's `rendered` (`mount`), a `diff` push or an event reply's diff
   * (`update`). `e` events flagged to run before the patch are dispatched first; `t` sets the
   * title afterwards (a main view's join always settles the title).
   */
  read(kind: "mount" | "update", raw: unknown, apply: (parts: RenderParts) => void): void {
    const view = this.#view;
    if (!isJsonObject(raw)) {
      this.#host.rejectInput(DiagnosticCode.malformedDiff, `a ${kind} render must be a JSON object, got ${JSON.stringify(raw)?.slice(0, 80)}`);
      return;
    }
    const { diff, reply, events, title } = splitDiffExtras(raw as RenderedRoot);
    const eventList = Array.isArray(events) ? events.filter((event) => Array.isArray(event) && typeof event[0] === "string") : [];
    view.runtime.dispatchServerEvents(eventList.filter((event) => event[2] === true));
    apply({ diff, reply, events: eventList.filter((event) => event[2] !== true) });
    if (typeof title === "string" || (kind === "mount" && view.isMain())) putTitle(title);
  }

  /** A `diff` push of the server. */
  receiveDiff(raw: unknown): void {
    this.read("update", raw, ({ diff, events }) => this.update(diff, events));
  }

  /** Applies an event reply's diff: `beforeUpdate` releases the event's marks first, `finish` gets the hook reply. */
  applyReplyDiff(raw: unknown, beforeUpdate: () => void, finish: (reply: unknown) => void): void {
    const view = this.#view;
    view.runtime.afterTransitions(() =>
      view.guard("event reply diff", () =>
        this.read("update", raw, ({ diff, reply, events }) => {
          beforeUpdate();
          this.update(diff, events);
          finish(reply);
        }),
      ),
    );
  }

  /** Starts over from a join's full render and returns its HTML. Throws, leaving no tree, when the render is not a tree. */
  startFrom(rendered: RenderedRoot): { html: string; streams: StreamInstruction[] } {
    try {
      this.#tree = new RenderedTree(rendered, this.#view.id);
      return this.#tree.toHtml();
    } catch (error) {
      this.#tree = null;
      throw error;
    }
  }

  /** Merges a diff and patches the DOM; returns false when it has to wait instead. */
  update(diff: RenderedRoot, events: readonly PushedEvent[], alreadyWaiting = false): boolean {
    const tree = this.#tree;
    if (!this.#host.mayPatch() || tree === null) {
      if (!alreadyWaiting) this.#waiting.push({ diff, events, joinCount: this.#view.joinCount });
      return false;
    }
    try {
      this.#mergeAndPatch(tree, diff);
    } catch (error) {
      this.#host.rejectInput(DiagnosticCode.malformedDiff, `a diff does not fit the rendered tree: ${describeError(error)}`);
      return true;
    }
    this.#host.diffApplied(events);
    return true;
  }

  /** Applies the diffs that waited for the current join, in order; those of earlier joins are dropped. */
  applyWaiting(): void {
    this.#waiting = this.#waiting.filter(({ diff, events, joinCount }) => {
      if (joinCount !== this.#view.joinCount) return false;
      return !this.update(diff, events, true);
    });
  }

  dropWaiting(): void {
    this.#waiting = [];
  }

  #mergeAndPatch(tree: RenderedTree, diff: RenderedRoot): void {
    const view = this.#view;
    tree.merge(diff);
    if (RenderedTree.isComponentOnlyDiff(diff)) {
      for (const cid of view.components.existingParents(RenderedTree.componentIds(diff))) {
        const { html, streams } = tree.componentToHtml(cid);
        patchView(view, { html, streams, componentId: cid, isJoin: false });
      }
    } else if (Object.keys(diff).length > 0) {
      const { html, streams } = tree.toHtml({ onlyComponents: new Set(RenderedTree.componentIds(diff)) });
      patchView(view, { html, streams, isJoin: false });
    }
  }
}
