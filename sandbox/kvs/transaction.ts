import { badRequest, KvsError } from './errors';
import { filtersSql, type SqlFragment } from './filter-sql';
import { checkOperationCount, checkPayload, checkUnique, parseBody } from './request-checks';
import { itemTarget, prepareValue, type KvsContext, type Target } from './targets';
import { expiryFromTtl } from './validation';
import { transactionRequest, type Filters } from './wire';
import { itemRef, NO_CONTENT, type KvsResponse } from './wire-response';

/** A transaction operation after validation, before any write. */
interface PlannedOperation {
  type: 'set' | 'delete' | 'check';
  key: string;
  entityName: string | undefined;
  target: Target;
  valueJson?: string;
  expireAt?: number | null;
  condition?: SqlFragment;
}

function conditionFor(target: Target, conditions: Filters | undefined): SqlFragment | undefined {
  if (!conditions) return undefined;
  if (!target.entity) {
    throw badRequest('BAD_REQUEST', 'Transaction conditions are only supported on Custom Entity Store items.');
  }
  return filtersSql('c.value', conditions, target.entity.definition);
}

/** Sets, deletes and checks that all happen or none does; conditions are checked first, inside the write lock. */
export function transact(kvs: KvsContext, body: unknown, raw: string): KvsResponse {
  checkPayload(raw, kvs.maxPayloadBytes());
  const request = parseBody(transactionRequest, body);
  const sets = request.set ?? [];
  const deletes = request.delete ?? [];
  const checks = request.check ?? [];
  checkOperationCount(sets.length + deletes.length + checks.length, 'transaction');
  checkUnique([...sets, ...deletes, ...checks], 'transaction');
  const now = kvs.now();
  const planKeyOperation = (
    type: 'delete' | 'check',
    operation: { key: string; entityName?: string | undefined; conditions?: Filters | undefined },
  ): PlannedOperation => {
    const target = itemTarget(kvs, operation.key, operation.entityName);
    return {
      type,
      key: operation.key,
      entityName: operation.entityName,
      target,
      condition: conditionFor(target, operation.conditions),
    };
  };
  // Validate every operation before touching data: a bad operation fails the whole transaction.
  const planned: PlannedOperation[] = [
    ...sets.map((operation): PlannedOperation => {
      const target = itemTarget(kvs, operation.key, operation.entityName);
      if (operation.options?.keyPolicy !== undefined || operation.options?.returnValue !== undefined) {
        throw badRequest('BAD_REQUEST', 'keyPolicy and returnValue are not supported in transactions.');
      }
      return {
        type: 'set',
        key: operation.key,
        entityName: operation.entityName,
        target,
        valueJson: prepareValue(target, operation.value),
        expireAt: expiryFromTtl(operation.options?.ttl, now),
        condition: conditionFor(target, operation.conditions),
      };
    }),
    ...deletes.map((operation) => planKeyOperation('delete', operation)),
    ...checks.map((operation) => planKeyOperation('check', operation)),
  ];
  kvs.store.db
    .transaction(() => {
      for (const operation of planned) {
        if (!operation.condition) continue;
        const current = kvs.store.read(operation.target.scope, operation.key, now);
        const passed = kvs.store
          // The item's JSON is the last parameter: it is bound in the FROM clause, after the condition's.
          .statement(`SELECT ${operation.condition.sql} AS ok FROM (SELECT ? AS value) AS c`)
          .pluck()
          .get(...operation.condition.params, current?.value ?? '{}');
        if (passed !== 1) {
          throw new KvsError(
            409,
            'CONDITIONAL_CHECK_FAILED',
            `Transaction cancelled: the conditions of the ${operation.type} on key '${operation.key}' were not met.`,
            { failedOperation: { type: operation.type, ...itemRef(operation.key, operation.entityName) } },
          );
        }
      }
      for (const operation of planned) {
        if (operation.type === 'set' && operation.valueJson !== undefined) {
          const { scope, entity } = operation.target;
          kvs.store.write(scope, operation.key, operation.valueJson, operation.expireAt ?? null, now, entity);
        } else if (operation.type === 'delete') {
          kvs.store.remove(operation.target.scope, operation.key, now);
        }
      }
    })
    .immediate();
  return NO_CONTENT;
}
