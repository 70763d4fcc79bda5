/**
 * Messages of the LiveView runtime: views, live components and streams. Part of the package's
 * one error registry (`error-registry.ts`). Thrown ones are API misuse (a bad plugin option, a
 * socket method called wrongly, a callback that throws); logged ones carry `{ code }` in the log
 * record. Hostile client input never throws: it gets an error reply (and a log record) instead.
 */
export const liveMessages = {
  // Plugin options (thrown by app.register).
  CINDER_LIVE_NEEDS_CINDER_PLUGIN: () =>
    `cinderLive needs the cinder plugin: register it first, e.g. await app.register(cinder, {}); await app.register(cinderLive, { … }).`,
  CINDER_LIVE_MISSING_SECRET: () =>
    `cinderLive needs secretKeyBase, a secret of at least 32 bytes that signs LiveView session tokens. Generate one with \`node -e "console.log(require('node:crypto').randomBytes(48).toString('base64url'))"\` and pass it from the environment (e.g. SECRET_KEY_BASE); keep it stable across restarts so open pages can rejoin.`,
  CINDER_LIVE_INVALID_OPTION: (name: string, expectation: string) => `cinderLive option ${name} ${expectation}.`,
  CINDER_LIVE_INVALID_ROUTE: (pattern: string, problem: string) =>
    `The live route ${JSON.stringify(pattern)} is not valid: ${problem}. Routes look like "/counter", "/users/:id" or "/files/*path".`,
  CINDER_LIVE_DUPLICATE_ROUTE: (pattern: string, first: string, second: string) =>
    `The live route ${JSON.stringify(pattern)} is declared in live session "${first}" and again in "${second}". Declare each route once.`,
  CINDER_LIVE_NOT_A_LIVE_VIEW: (where: string) =>
    `${where} is not a LiveView. Build views with defineLiveView({ mount, render, … }) and pass the value it returns.`,

  // API misuse inside view callbacks (thrown into the callback, which then crashes its view).
  CINDER_LIVE_INVALID_DEFINITION: (problem: string) => `defineLiveView: ${problem}.`,
  CINDER_LIVE_NOT_A_LOCAL_PATH: (method: string, to: unknown) =>
    `${method} needs a path on this site starting with "/" (e.g. "/users/7?tab=posts"), got ${JSON.stringify(to)}. To leave the site use socket.redirect(url, { external: true }).`,
  CINDER_LIVE_INVALID_LINK: (received: string) =>
    `liveLink takes exactly one of { navigate: "/path" }, { patch: "/path?query" } or { href: url }, got ${received}.`,
  CINDER_LIVE_LINK_NOT_LOCAL: (kind: string, to: unknown) =>
    `liveLink({ ${kind} }) needs a path on this site starting with "/" (e.g. "/users/7?tab=posts"), got ${JSON.stringify(to)}. Link to another site with liveLink({ href: url }).`,
  CINDER_LIVE_INVALID_EXTERNAL_URL: (to: unknown) =>
    `redirect(url, { external: true }) needs an absolute http(s) URL, got ${JSON.stringify(to)}.`,
  CINDER_LIVE_PATCH_TO_OTHER_VIEW: (to: string) =>
    `pushPatch(${JSON.stringify(to)}) leads to another LiveView (or to no live route). pushPatch only changes the params of the current view; use pushNavigate to go to another view of the same live session.`,
  CINDER_LIVE_PATCH_IN_CHILD_VIEW: (view: string) =>
    `pushPatch was called in the nested LiveView ${view}. Only the view mounted at the router owns the URL; send the parent a message and let it patch.`,
  CINDER_LIVE_PATCH_LOOP: (count: number) =>
    `handleParams patched the URL ${count} times in a row. Only call pushPatch from handleParams when the params actually need normalising.`,
  CINDER_LIVE_RESERVED_ASSIGN: (key: string) =>
    `The assign "${key}" is managed by Cinder. Use socket.putFlash / clearFlash for flash messages.`,
  CINDER_LIVE_INVALID_ASSIGNS: (received: string) => `assign() takes an object of assigns, e.g. socket.assign({ count: 0 }); got ${received}.`,
  CINDER_LIVE_INVALID_FLASH: () => `putFlash(kind, message) takes two strings, e.g. socket.putFlash("info", "Saved").`,
  CINDER_LIVE_INVALID_EVENT_NAME: (name: unknown) => `pushEvent needs a non-empty event name string, got ${JSON.stringify(name)}.`,
  CINDER_LIVE_INVALID_TIMER: (ms: unknown, minimum: number) => `Timer delays are finite milliseconds of at least ${minimum}, got ${String(ms)}.`,
  CINDER_LIVE_INVALID_EVENT_REPLY: (view: string, event: string) =>
    `handleEvent "${event}" of ${view} returned something other than nothing or { reply: { … } }. Return { reply: object } to answer a hook's pushEvent, or nothing.`,
  CINDER_LIVE_RENDER_OUTSIDE_VIEW: () =>
    `liveRender(View, { id }) can only be called while a LiveView renders (inside render or a function component it uses).`,
  CINDER_LIVE_INVALID_CHILD: (problem: string) => `liveRender: ${problem}.`,

  // A view callback threw; the view crashes (connected) or the page answers 500 (dead render).
  CINDER_LIVE_CALLBACK_FAILED: (callback: string, view: string, reason: string) => `${callback} of ${view} threw: ${reason}`,

  // Logged with the cause; the response only says "Internal Server Error".
  CINDER_LIVE_DEAD_RENDER_FAILED: (route: string) => `The HTTP render of the live route ${route} failed; answered 500.`,

  // Logged, never thrown.
  CINDER_LIVE_UNKNOWN_EVENT: (view: string, event: string) =>
    `${view} received the event ${JSON.stringify(event)} but has no handler for it; replied with an error and kept the view running. Add "${event}" to handleEvent, or fix the phx-* attribute that sends it.`,
  CINDER_LIVE_MALFORMED_MESSAGE: (view: string, event: string, problem: string) =>
    `${view} received a malformed "${event}" message (${problem}); replied with an error and kept the view running.`,
  CINDER_LIVE_UNHANDLED_INFO: (view: string) =>
    `${view} received a message but has no handleInfo; the message was dropped. Add handleInfo(message, socket) to the view.`,
  CINDER_LIVE_JOIN_REFUSED: (topic: string, reason: string, detail: string) => `Refused to join ${topic} (${reason}): ${detail}`,

  // Live components: thrown (developer errors), into the render or callback, which crashes its view.
  CINDER_COMPONENT_INVALID_DEFINITION: (problem: string) => `defineLiveComponent: ${problem}.`,
  CINDER_COMPONENT_NOT_A_COMPONENT: (where: string) =>
    `${where} is not a live component. Build components with defineLiveComponent({ render, … }) and place them with liveComponent(Component, { id, … }).`,
  CINDER_COMPONENT_INVALID_ID: (component: string, received: string) =>
    `liveComponent(${component}, props) needs props.id, a string or a number unique among the ${component} components of the view; got ${received}.`,
  CINDER_COMPONENT_DUPLICATE_ID: (component: string, id: string, view: string) =>
    `The live component ${component} with id ${id} is rendered twice in ${view}. Each component of one definition needs its own id within a view (e.g. the id of the record it shows).`,
  CINDER_COMPONENT_ASYNC_CALLBACK: (callback: string) =>
    `${callback} returned a promise. Live components mount and update while their parent renders, which is synchronous: load data in the parent view (or in an event handler) and pass it as props, or sendUpdate once it arrives.`,
  CINDER_COMPONENT_RESERVED_ASSIGN: (key: string) =>
    `The assign "${key}" of a live component is managed by Cinder (myself is the component's cid for phx-target; streams come from socket.stream).`,
  CINDER_COMPONENT_INVALID_ASSIGNS: (received: string) => `assign() takes an object of assigns, e.g. socket.assign({ editing: true }); got ${received}.`,
  CINDER_COMPONENT_INVALID_PROPS: (component: string, received: string) =>
    `The props of ${component} must be an object with an id, e.g. liveComponent(${component}, { id: todo.id, todo }); got ${received}.`,
  CINDER_COMPONENT_UPDATE_LOOP: (view: string, rounds: number) =>
    `The live components of ${view} kept updating each other (${rounds} component updates and renders in one render of the view). Look for sendUpdate calls in mount or update that trigger each other.`,

  // Live components: logged, never thrown.
  CINDER_COMPONENT_UNKNOWN_CID: (view: string, cid: number) =>
    `${view} received an event for the live component ${cid}, which does not exist (any more); replied {}. This happens when a click races the component's removal.`,
  CINDER_COMPONENT_UNKNOWN_EVENT: (component: string, view: string, event: string) =>
    `The live component ${component} in ${view} received the event ${JSON.stringify(event)} but has no handler for it; replied with an error and kept the view running. Add "${event}" to the component's handleEvent, or fix the phx-* attribute (or phx-target) that sends it.`,
  CINDER_COMPONENT_UPDATE_TARGET_MISSING: (component: string, id: string, view: string) =>
    `sendUpdate(${component}, ${id}) in ${view}: no such component is rendered (any more); the update was dropped.`,

  // Streams: API misuse inside a view or component callback, thrown into it (its view crashes).
  CINDER_STREAM_INVALID_NAME: (name: unknown) =>
    `A stream name is a non-empty string, e.g. socket.stream("songs", songs); got ${JSON.stringify(name) ?? String(name)}.`,
  CINDER_STREAM_NOT_ITERABLE: (name: string) =>
    `socket.stream(${JSON.stringify(name)}, items) needs an array (or another iterable) of items; pass [] to start empty.`,
  CINDER_STREAM_UNKNOWN: (name: string, method: string) =>
    `${method}(${JSON.stringify(name)}, …) was called before the stream exists. Create it first with socket.stream(${JSON.stringify(name)}, items) (usually in mount).`,
  CINDER_STREAM_ITEM_WITHOUT_ID: (name: string) =>
    `An item of the stream ${JSON.stringify(name)} has no id, so its DOM id "${name}-<id>" cannot be built. Give items a string or number id, or pass domId: (item) => "…" in the stream's options.`,
  CINDER_STREAM_INVALID_DOM_ID: (name: string, received: string) =>
    `The domId function of the stream ${JSON.stringify(name)} must return a non-empty string; got ${received}.`,
  CINDER_STREAM_INVALID_OPTION: (name: string, option: string, expectation: string, received: string) =>
    `The option ${option} of the stream ${JSON.stringify(name)} ${expectation}; got ${received}.`,
  CINDER_STREAM_RESERVED_ASSIGN: () =>
    `The assign "streams" is managed by Cinder: create and change streams with socket.stream / streamInsert / streamDelete, and render them from assigns.streams.`,
  CINDER_STREAM_INVALID_ITEM_RENDER: (ref: string, received: string) =>
    `The render function given to a stream's map (stream ${ref}) must return an html\`\` template whose root element carries the item's DOM id, e.g. ([domId, song]) => html\`<li id=\${domId}>…</li>\`; got ${received}.`,
} as const;
