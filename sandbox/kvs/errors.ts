/**
 * Error codes the engine answers with. Codes documented by Forge are used where they exist
 * (handling-errors-kvs, handling-errors-customentities, the `@forge/kvs` client's own tests for
 * KEY_NOT_FOUND / BAD_REQUEST, and KEY_CONFLICT for `keyPolicy: 'FAIL_IF_EXISTS'`); the rest are
 * sandbox-specific and marked so.
 */
export type KvsErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'KEY_NOT_FOUND'
  | 'KEY_CONFLICT'
  | 'KEY_TOO_SHORT'
  | 'EMPTY_KEY'
  | 'KEY_TOO_LONG'
  | 'INVALID_KEY'
  | 'MAX_SIZE'
  | 'MAX_DEPTH'
  | 'INVALID_FILTER_CONDITION'
  | 'INVALID_FILTER_VALUES'
  | 'LIST_QUERY_LIMIT_EXCEEDED'
  | 'QUERY_WHERE_INVALID'
  | 'QUERY_WHERE_FIELD_INVALID'
  | 'ENTITY_TYPE_TOO_SHORT'
  | 'ENTITY_TYPE_TOO_LARGE'
  | 'INVALID_ENTITY_TYPE'
  | 'INVALID_ENTITY_VALUE'
  | 'INVALID_ENTITY_ATTRIBUTE'
  | 'INVALID_ENTITY_INDEX'
  | 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'
  | 'EMPTY_FILTER_OPERATOR'
  | 'INVALID_FILTER_OPERATORS_COMBINATION'
  | 'INSUFFICIENT_FILTER_VALUES'
  // Sandbox-specific: Forge does not document codes for these cases.
  | 'INVALID_CURSOR'
  | 'INVALID_TTL'
  | 'CONDITIONAL_CHECK_FAILED'
  | 'TOO_MANY_OPERATIONS'
  | 'DUPLICATE_KEYS'
  | 'EMPTY_REQUEST'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL_SERVER_ERROR';

/** A rejected request: becomes a non-2xx response with body `{ code, message, ...context }`. */
export class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: KvsErrorCode,
    message: string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'KvsError';
  }
}

/** 400 Bad Request with a documented (or sandbox-specific) code. */
export function badRequest(code: KvsErrorCode, message: string, context?: Record<string, unknown>): KvsError {
  return new KvsError(400, code, message, context);
}

/** 404 as the client expects it: `KEY_NOT_FOUND` makes `get` return `undefined` and `delete` succeed. */
export function keyNotFound(key: string): KvsError {
  return new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist', { key });
}
