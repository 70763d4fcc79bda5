import type { TransportCloseEvent, WebSocketConstructor } from "./transport.js";
import type { SocketMessage } from "./types.js";

/** `onError` callbacks also learn which transport failed and how many connections had opened before. */
export type SocketErrorCallback = (error: unknown, transport: WebSocketConstructor, establishedConnections: number) => void;

export interface CallbackSignatures {
  open: () => void;
  close: (event: TransportCloseEvent) => void;
  error: SocketErrorCallback;
  message: (message: SocketMessage) => void;
}

export type SocketStateKind = keyof CallbackSignatures;

/**
 * The socket's `onOpen`/`onClose`/`onError`/`onMessage` registrations, removable by the ref
 * they were registered under. Removal replaces the lists, so emitting while a callback removes
 * another still calls everything that was registered when the event happened.
 */
export class StateCallbacks {
  #entries: { [Kind in SocketStateKind]: ReadonlyArray<readonly [ref: string, callback: CallbackSignatures[Kind]]> } = {
    open: [],
    close: [],
    error: [],
    message: [],
  };

  add<Kind extends SocketStateKind>(kind: Kind, ref: string, callback: CallbackSignatures[Kind]): void {
    this.#entries = { ...this.#entries, [kind]: [...this.#entries[kind], [ref, callback]] };
  }

  remove(refs: readonly string[]): void {
    const keep = <Entry extends readonly [string, unknown]>(entries: readonly Entry[]) => entries.filter(([ref]) => !refs.includes(ref));
    this.#entries = {
      open: keep(this.#entries.open),
      close: keep(this.#entries.close),
      error: keep(this.#entries.error),
      message: keep(this.#entries.message),
    };
  }

  emit<Kind extends SocketStateKind>(kind: Kind, ...args: Parameters<CallbackSignatures[Kind]>): void {
    for (const [, callback] of this.#entries[kind]) (callback as (...callbackArgs: typeof args) => void)(...args);
  }
}
