/**
 * @cinder/server/template-engine — the change tracker under the LiveView runtime, for tools that
 * drive it directly: benchmarks, test utilities, embedding `html` templates in another transport.
 * Applications use `cinderLive`, which owns one tracker per view and per live component.
 *
 * @example
 * ```ts
 * import { html } from "@cinder/server";
 * import { RenderTracker, isEmptyDiff } from "@cinder/server/template-engine";
 * const tracker = new RenderTracker();
 * tracker.render(html`<p>${0}</p>`);                    // full tree: {"0":"0","s":0,"p":{…}}
 * const diff = tracker.render(html`<p>${1}</p>`);       // {"0":"1"}
 * if (!isEmptyDiff(diff)) send(diff);
 * ```
 */
export { RenderTracker, isEmptyDiff } from "./live/template/render-tracker.js";
export type { RenderTrackerKind, RenderTrackerOptions, RenderCallOptions } from "./live/template/render-tracker.js";
