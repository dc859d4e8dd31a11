import { z } from 'zod';
import { badRequest } from './errors';
import {
  DEFAULT_QUERY_LIMIT,
  MAX_BATCH_ITEMS,
  MAX_PAYLOAD_BYTES,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPERATIONS,
} from './limits';

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw badRequest('BAD_REQUEST', `Provided request body is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export function checkLimit(
  limit: number | undefined,
  code: 'LIST_QUERY_LIMIT_EXCEEDED' | 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
): number {
  const value = limit ?? DEFAULT_QUERY_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUERY_LIMIT) {
    throw badRequest(code, `The page limit must be set between 1 and ${MAX_QUERY_LIMIT}; got ${String(limit)}.`);
  }
  return value;
}

/** Refuses a transaction or batch body over `maxBytes` (4 MB documented; production conditions cap it at 1 MB). */
export function checkPayload(body: string, maxBytes = MAX_PAYLOAD_BYTES): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxBytes) {
    throw badRequest('PAYLOAD_TOO_LARGE', `The request payload of ${bytes} bytes exceeds ${maxBytes} bytes.`);
  }
}

export function checkOperationCount(count: number, what: string): void {
  if (count === 0) throw badRequest('EMPTY_REQUEST', `A ${what} must contain at least one operation.`);
  const max = what === 'transaction' ? MAX_TRANSACTION_OPERATIONS : MAX_BATCH_ITEMS;
  if (count > max) {
    throw badRequest('TOO_MANY_OPERATIONS', `A ${what} can contain at most ${max} operations; got ${count}.`, {
      operations: count,
    });
  }
}

export function checkUnique(
  items: ReadonlyArray<{ key: string; entityName?: string | undefined }>,
  what: string,
): void {
  const seen = new Set<string>();
  for (const item of items) {
    const id = `${item.entityName ?? ''}\u0000${item.key}`;
    if (seen.has(id)) {
      throw badRequest('DUPLICATE_KEYS', `Each key can only be used once in a ${what}; '${item.key}' is repeated.`, {
        key: item.key,
        ...(item.entityName === undefined ? {} : { entityName: item.entityName }),
      });
    }
    seen.add(id);
  }
}
