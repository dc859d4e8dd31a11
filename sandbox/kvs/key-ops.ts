import { decodeCursor, encodeCursor } from './cursor';
import { badRequest, KvsError, keyNotFound } from './errors';
import { prefixSql } from './filter-sql';
import { itemFromRow, KVS_SCOPE } from './item-store';
import { checkLimit, parseBody } from './request-checks';
import { keyKind, prepareValue, type KvsContext, type Target } from './targets';
import { expiryFromTtl, validateKey } from './validation';
import { queryRequest, type MetadataField, type SetOptions } from './wire';
import { NO_CONTENT, ok, toWire, type KvsResponse } from './wire-response';

/** Reads one key of a target: a KVS key, a secret or an entity. */
export function getItem(
  kvs: KvsContext,
  target: Target,
  request: { key: string; options?: { metadataFields?: MetadataField[] } | undefined },
): KvsResponse {
  validateKey(request.key, keyKind(target));
  const item = kvs.store.read(target.scope, request.key, kvs.now() - kvs.expiredReadableMs());
  if (!item) throw keyNotFound(request.key);
  return ok(toWire(item, request.options?.metadataFields));
}

export function setItem(
  kvs: KvsContext,
  target: Target,
  request: { key: string; value: unknown; options?: SetOptions },
): KvsResponse {
  validateKey(request.key, keyKind(target));
  const valueJson = prepareValue(target, request.value);
  const options = request.options;
  const now = kvs.now();
  const expireAt = expiryFromTtl(options?.ttl, now);
  const { previous, current } = kvs.store.db
    .transaction(() => {
      // An expired item not yet removed still exists for a conditional write, as it is still readable.
      const lingering = now - kvs.expiredReadableMs();
      if (options?.keyPolicy === 'FAIL_IF_EXISTS' && kvs.store.read(target.scope, request.key, lingering)) {
        throw new KvsError(409, 'KEY_CONFLICT', 'The key already exists and keyPolicy is FAIL_IF_EXISTS.', {
          key: request.key,
        });
      }
      return kvs.store.write(target.scope, request.key, valueJson, expireAt, now, target.entity);
    })
    .immediate();
  if (options?.returnValue === 'LATEST') return ok(toWire(current, options.returnMetadataFields));
  if (options?.returnValue === 'PREVIOUS' && previous) return ok(toWire(previous, options.returnMetadataFields));
  return NO_CONTENT;
}

export function deleteItem(kvs: KvsContext, target: Target, request: { key: string }): KvsResponse {
  validateKey(request.key, keyKind(target));
  const existed = kvs.store.db.transaction(() => kvs.store.remove(target.scope, request.key, kvs.now())).immediate();
  if (!existed) throw keyNotFound(request.key);
  return NO_CONTENT;
}

/** A page of plain KVS keys in key order, optionally those beginning with a prefix; secrets never show. */
export function queryKeys(kvs: KvsContext, body: unknown): KvsResponse {
  const request = parseBody(queryRequest, body);
  const limit = checkLimit(request.limit, 'LIST_QUERY_LIMIT_EXCEEDED');
  const where: string[] = ['scope = ?', '(expire_at IS NULL OR expire_at > ?)'];
  const params: unknown[] = [KVS_SCOPE, kvs.now() - kvs.expiredReadableMs()];
  const conditions = request.where ?? [];
  if (conditions.length > 1) {
    throw badRequest('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
  }
  const condition = conditions[0];
  if (condition) {
    if (condition.property !== 'key') {
      throw badRequest('QUERY_WHERE_FIELD_INVALID', `The field '${condition.property}' is not supported for filters.`);
    }
    if (condition.condition !== 'BEGINS_WITH') {
      throw badRequest(
        'INVALID_FILTER_CONDITION',
        `The condition '${condition.condition}' is not supported for KVS queries.`,
      );
    }
    const prefix = condition.values[0];
    if (condition.values.length !== 1 || (typeof prefix !== 'string' && typeof prefix !== 'number')) {
      throw badRequest('INVALID_FILTER_VALUES', 'BEGINS_WITH takes exactly one string value.');
    }
    const fragment = prefixSql('key', String(prefix));
    where.push(fragment.sql);
    params.push(...fragment.params);
  }
  if (request.after !== undefined) {
    where.push('key > ?');
    params.push(decodeCursor(request.after).key);
  }
  const rows = kvs.store
    .statement(
      `SELECT key, value, created_at, updated_at, expire_at FROM kvs_items WHERE ${where.join(' AND ')} ORDER BY key LIMIT ?`,
    )
    .all(...params, limit + 1)
    .map(itemFromRow);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const fields = request.options?.metadataFields;
  return ok({
    data: page.map((item) => toWire(item, fields)),
    ...(rows.length > limit && last ? { cursor: encodeCursor({ key: last.key }) } : {}),
  });
}
