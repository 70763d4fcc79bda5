import type { FastifyInstance } from "fastify";

/** A route the app serves over HTTP (HEAD routes fastify adds for GETs are left out). */
export interface HttpRoute {
  readonly method: string;
  readonly url: string;
}

/**
 * Fastify has no API to list routes after the fact (`printRoutes` draws a radix tree), so they
 * are collected as they are added, from the moment `cinderErrorPages` is registered. Kept by a
 * global symbol rather than a module variable: the `cinder` command and the app may load this
 * package through different paths.
 */
const COLLECTED = Symbol.for("@cinder/dev http routes");

type WithRoutes = FastifyInstance & { [COLLECTED]?: HttpRoute[] };

export function collectHttpRoutes(app: FastifyInstance): void {
  const target = app as WithRoutes;
  if (target[COLLECTED] !== undefined) return;
  const routes: HttpRoute[] = [];
  target[COLLECTED] = routes;
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") routes.push({ method, url: route.url });
  });
}

/** The routes collected on `app`, or undefined when nothing collected them. */
export function collectedHttpRoutes(app: FastifyInstance): readonly HttpRoute[] | undefined {
  return (app as WithRoutes)[COLLECTED];
}
