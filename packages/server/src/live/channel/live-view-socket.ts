import { defineChannel, type ChannelSocket } from "../../channel/channel-definition.js";
import { defineSocket, type SocketDefinition } from "../../socket/socket-definition.js";
import type { LiveRuntime } from "../live-runtime.js";
import { csrfFingerprint, csrfTokenMatches } from "../session/csrf.js";
import { LiveViewProcess, type LiveConnectionAssigns } from "../view/view-process.js";

/** Each `lv:*` channel incarnation's view; the channel socket object is unique per incarnation. */
const processes = new WeakMap<ChannelSocket<LiveConnectionAssigns>, LiveViewProcess>();

function processOf(socket: ChannelSocket<LiveConnectionAssigns>): LiveViewProcess {
  const process = processes.get(socket);
  if (process === undefined) throw new Error(`no LiveView process for ${socket.topic}`);
  return process;
}

/**
 * The `/live` socket (spec §3.2): `connect` checks `_csrf_token` against the CSRF cookie (a
 * mismatch still connects, but leaves the connection untrusted so every join answers `stale`,
 * which makes the client reload the page and get a fresh token); `lv:*` topics are LiveViews.
 * The `Origin` check happens before `connect`, in the endpoint.
 */
export function createLiveViewSocket(runtime: LiveRuntime): SocketDefinition<LiveConnectionAssigns> {
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
  return defineSocket<LiveConnectionAssigns>({
    connect(params, socket, info) {
      const secret = info.cookies[runtime.csrfCookieName];
      const trusted = csrfTokenMatches(params._csrf_token, secret);
      socket.assign({ csrfFingerprint: trusted && secret !== undefined ? csrfFingerprint(secret) : undefined });
      return true;
    },
    channels: { "lv:*": liveViewChannel },
  });
}
