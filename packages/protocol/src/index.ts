/**
 * @cinder/protocol — the one shared core of Cinder's server and client: the Phoenix Channels
 * V2 wire vocabulary and codec. Pure TypeScript: no Node API, no DOM.
 *
 * @example
 * ```ts
 * import { decodeClientMessage, encodeServerMessage } from "@cinder/protocol";
 * const result = decodeClientMessage('["1","1","room:lobby","phx_join",{}]');
 * if (result.ok && result.value.kind === "join") {
 *   const frame = encodeServerMessage({ kind: "reply", joinRef: "1", ref: "1", topic: "room:lobby", status: "ok", response: {} });
 * }
 * ```
 */
export {
  PROTOCOL_VSN,
  WEBSOCKET_PATH_SEGMENT,
  PHOENIX_TOPIC,
  ChannelEvent,
  ErrorReason,
  CloseCode,
  Defaults,
  MAX_BINARY_FIELD_BYTES,
  isReservedEvent,
} from "./constants.js";
export type { ReservedEvent, ReplyStatus, SocketState, ChannelState } from "./constants.js";
export type { JsonPrimitive, JsonValue, JsonObject, Payload } from "./json.js";
export { isJsonObject, isBinaryPayload } from "./json.js";
export type {
  ClientMessage,
  JoinMessage,
  LeaveMessage,
  HeartbeatMessage,
  ClientPushMessage,
  ServerMessage,
  ReplyMessage,
  ServerPushMessage,
  BroadcastMessage,
  CloseMessage,
  ChannelErrorMessage,
  Frame,
} from "./messages.js";
export type { DecodeError, DecodeErrorCode, DecodeResult } from "./decode-result.js";
export { encodeTextFrame, decodeTextFrame } from "./text-frame.js";
export type { TextFrame } from "./text-frame.js";
export {
  BinaryKind,
  encodeBinaryClientPush,
  decodeBinaryClientPush,
  encodeBinaryServerFrame,
  decodeBinaryServerFrame,
} from "./binary-frame.js";
export type { BinaryClientPush, BinaryServerFrame } from "./binary-frame.js";
export { encodeServerMessage, decodeServerMessage, encodeClientMessage, decodeClientMessage } from "./codec.js";
export type { WireData } from "./codec.js";
export { topicMatches, topicSubtopic, findTopicRoute } from "./topic.js";
export type {
  Statics,
  Dynamic,
  Templates,
  RenderedNode,
  ComprehensionEntry,
  KeyedEntry,
  KeyedEntries,
  StreamInsert,
  StreamInstruction,
  Comprehension,
  PushedEvent,
  RenderedRoot,
} from "./rendered/types.js";
export { isComprehension } from "./rendered/types.js";
export { RenderedTree, RenderedAttribute, splitDiffExtras, renderedToHtml } from "./rendered/rendered-tree.js";
export type { DiffExtras, RenderOptions, RenderOutput } from "./rendered/rendered-tree.js";
export { rewriteRootTag } from "./rendered/root-tag.js";
export type { RootAttributes, RootTagRewrite } from "./rendered/root-tag.js";
export type {
  JsCommand,
  JsCommandOp,
  JsCommandArgs,
  JsTarget,
  JsTransition,
  JsTimingArgs,
  JsPushArgs,
  JsNavigationArgs,
  JsDispatchArgs,
  JsShowArgs,
  JsHideArgs,
  JsToggleArgs,
  JsClassArgs,
  JsTransitionArgs,
  JsSetAttrArgs,
  JsRemoveAttrArgs,
  JsToggleAttrArgs,
  JsIgnoreAttrsArgs,
  JsTargetArgs,
  JsExecArgs,
} from "./js/js-command.js";
export { DEFAULT_JS_TRANSITION_TIME_MS } from "./js/js-command.js";
export { parseJsCommands, validateJsCommands } from "./js/js-command-parse.js";
export type { JsCommandProblem, JsCommandProblemCode, ParsedJsCommands } from "./js/js-command-parse.js";
export { js, JsBuilder } from "./js/js-builder.js";
export type {
  JsClassNamesInput,
  JsTransitionInput,
  JsTimingOptions,
  JsTargetOptions,
  JsPushOptions,
  JsNavigationOptions,
  JsDispatchOptions,
  JsShowOptions,
  JsHideOptions,
  JsToggleOptions,
  JsClassOptions,
} from "./js/js-builder.js";
