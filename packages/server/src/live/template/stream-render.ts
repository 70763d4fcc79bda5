import type { Template } from "./template.js";

/** One item to insert into a stream's container (spec §3.4.6). */
export interface StreamInsertRender {
  /** The item element's DOM id; the item template's root element must carry it as `id`. */
  readonly domId: string;
  /** `-1` append, `0` prepend, `n` insert at index n. */
  readonly at: number;
  /** `null`, or keep the first N (positive) / last N (negative) children after inserting. */
  readonly limit: number | null;
  /** Only update the element if it is already in the DOM. */
  readonly updateOnly: boolean;
  readonly template: Template;
}

/**
 * The pending operations of one stream, placed in a template where the stream's items go (the
 * child position of an element with `phx-update="stream"` and an `id`). The runtime builds a
 * fresh one for every render from the operations queued since the last render, and clears its
 * queue once the render is sent: the client keeps stream items in the DOM only, so every diff
 * carries only new items. An instance with no inserts, deletes or reset sends nothing.
 *
 * @example
 * ```ts
 * const messages = new StreamRender("0", [{ domId: "messages-7", at: -1, limit: null, updateOnly: false, template: html`<li id="messages-7">hi</li>` }], [], false);
 * html`<ul id="messages" phx-update="stream">${messages}</ul>`;
 * ```
 */
export class StreamRender {
  /** Stream id: `"0"`, `"1"`, … per LiveView, `"<cid>-<n>"` inside live components. */
  readonly ref: string;
  readonly inserts: readonly StreamInsertRender[];
  /** DOM ids to remove. */
  readonly deletes: readonly string[];
  /** Remove every existing item of this stream before inserting. */
  readonly reset: boolean;

  constructor(ref: string, inserts: readonly StreamInsertRender[], deletes: readonly string[] = [], reset = false) {
    this.ref = ref;
    this.inserts = inserts;
    this.deletes = deletes;
    this.reset = reset;
  }

  get isEmpty(): boolean {
    return this.inserts.length === 0 && this.deletes.length === 0 && !this.reset;
  }
}

export function isStreamRender(value: unknown): value is StreamRender {
  return value instanceof StreamRender;
}
