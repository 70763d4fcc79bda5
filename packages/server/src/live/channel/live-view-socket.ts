import { defineChannel, type ChannelSocket } from "../../channel/channel-definition.js";
import { defineSocket, type ConnectInfo, type SocketDefinition } from "../../socket/socket-definition.js";
import { serverError } from "../../errors/error-registry.js";
import { describeValue } from "../../errors/describe-value.js";
import type { LiveRuntime } from "../live-runtime.js";
import { csrfFingerprint, csrfTokenMatches } from "../session/csrf.js";
import { callViewCallbackSync } from "../view/view-callbacks.js";
import { LiveViewProcess, type LiveConnectionAssigns } from "../view/view-process.js";

/** Each `lv:*` channel incarnation's view; the channel socket object is unique per incarnation. */
const processes = new WeakMap<ChannelSocket<LiveConnectionAssigns>, LiveViewProcess>();

function processOf(socket: ChannelSocket<LiveConnectionAssigns>): LiveViewProcess {
  const process = processes.get(socket);
  if (process === undefined) throw new Error(`no LiveView process for ${socket.topic}`);
  return process;
}

/** What the `/live` socket takes from the `cinderLive` options besides the shared runtime. */
export interface LiveViewSocketOptions {
  /** The `socketId` option: names the connection from its upgrade request (Phoenix's `live_socket_id`). */
  readonly socketId?: ((info: ConnectInfo) => string | undefined) | undefined;
}

/**
 * The `/live` socket (spec §3.2): `connect` checks `_csrf_token` against the CSRF cookie (a
 * mismatch still connects, but leaves the connection untrusted so every join answers `stale`,
 * which makes the client reload the page and get a fresh token); `lv:*` topics are LiveViews.
 * The `Origin` check happens before `connect`, in the endpoint.
 *
 * With a `socketId` option the connection gets a socket id, so that the endpoint's
 * `broadcast(id, "disconnect", {})` closes it (1001) — and with it every view it carries. The
 * option runs inside `connect` because only `connect` sees the upgrade request; a throw (or a
 * value that is neither a string nor `undefined`) fails `connect`, which the endpoint logs and
 * answers 500, exactly as it treats a throwing `id` of any socket.
 */
export function createLiveViewSocket(runtime: LiveRuntime, options: LiveViewSocketOptions = {}): SocketDefinition<LiveConnectionAssigns> {
  const liveViewChannel = defineChannel<LiveConnectionAssigns>({
    join(_topic, payload, socket) {
      const process = new LiveViewProcess(runtime, socket);
      processes.set(socket, process);
      return process.join(payload);
    },
    handleIn: (event, payload, socket) => processOf(socket).handleIn(event, payload),
    handleInfo: (message, socket) => processOf(socket).handleInfo(message),
    terminate: (reason, socket) => processes.get(socket)?.terminate(reason),
  });
  const socketIdOption = options.socketId;
  return defineSocket<LiveConnectionAssigns>({
    connect(params, socket, info) {
      const secret = info.cookies[runtime.csrfCookieName];
      const trusted = csrfTokenMatches(params._csrf_token, secret);
      socket.assign({ csrfFingerprint: trusted && secret !== undefined ? csrfFingerprint(secret) : undefined });
      if (socketIdOption !== undefined) socket.assign({ socketId: liveSocketIdOf(socketIdOption, info) });
      return true;
    },
    ...(socketIdOption !== undefined && { id: (socket) => socket.assigns.socketId }),
    channels: { "lv:*": liveViewChannel },
  });
}

function liveSocketIdOf(socketId: (info: ConnectInfo) => string | undefined, info: ConnectInfo): string | undefined {
  const id: unknown = callViewCallbackSync("the cinderLive options", "socketId", () => socketId(info));
  // A promise here is an async socketId: its id would never be seen, so the socket would silently stay anonymous.
  if (id !== undefined && typeof id !== "string") {
    throw serverError("CINDER_LIVE_INVALID_OPTION", "socketId", `must return a string or undefined synchronously, returned ${describeValue(id)}`);
  }
  return id;
}
