import { badRequest, KvsError } from './errors';
import { checkOperationCount, checkPayload, checkUnique, parseBody } from './request-checks';
import { itemTarget, prepareValue, type KvsContext } from './targets';
import { expiryFromTtl } from './validation';
import { batchDeleteRequest, batchGetRequest, batchSetRequest } from './wire';
import { asFailure, itemRef, ok, toWire, type KvsResponse } from './wire-response';

/**
 * A batch is not all-or-nothing: `apply` runs on each item, which succeeds or fails on its own, and the answer
 * lists both. Writing batches hold the write lock for all their items.
 */
function runBatch<T extends { key: string; entityName?: string | undefined }>(
  kvs: KvsContext,
  items: readonly T[],
  writes: boolean,
  apply: (item: T, now: number) => unknown,
): KvsResponse {
  checkOperationCount(items.length, 'batch');
  checkUnique(items, 'batch');
  const now = kvs.now();
  const successfulKeys: unknown[] = [];
  const failedKeys: unknown[] = [];
  const each = (): void => {
    for (const item of items) {
      try {
        successfulKeys.push(apply(item, now));
      } catch (error) {
        failedKeys.push(asFailure(error, item.key, item.entityName));
      }
    }
  };
  if (writes) kvs.store.db.transaction(each).immediate();
  else each();
  return ok({ successfulKeys, failedKeys });
}

export function batchSet(kvs: KvsContext, body: unknown, raw: string): KvsResponse {
  checkPayload(raw, kvs.maxPayloadBytes());
  return runBatch(kvs, parseBody(batchSetRequest, body), true, (item, now) => {
    const target = itemTarget(kvs, item.key, item.entityName);
    if (item.options?.keyPolicy !== undefined || item.options?.returnValue !== undefined) {
      throw badRequest('BAD_REQUEST', 'keyPolicy and returnValue are not supported in batch operations.');
    }
    const valueJson = prepareValue(target, item.value);
    const expireAt = expiryFromTtl(item.options?.ttl, now);
    kvs.store.write(target.scope, item.key, valueJson, expireAt, now, target.entity);
    return itemRef(item.key, item.entityName);
  });
}

export function batchGet(kvs: KvsContext, body: unknown, raw: string): KvsResponse {
  checkPayload(raw, kvs.maxPayloadBytes());
  return runBatch(kvs, parseBody(batchGetRequest, body), false, (item, now) => {
    const target = itemTarget(kvs, item.key, item.entityName);
    const stored = kvs.store.read(target.scope, item.key, now - kvs.expiredReadableMs());
    if (!stored) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
    const extra = item.entityName === undefined ? {} : { entityName: item.entityName };
    return toWire(stored, item.options?.metadataFields, extra);
  });
}

export function batchDelete(kvs: KvsContext, body: unknown, raw: string): KvsResponse {
  checkPayload(raw, kvs.maxPayloadBytes());
  return runBatch(kvs, parseBody(batchDeleteRequest, body), true, (item, now) => {
    const target = itemTarget(kvs, item.key, item.entityName);
    if (!kvs.store.remove(target.scope, item.key, now)) {
      throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
    }
    return itemRef(item.key, item.entityName);
  });
}
