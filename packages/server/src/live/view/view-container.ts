import { randomBytes } from "node:crypto";
import { escapeHtml } from "../template/escape.js";

/** The LiveView client version our wire format follows (sent as `liveview_version` on join). */
export const LIVEVIEW_VERSION = "1.2.12";

/** `phx-` + 12 random bytes (url-safe base64), like Phoenix: unique per page, topic `lv:<id>`. */
export function newContainerId(): string {
  return `phx-${randomBytes(12).toString("base64url")}`;
}

export interface ContainerOptions {
  readonly id: string;
  readonly sessionToken: string;
  /** `""` for nested views rendered by a connected parent (spec §3.1). */
  readonly staticToken: string;
  /** The view mounted at the router (`data-phx-main`). */
  readonly main: boolean;
  /** Nested views: the parent's container id. */
  readonly parentId?: string | undefined;
  /** The first render's HTML (empty for nested views of a connected parent). */
  readonly innerHtml: string;
}

/**
 * The element the client turns into a view (spec §3.1): attributes in Phoenix's order, content
 * = the render's HTML. Only the `id` can come from application code (a nested view's id), and
 * every attribute value is escaped.
 */
export function containerHtml(options: ContainerOptions): string {
  let attributes = ` id="${escapeHtml(options.id)}"`;
  if (options.main) attributes += " data-phx-main";
  attributes += ` data-phx-session="${escapeHtml(options.sessionToken)}" data-phx-static="${escapeHtml(options.staticToken)}"`;
  if (options.parentId !== undefined) attributes += ` data-phx-parent-id="${escapeHtml(options.parentId)}"`;
  return `<div${attributes}>${options.innerHtml}</div>`;
}
