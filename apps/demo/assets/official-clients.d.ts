/*
 * The two constructors assets/live-official.ts uses from the official clients, which are not
 * dependencies of the demo (they are bundled from tests/node_modules when a test asks for them).
 */
declare module "phoenix" {
  export class Socket {
    constructor(endpoint: string, options?: object);
  }
}

declare module "phoenix_live_view" {
  export class LiveSocket {
    constructor(endpoint: string, socket: new (endpoint: string, options?: object) => unknown, options?: { params?: object; hooks?: object });
    connect(): void;
  }
}
