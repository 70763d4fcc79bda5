/**
 * Decoding never throws: hostile input is an expected value, not an exception. Every failure
 * carries a stable code (for logs, metrics and tests) and a message that says what was wrong.
 */
export type DecodeErrorCode =
  | "not_json"
  | "not_array"
  | "wrong_arity"
  | "wrong_field_type"
  | "payload_not_object"
  | "empty_binary"
  | "unknown_binary_kind"
  | "truncated_binary"
  | "invalid_utf8"
  | "unexpected_reserved_event";

export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export function decoded<T>(value: T): DecodeResult<T> {
  return { ok: true, value };
}

export function decodeFailure<T = never>(code: DecodeErrorCode, message: string): DecodeResult<T> {
  return { ok: false, error: { code, message } };
}
