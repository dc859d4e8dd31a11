import { kvs, FilterConditions, WhereConditions, Filter, ForgeKvsAPIError } from '@forge/kvs';
import type { EntityQuery, Page, Store, TransactionOp } from '../../app/kernel/ports';
import { AppError } from '../../app/kernel/errors';
import { MAX_QUERY_LIMIT, MAX_TRANSACTION_OPS } from '../../app/kernel/storage-keys';

type Versioned = { version: number };

function whereClause(range: NonNullable<EntityQuery['range']>) {
  switch (range.op) {
    case 'between':
      return WhereConditions.between(range.from, range.to);
    case 'equalTo':
      return WhereConditions.equalTo(range.value);
    case 'beginsWith':
      return WhereConditions.beginsWith(range.value);
    case 'greaterThan':
      return WhereConditions.greaterThan(range.value);
    case 'greaterThanEqualTo':
      return WhereConditions.greaterThanEqualTo(range.value);
    case 'lessThan':
      return WhereConditions.lessThan(range.value);
    case 'lessThanEqualTo':
      return WhereConditions.lessThanEqualTo(range.value);
  }
}

function versionCondition(ifVersion: number | 'absent') {
  return ifVersion === 'absent'
    ? new Filter<Versioned>().and('version', FilterConditions.notExists())
    : new Filter<Versioned>().and('version', FilterConditions.equalTo(ifVersion));
}

/**
 * Forge's rule for a key (KVS and Custom Entity Store): 1-500 characters of letters, digits and `:._-#` or
 * spaces, not only spaces. Ids in keys often come from users (a dependency id in an action, an issue key in a
 * link): a key outside the rule cannot have been written, so reading it finds nothing, rather than the 400
 * `INVALID_KEY` that would surface as an internal error.
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-basic/ (limits)
 */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]{1,500}$/;
export const isStorableKey = (key: string): boolean => KEY_PATTERN.test(key);

/** Forge reports a failed transaction condition as one of these codes. */
const CONDITION_FAILED_CODES = new Set([
  'CONDITIONAL_CHECK_FAILED',
  'TRANSACTION_CONDITION_FAILED',
  'CONDITION_CHECK_FAILED',
]);

/**
 * The Store port on `@forge/kvs`: Key-Value Store, Custom Entity Store, secrets and transactions.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-basic/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions/
 */
export function createKvsStore(): Store {
  return {
    get: async <T>(key: string) => (isStorableKey(key) ? kvs.get<T>(key) : undefined),
    getEntity: async <T>(entity: string, key: string) =>
      isStorableKey(key) ? kvs.entity<T>(entity).get(key) : undefined,
    /** @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-basic/ (batch get) */
    async getMany(items) {
      const asked = items.filter((i) => isStorableKey(i.key));
      if (asked.length === 0) return items.map(() => undefined);
      const res = await kvs.batchGet<unknown>(
        asked.map((i) => ({ key: i.key, ...(i.entity ? { entityName: i.entity } : {}) })),
      );
      const found = new Map(res.successfulKeys.map((r) => [`${r.entityName ?? ''}\u0000${r.key}`, r.value]));
      return items.map((i) => found.get(`${i.entity ?? ''}\u0000${i.key}`));
    },
    set: (key, value) => kvs.set(key, value),
    setEntity: (entity, key, value) => kvs.entity<unknown>(entity).set(key, value),
    getSecret: <T>(key: string) => kvs.getSecret<T>(key),
    setSecret: (key, value) => kvs.setSecret(key, value),
    delete: (key) => kvs.delete(key),

    /**
     * One atomic write with `keyPolicy: 'FAIL_IF_EXISTS'` and a TTL; an existing key answers 409 `KEY_CONFLICT`.
     * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-basic/
     */
    async setIfAbsent(key, value, ttlSeconds) {
      try {
        await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } });
        return true;
      } catch (e) {
        if (e instanceof ForgeKvsAPIError && (e.code === 'KEY_CONFLICT' || e.responseDetails.status === 409))
          return false;
        throw e;
      }
    },

    async transact(ops: TransactionOp[]) {
      if (ops.length === 0) return;
      if (ops.length > MAX_TRANSACTION_OPS)
        throw new Error(`transaction of ${ops.length} operations exceeds ${MAX_TRANSACTION_OPS}`);
      let tx = kvs.transact();
      for (const op of ops) {
        const conditions = op.ifVersion === undefined ? undefined : versionCondition(op.ifVersion);
        // Conditions compare the stored record's `version`; the value's own type does not matter to them.
        const entity = op.entity ? { entityName: op.entity, ...(conditions ? { conditions } : {}) } : undefined;
        tx =
          op.kind === 'set'
            ? tx.set<Versioned>(op.key, op.value as Versioned, entity)
            : tx.delete<Versioned>(op.key, entity);
      }
      try {
        await tx.execute();
      } catch (e) {
        if (e instanceof ForgeKvsAPIError && CONDITION_FAILED_CODES.has(e.code)) {
          throw new AppError('CONFLICT', 'conflict.version', { what: 'issue' });
        }
        throw e;
      }
    },

    async queryEntity<T>(q: EntityQuery): Promise<Page<T>> {
      let query = kvs
        .entity<T>(q.entity)
        .query()
        .index(q.index, { partition: [...q.partition] });
      if (q.range) query = query.where(whereClause(q.range));
      query = query
        .sort(q.sort === 'DESC' ? ('DESC' as never) : ('ASC' as never))
        .limit(Math.min(q.limit ?? MAX_QUERY_LIMIT, MAX_QUERY_LIMIT));
      if (q.cursor) query = query.cursor(q.cursor);
      const page = await query.getMany();
      return {
        items: page.results.map((r) => ({ key: r.key, value: r.value })),
        ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
      };
    },
  };
}
