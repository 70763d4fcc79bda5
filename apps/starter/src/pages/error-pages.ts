import { html, type Template } from "@cinder/server";
import type { AppConfig } from "../config.js";

/**
 * What visitors see when something is wrong, in production. (In development you get the route
 * list and the error with its source instead; see cinderErrorPages in src/app.ts.) These are
 * plain documents, not LiveViews: they must work when the rest of the app does not.
 */
function errorDocument(config: AppConfig, title: string, body: Template): Template {
  return html`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title} · ${config.appName}</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
      body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 1.5rem; box-sizing: border-box; text-align: center; }
      h1 { font-size: 1.75rem; margin: 0 0 .5rem; }
      p { color: GrayText; margin: 0 0 1.5rem; }
      a { color: #ea580c; font-weight: 600; }
    </style>
  </head>
  <body><main>${body}</main></body>
</html>`;
}

export function notFoundPage(config: AppConfig, _path: string): Template {
  return errorDocument(config, "Page not found", html`<h1>Page not found</h1><p>The page you asked for does not exist, or has moved.</p><a href="/">Back to the home page</a>`);
}

export function serverErrorPage(config: AppConfig): Template {
  return errorDocument(config, "Something went wrong", html`<h1>Something went wrong</h1><p>We could not show this page. Please try again in a moment.</p><a href="/">Back to the home page</a>`);
}
