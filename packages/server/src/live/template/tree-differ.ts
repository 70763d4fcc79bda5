import type { ComprehensionEntry, Dynamic, KeyedEntry, StreamInsert } from "@cinder/protocol";
import { WRAPPER_TEMPLATE, slotValueIndexes, type CompiledTemplate, type SlotPlan } from "./compiled-template.js";
import {
  comprehensionTemplate,
  entryValues,
  evaluateComponent,
  evaluateReusedEntries,
  indexedEntries,
  keyedEntries,
  resolveEntries,
  type EntrySource,
  type ResolvedEntry,
} from "./comprehension-entries.js";
import { ComponentCall, shallowEqualProps } from "./function-component.js";
import { KeyedList } from "./keyed.js";
import { LiveComponentRef } from "./live-component-ref.js";
import type { ComprehensionState, DynamicsState, EntryState, NodeState, SlotState, StreamState } from "./render-state.js";
import { stringSlotHtml, textHtml } from "./slot-values.js";
import { StaticsScope } from "./statics-scope.js";
import { StreamRender } from "./stream-render.js";
import { Template } from "./template.js";
import { serverError } from "../../errors/error-registry.js";

/**
 * The diff engine: renders a value against the state the client holds for its position and
 * returns what to send (`undefined` when nothing changed) together with the new state. A full
 * render is a diff against nothing, so both go through the same code.
 *
 * Rules (spec §3.4, §3.5):
 * - same fingerprint → recurse, sending changed slots only; other fingerprint → the whole node
 *   with `"s"` (an object with `"s"` replaces what the client holds);
 * - a slot whose primitive values are unchanged is not even rendered;
 * - comprehensions are keyed: a kept entry sends its changes only, a moved one its old index
 *   (`j` or `[j, diff]`, with `"km": true`), a new one in full; `"kc"` is always present;
 * - statics go into the nearest `"p"` scope when there is one, inline otherwise.
 */

/** A rendered piece: what to send (undefined: unchanged) and what the client then holds. */
interface Rendered<State> {
  readonly wire: Dynamic | undefined;
  readonly state: State;
}

/** Mutable wire object under construction; cast to the protocol types at the boundary. */
type WireObject = Record<string, unknown>;

/** Where templates may go: a `"p"` scope, or inline when `undefined`. */
type Scope = StaticsScope | undefined;

export interface TreeDifferOptions {
  /** Turns a live component into its cid. Without it, a live component is a developer error. */
  readonly resolveComponent?: ((ref: LiveComponentRef) => number) | undefined;
}

export class TreeDiffer {
  readonly #resolveComponent: ((ref: LiveComponentRef) => number) | undefined;

  constructor(options: TreeDifferOptions) {
    this.#resolveComponent = options.resolveComponent;
  }

  /**
   * A template at a node position. `root` nodes never carry `"r"` (at the top of a LiveView
   * diff `"r"` means an event reply); component roots get it from their tracker.
   */
  renderNode(template: Template, previous: SlotState | undefined, scope: Scope, flagRoot: boolean): Rendered<NodeState> {
    const compiled = template.compiled;
    if (previous?.kind === "node" && previous.compiled === compiled) {
      const { wire, changed, slots } = this.#renderDynamics(compiled, template.values, previous, scope);
      return { wire: changed ? (wire as Dynamic) : undefined, state: { kind: "node", compiled, values: template.values, slots } };
    }
    const { wire, slots } = this.#renderDynamics(compiled, template.values, undefined, scope);
    wire.s = scope === undefined ? compiled.statics : scope.reference(compiled);
    if (flagRoot && compiled.singleRoot) wire.r = 1;
    return { wire: wire as Dynamic, state: { kind: "node", compiled, values: template.values, slots } };
  }

  /** The slots of one template instance; `changed` says whether `wire` holds anything. */
  #renderDynamics(
    compiled: CompiledTemplate,
    values: readonly unknown[],
    previous: DynamicsState | undefined,
    scope: Scope,
  ): { wire: WireObject; changed: boolean; slots: SlotState[] } {
    const wire: WireObject = {};
    const plans = compiled.slots;
    const slots = new Array<SlotState>(plans.length);
    let changed = false;
    for (let index = 0; index < plans.length; index++) {
      const plan = plans[index] as SlotPlan;
      const previousSlot = previous?.slots[index];
      if (previousSlot !== undefined && previous !== undefined && sameInputs(plan, previous.values, values)) {
        slots[index] = previousSlot;
        continue;
      }
      const rendered =
        plan.kind === "text" ? this.#renderText(values[plan.valueIndex], previousSlot, scope) : this.#renderString(stringSlotHtml(plan, values), previousSlot);
      slots[index] = rendered.state;
      if (rendered.wire !== undefined) {
        wire[String(index)] = rendered.wire;
        changed = true;
      }
    }
    return { wire, changed, slots };
  }

  #renderString(html: string, previous: SlotState | undefined): Rendered<SlotState> {
    if (previous?.kind === "html" && previous.html === html) return { wire: undefined, state: previous };
    return { wire: html, state: { kind: "html", html } };
  }

  #renderText(value: unknown, previous: SlotState | undefined, scope: Scope): Rendered<SlotState> {
    // What a memoised component rendered is what the client holds, whatever renders there now.
    if (previous?.kind === "memo" && !(value instanceof ComponentCall)) previous = previous.inner;
    if (typeof value !== "object" || value === null) return this.#renderString(textHtml(value), previous);
    if (value instanceof Template) return this.renderNode(value, previous, scope, true);
    if (Array.isArray(value)) return this.#renderComprehension(indexedEntries(value), previous, scope);
    if (value instanceof KeyedList) return this.#renderComprehension(keyedEntries(value), previous, scope);
    if (value instanceof ComponentCall) return this.#renderComponentCall(value, previous, scope);
    if (value instanceof LiveComponentRef) return this.#renderLiveComponent(value, previous);
    if (value instanceof StreamRender) return this.#renderStream(value, previous, scope);
    return this.#renderString(textHtml(value), previous);
  }

  #renderComponentCall(call: ComponentCall<object>, previous: SlotState | undefined, scope: Scope): Rendered<SlotState> {
    if (previous?.kind === "memo" && previous.render === call.render && shallowEqualProps(previous.props, call.props)) {
      return { wire: undefined, state: previous };
    }
    const output = evaluateComponent(call);
    // The wire never sees the component: diff its output against what the client holds there.
    const inner = this.#renderText(output, previous?.kind === "memo" ? previous.inner : previous, scope);
    return { wire: inner.wire, state: { kind: "memo", render: call.render, props: call.props, inner: inner.state } };
  }

  #renderLiveComponent(ref: LiveComponentRef, previous: SlotState | undefined): Rendered<SlotState> {
    const resolve = this.#resolveComponent;
    if (resolve === undefined) throw serverError("CINDER_TEMPLATE_NO_COMPONENT_RESOLVER");
    const cid = resolve(ref);
    if (!Number.isSafeInteger(cid) || cid <= 0) throw serverError("CINDER_TEMPLATE_INVALID_CID", cid);
    if (previous?.kind === "cid" && previous.cid === cid) return { wire: undefined, state: previous };
    return { wire: cid, state: { kind: "cid", cid } };
  }

  #renderComprehension(sources: readonly EntrySource[], previous: SlotState | undefined, scope: Scope): Rendered<SlotState> {
    const held = previous?.kind === "comprehension" ? previous : undefined;
    if (held === undefined && sources.length === 0) {
      // A list that never rendered anything is an empty string on the wire (spec §3.4.1).
      return this.#renderString("", previous);
    }
    const entries = resolveEntries(sources, held);
    let compiled = comprehensionTemplate(entries, held?.compiled);
    if (held !== undefined && held.compiled === compiled) return this.#diffComprehension(compiled, entries, held, scope);

    // New comprehension (or new statics): every entry in full.
    if (entries.some((entry) => entry.reuse !== undefined)) {
      evaluateReusedEntries(entries);
      compiled = comprehensionTemplate(entries, undefined);
    }
    const ownScope = scope === undefined ? new StaticsScope() : undefined;
    const entryScope = scope ?? ownScope;
    const keyed: WireObject = {};
    const states: EntryState[] = [];
    entries.forEach((entry, index) => {
      const values = entryValues(compiled, entry.value);
      const { wire, slots } = this.#renderDynamics(compiled, values, undefined, entryScope);
      keyed[String(index)] = wire;
      states.push({ key: entry.key, call: entry.call, values, slots });
    });
    keyed.kc = entries.length;
    const wire: WireObject = { s: scope === undefined ? compiled.statics : scope.reference(compiled), k: keyed };
    if (ownScope !== undefined && !ownScope.isEmpty) wire.p = ownScope.templates();
    return { wire: wire as Dynamic, state: { kind: "comprehension", compiled, entries: states } };
  }

  #diffComprehension(
    compiled: CompiledTemplate,
    entries: readonly ResolvedEntry[],
    held: ComprehensionState,
    scope: Scope,
  ): Rendered<ComprehensionState> {
    const ownScope = scope === undefined ? new StaticsScope() : undefined;
    const entryScope = scope ?? ownScope;
    const keyed: Record<string, KeyedEntry | number | true> = {};
    const states: EntryState[] = [];
    let changed = entries.length !== held.entries.length;
    let moved = false;
    entries.forEach((entry, index) => {
      const previousIndex = entry.previousIndex;
      if (entry.reuse !== undefined && previousIndex !== undefined) {
        // A memoised row whose props did not change: the client's copy stands, wherever it moved.
        states.push({ ...entry.reuse, call: entry.call });
        if (previousIndex !== index) {
          keyed[String(index)] = previousIndex;
          moved = changed = true;
        }
        return;
      }
      const values = entryValues(compiled, entry.value);
      if (previousIndex === undefined) {
        // A new entry is sent whole; merged over whatever entry the client holds at this index,
        // it replaces every slot (all of them are present, and nested objects carry "s").
        const { wire, slots } = this.#renderDynamics(compiled, values, undefined, entryScope);
        keyed[String(index)] = wire as ComprehensionEntry;
        states.push({ key: entry.key, call: entry.call, values, slots });
        changed = true;
        return;
      }
      const previousEntry = held.entries[previousIndex] as EntryState;
      const { wire, changed: entryChanged, slots } = this.#renderDynamics(compiled, values, previousEntry, entryScope);
      states.push({ key: entry.key, call: entry.call, values, slots });
      if (previousIndex === index) {
        if (entryChanged) {
          keyed[String(index)] = wire as ComprehensionEntry;
          changed = true;
        }
        return;
      }
      keyed[String(index)] = entryChanged ? [previousIndex, wire as ComprehensionEntry] : previousIndex;
      moved = changed = true;
    });
    const state: ComprehensionState = { kind: "comprehension", compiled, entries: states };
    if (!changed) return { wire: undefined, state };
    keyed.kc = entries.length;
    if (moved) keyed.km = true;
    const wire: WireObject = { k: keyed };
    if (ownScope !== undefined && !ownScope.isEmpty) wire.p = ownScope.templates();
    return { wire: wire as Dynamic, state };
  }

  /**
   * A stream: the client keeps the comprehension's statics but not its entries (they live in the
   * DOM), so entries are always sent whole and an instance with nothing to do sends nothing.
   */
  #renderStream(stream: StreamRender, previous: SlotState | undefined, scope: Scope): Rendered<StreamState> {
    const held = previous?.kind === "stream" && previous.ref === stream.ref ? previous : undefined;
    if (held !== undefined && stream.isEmpty) return { wire: undefined, state: held };
    const entries = resolveEntries(
      stream.inserts.map((insert) => ({ key: insert.domId, value: insert.template })),
      undefined,
    );
    // No hysteresis here: the client keeps no stream entries, so switching statics costs one "s".
    const compiled = entries.length > 0 ? comprehensionTemplate(entries, undefined) : (held?.compiled ?? WRAPPER_TEMPLATE);
    const ownScope = scope === undefined ? new StaticsScope() : undefined;
    const entryScope = scope ?? ownScope;
    const keyed: WireObject = {};
    entries.forEach((entry, index) => {
      keyed[String(index)] = this.#renderDynamics(compiled, entryValues(compiled, entry.value), undefined, entryScope).wire;
    });
    keyed.kc = entries.length;
    const inserts: StreamInsert[] = stream.inserts.map((insert) => [insert.domId, insert.at, insert.limit, insert.updateOnly]);
    const wire: WireObject = {};
    if (held?.compiled !== compiled) wire.s = scope === undefined ? compiled.statics : scope.reference(compiled);
    wire.k = keyed;
    wire.stream = stream.reset ? [stream.ref, inserts, [...stream.deletes], true] : [stream.ref, inserts, [...stream.deletes]];
    if (ownScope !== undefined && !ownScope.isEmpty) wire.p = ownScope.templates();
    return { wire: wire as Dynamic, state: { kind: "stream", ref: stream.ref, compiled } };
  }
}

/** True when every value the slot reads is the same primitive as last time. */
function sameInputs(plan: SlotPlan, previous: readonly unknown[], next: readonly unknown[]): boolean {
  const indexes = slotValueIndexes(plan);
  if (typeof indexes === "number") return samePrimitive(previous[indexes], next[indexes]);
  for (const index of indexes) if (!samePrimitive(previous[index], next[index])) return false;
  return true;
}

function samePrimitive(previous: unknown, next: unknown): boolean {
  return Object.is(previous, next) && (typeof next !== "object" || next === null) && typeof next !== "function";
}
