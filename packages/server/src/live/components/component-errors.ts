/**
 * Errors of live components. Thrown ones are API misuse (a bad definition, a reference that is
 * not a component, an async `mount`): thrown into the render or callback, which crashes its view
 * with a log record naming the view, the component and the callback. Logged ones (an event for a
 * cid that is gone, an unknown event) carry `{ code }` and never crash anything.
 * Codes are stable and never reused.
 */
export class LiveComponentError extends Error {
  readonly code: LiveComponentErrorCode;

  constructor(code: LiveComponentErrorCode, message: string) {
    super(message);
    this.name = "LiveComponentError";
    this.code = code;
  }
}

/** Message templates, keyed by code. Each returns the full sentence, fix included. */
const templates = {
  // Thrown (developer errors).
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

  // Logged, never thrown.
  CINDER_COMPONENT_UNKNOWN_CID: (view: string, cid: number) =>
    `${view} received an event for the live component ${cid}, which does not exist (any more); replied {}. This happens when a click races the component's removal.`,
  CINDER_COMPONENT_UNKNOWN_EVENT: (component: string, view: string, event: string) =>
    `The live component ${component} in ${view} received the event ${JSON.stringify(event)} but has no handler for it; replied with an error and kept the view running. Add "${event}" to the component's handleEvent, or fix the phx-* attribute (or phx-target) that sends it.`,
  CINDER_COMPONENT_UPDATE_TARGET_MISSING: (component: string, id: string, view: string) =>
    `sendUpdate(${component}, ${id}) in ${view}: no such component is rendered (any more); the update was dropped.`,
} as const;

export type LiveComponentErrorCode = keyof typeof templates;

type TemplateArguments<Code extends LiveComponentErrorCode> = Parameters<(typeof templates)[Code]>;

/** The message of `code`, filled in. */
export function componentErrorMessage<Code extends LiveComponentErrorCode>(code: Code, ...args: TemplateArguments<Code>): string {
  const template = templates[code] as (...values: unknown[]) => string;
  return template(...args);
}

/** A `LiveComponentError` for `code`, ready to throw. */
export function componentError<Code extends LiveComponentErrorCode>(code: Code, ...args: TemplateArguments<Code>): LiveComponentError {
  return new LiveComponentError(code, componentErrorMessage(code, ...args));
}
