import { StreamRender, type StreamInsertRender } from "../template/stream-render.js";
import { Template } from "../template/template.js";
import type { ViewStreams } from "../view/view-extensions.js";
import type { LiveStream } from "./live-stream.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";

/** An insert waiting for the next render. */
interface PendingInsert {
  readonly item: unknown;
  readonly at: number;
  readonly limit: number | null;
  readonly updateOnly: boolean;
}

/** One named stream: its wire ref, its DOM id function, and what the next render must send. */
class StreamSlot {
  readonly name: string;
  readonly ref: string;
  domIdOf: (item: unknown) => string;
  /** By DOM id, in insertion order: a second insert of one id in a batch replaces the first. */
  inserts = new Map<string, PendingInsert>();
  deletes: string[] = [];
  reset = false;

  constructor(name: string, ref: string) {
    this.name = name;
    this.ref = ref;
    this.domIdOf = (item) => defaultDomId(name, item);
  }

  get hasOperations(): boolean {
    return this.inserts.size > 0 || this.deletes.length > 0 || this.reset;
  }
}

export interface StreamRegistryOptions {
  /** `""` for a view (refs `"0"`, `"1"`, …), `"<cid>-"` inside a live component. */
  readonly refPrefix: string;
  /** Sets the owner's `streams` assign (a new object whenever a stream is created). */
  readonly publish: (streams: Readonly<Record<string, LiveStream<unknown>>>) => void;
  /** The owner needs a render (an operation was queued). */
  readonly markDirty: () => void;
}

/**
 * The streams of one view or one live component (spec §3.4.6). Operations are queued per stream
 * and turned into a `StreamRender` when the template maps the stream; once the render is
 * committed, queues and rendered batches are dropped.
 *
 * Invariant: after `renderCommitted()` no stream item is referenced from here, nor from the
 * `StreamRender`s handed out for that render (their arrays are emptied, because the change
 * tracker keeps the last render's values for comparison). `retainedItemCount` checks this.
 */
export class StreamRegistry implements ViewStreams {
  readonly #options: StreamRegistryOptions;
  readonly #slots = new Map<string, StreamSlot>();
  /** The arrays behind the `StreamRender`s of the render in progress, emptied on commit. */
  #handedOut: Array<unknown[]> = [];
  #published: Record<string, LiveStream<unknown>> = {};

  constructor(options: StreamRegistryOptions) {
    this.#options = options;
  }

  // ---- operations (socket methods) ----------------------------------------------------------

  stream(name: unknown, items: unknown, options: unknown = {}): void {
    const streamName = checkName(name);
    const checked = checkOptions(streamName, options, ["at", "limit", "reset", "domId"]);
    if (items === null || typeof items !== "object" || typeof (items as Partial<Iterable<unknown>>)[Symbol.iterator] !== "function") {
      throw serverError("CINDER_STREAM_NOT_ITERABLE", streamName);
    }
    const slot = this.#slot(streamName) ?? this.#create(streamName);
    if (checked.domId !== undefined) slot.domIdOf = checked.domId;
    if (checked.reset) {
      slot.inserts.clear();
      slot.deletes = [];
      slot.reset = true;
    }
    let queued = 0;
    for (const item of items as Iterable<unknown>) {
      this.#queueInsert(slot, item, checked.at, checked.limit, false);
      queued++;
    }
    if (queued > 0 || checked.reset) this.#options.markDirty();
  }

  insert(name: unknown, item: unknown, options: unknown = {}): void {
    const slot = this.#existing(name, "streamInsert");
    const checked = checkOptions(slot.name, options, ["at", "limit", "updateOnly"]);
    this.#queueInsert(slot, item, checked.at, checked.limit, checked.updateOnly);
    this.#options.markDirty();
  }

  delete(name: unknown, item: unknown): void {
    const slot = this.#existing(name, "streamDelete");
    this.#queueDelete(slot, domIdFor(slot, item));
  }

  deleteByDomId(name: unknown, domId: unknown): void {
    const slot = this.#existing(name, "streamDeleteByDomId");
    if (typeof domId !== "string" || domId === "") throw serverError("CINDER_STREAM_INVALID_DOM_ID", slot.name, describeValue(domId));
    this.#queueDelete(slot, domId);
  }

  // ---- render cycle (ViewStreams) -----------------------------------------------------------

  /** Streams live in the owner's assigns (`assigns.streams`), so there is nothing to add here. */
  renderAssigns(): undefined {
    return undefined;
  }

  hasPendingRender(): boolean {
    for (const slot of this.#slots.values()) if (slot.hasOperations) return true;
    return false;
  }

  renderCommitted(): void {
    for (const slot of this.#slots.values()) {
      if (!slot.hasOperations) continue;
      slot.inserts = new Map();
      slot.deletes = [];
      slot.reset = false;
    }
    for (const array of this.#handedOut) array.length = 0;
    this.#handedOut = [];
  }

  /** A rejoin mounts a new view (with new streams); nothing the old client held is kept here. */
  reset(): void {}

  /** Items referenced by this registry: queued, or in a render not yet committed. For tests. */
  get retainedItemCount(): number {
    let count = 0;
    for (const slot of this.#slots.values()) count += slot.inserts.size;
    for (const array of this.#handedOut) count += array.length;
    return count;
  }

  // ---- internals ----------------------------------------------------------------------------

  #slot(name: string): StreamSlot | undefined {
    return this.#slots.get(name);
  }

  #existing(name: unknown, method: string): StreamSlot {
    const streamName = checkName(name);
    const slot = this.#slot(streamName);
    if (slot === undefined) throw serverError("CINDER_STREAM_UNKNOWN", streamName, method);
    return slot;
  }

  #create(name: string): StreamSlot {
    const slot = new StreamSlot(name, `${this.#options.refPrefix}${this.#slots.size}`);
    this.#slots.set(name, slot);
    const handle: LiveStream<unknown> = { name, map: (render) => this.#render(slot, render) };
    const published = { ...this.#published };
    Object.defineProperty(published, name, { value: handle, enumerable: true, writable: false, configurable: true });
    this.#published = published;
    this.#options.publish(published);
    return slot;
  }

  #queueInsert(slot: StreamSlot, item: unknown, at: number, limit: number | null, updateOnly: boolean): void {
    const domId = domIdFor(slot, item);
    slot.inserts.delete(domId);
    slot.inserts.set(domId, { item, at, limit, updateOnly });
  }

  /** A delete also drops a queued insert of the same id (the client applies deletes before inserts). */
  #queueDelete(slot: StreamSlot, domId: string): void {
    slot.inserts.delete(domId);
    slot.deletes.push(domId);
    this.#options.markDirty();
  }

  #render(slot: StreamSlot, render: (entry: readonly [domId: string, item: unknown], index: number) => Template): StreamRender {
    if (typeof render !== "function") throw serverError("CINDER_STREAM_INVALID_ITEM_RENDER", slot.ref, describeValue(render));
    const inserts: StreamInsertRender[] = [];
    this.#handedOut.push(inserts);
    let index = 0;
    for (const [domId, pending] of slot.inserts) {
      const template: unknown = render([domId, pending.item], index++);
      if (!(template instanceof Template)) throw serverError("CINDER_STREAM_INVALID_ITEM_RENDER", slot.ref, describeValue(template));
      inserts.push({ domId, at: pending.at, limit: pending.limit, updateOnly: pending.updateOnly, template });
    }
    return new StreamRender(slot.ref, inserts, [...slot.deletes], slot.reset);
  }
}

function checkName(name: unknown): string {
  if (typeof name !== "string" || name === "") throw serverError("CINDER_STREAM_INVALID_NAME", name);
  return name;
}

function defaultDomId(name: string, item: unknown): string {
  const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
  if ((typeof id !== "string" || id === "") && (typeof id !== "number" || !Number.isFinite(id)) && typeof id !== "bigint") {
    throw serverError("CINDER_STREAM_ITEM_WITHOUT_ID", name);
  }
  return `${name}-${String(id)}`;
}

function domIdFor(slot: StreamSlot, item: unknown): string {
  const domId: unknown = slot.domIdOf(item);
  if (typeof domId !== "string" || domId === "") throw serverError("CINDER_STREAM_INVALID_DOM_ID", slot.name, describeValue(domId));
  return domId;
}

interface CheckedOptions {
  readonly at: number;
  readonly limit: number | null;
  readonly reset: boolean;
  readonly updateOnly: boolean;
  readonly domId: ((item: unknown) => string) | undefined;
}

/** Options from application code (possibly plain JavaScript): checked, with defaults. */
function checkOptions(name: string, options: unknown, allowed: readonly (keyof CheckedOptions)[]): CheckedOptions {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw serverError("CINDER_STREAM_INVALID_OPTION", name, "options", "must be an object", describeValue(options));
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw serverError("CINDER_STREAM_INVALID_OPTION", name, key, `is not known here (known: ${allowed.join(", ")})`, describeValue(given[key]));
    }
  }
  const { at = -1, limit = null, reset = false, updateOnly = false, domId } = given;
  if (typeof at !== "number" || !Number.isSafeInteger(at) || at < -1) {
    throw serverError("CINDER_STREAM_INVALID_OPTION", name, "at", "must be -1 (append), 0 (prepend) or a positive index", describeValue(at));
  }
  if (limit !== null && (typeof limit !== "number" || !Number.isSafeInteger(limit))) {
    throw serverError("CINDER_STREAM_INVALID_OPTION", name, "limit", "must be an integer (positive keeps the first N, negative the last N) or null", describeValue(limit));
  }
  if (typeof reset !== "boolean") throw serverError("CINDER_STREAM_INVALID_OPTION", name, "reset", "must be a boolean", describeValue(reset));
  if (typeof updateOnly !== "boolean") throw serverError("CINDER_STREAM_INVALID_OPTION", name, "updateOnly", "must be a boolean", describeValue(updateOnly));
  if (domId !== undefined && typeof domId !== "function") {
    throw serverError("CINDER_STREAM_INVALID_OPTION", name, "domId", "must be a function (item) => string", describeValue(domId));
  }
  return { at, limit, reset, updateOnly, domId: domId as ((item: unknown) => string) | undefined };
}

/** Each view's and component's registry, by its socket: the test-only accessor reads it. */
const registriesBySocket = new WeakMap<object, StreamRegistry>();

/** Called by the owner (view or component) when it creates its registry. */
export function registerStreamOwner(socket: object, registry: StreamRegistry): void {
  registriesBySocket.set(socket, registry);
}

/**
 * The number of stream items the server still references for the owner of `socket` (a view's or
 * a component's socket). Internal, for tests that prove memory does not grow with items streamed.
 */
export function retainedStreamItems(socket: object): number {
  return registriesBySocket.get(socket)?.retainedItemCount ?? 0;
}
