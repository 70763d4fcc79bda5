import type { IncomingMessage } from "node:http";
import { serverError } from "../errors/error-registry.js";
import type { Logger } from "../logger.js";
import { runUserCallbackSync } from "../process/user-callback.js";

/**
 * Which browser origins may open a socket (spec §1.3, Phoenix's `check_origin`):
 * - `true` (default): the `Origin` header's host must equal the request's `Host`;
 * - `false`: any origin;
 * - a list: `"https://example.com"` matches that scheme, host and port exactly,
 *   `"//example.com"` (or `"example.com"`) matches that host (and port, if given) on any scheme;
 * - a function deciding per request.
 *
 * A request without an `Origin` header (not a browser) is always allowed, as in Phoenix.
 */
export type CheckOrigin = boolean | readonly string[] | ((origin: string, request: IncomingMessage) => boolean);

export type OriginCheck = (origin: string | undefined, request: IncomingMessage) => boolean;

export function createOriginCheck(option: CheckOrigin, logger: Logger): OriginCheck {
  if (option === false) return () => true;
  if (option === true) return (origin, request) => origin === undefined || sameHost(origin, request.headers.host);
  if (Array.isArray(option)) {
    const matchers = option.map(originMatcher);
    return (origin) => origin === undefined || matchers.some((matches) => matches(origin));
  }
  if (typeof option === "function") {
    const decide = option as (origin: string, request: IncomingMessage) => boolean;
    return (origin, request) => {
      if (origin === undefined) return true;
      const outcome = runUserCallbackSync(logger, { owner: "the endpoint", callback: "checkOrigin" }, () => decide(origin, request));
      return outcome.ok && outcome.value === true;
    };
  }
  throw serverError("CINDER_PLUGIN_INVALID_CHECK_ORIGIN", option);
}

function sameHost(origin: string, host: string | undefined): boolean {
  const parsed = parseOrigin(origin);
  return parsed !== undefined && host !== undefined && parsed.host === host.toLowerCase();
}

function originMatcher(allowed: string): (origin: string) => boolean {
  if (typeof allowed !== "string") throw serverError("CINDER_PLUGIN_INVALID_CHECK_ORIGIN", allowed);
  if (allowed.includes("://")) {
    const expected = parseOrigin(allowed)?.origin;
    if (expected === undefined) throw serverError("CINDER_PLUGIN_INVALID_CHECK_ORIGIN", allowed);
    return (origin) => parseOrigin(origin)?.origin === expected;
  }
  const expectedHost = allowed.replace(/^\/\//, "").toLowerCase();
  const hasPort = expectedHost.includes(":");
  return (origin) => {
    const parsed = parseOrigin(origin);
    if (parsed === undefined) return false;
    return (hasPort ? parsed.host : parsed.hostname) === expectedHost;
  };
}

function parseOrigin(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch {
    return undefined;
  }
}
