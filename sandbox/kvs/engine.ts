import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor';
import { badRequest, KvsError, keyNotFound } from './errors';
import { filtersSql, prefixSql, rangeSql, type SqlFragment } from './filter-sql';
import {
  entityScope,
  ItemStore,
  itemFromRow,
  KVS_SCOPE,
  partitionKeyOf,
  SECRET_SCOPE,
  type EntityModel,
  type StoredItem,
} from './item-store';
import {
  DEFAULT_QUERY_LIMIT,
  MAX_BATCH_ITEMS,
  MAX_PAYLOAD_BYTES,
  MAX_QUERY_LIMIT,
  MAX_SECRET_VALUE_BYTES,
  MAX_TRANSACTION_OPERATIONS,
  MAX_VALUE_BYTES,
} from './limits';
import {
  BY_KEY_INDEX,
  resolveIndexes,
  validateEntityDefinitions,
  type EntityAttributeType,
  type EntityDefinition,
} from './manifest-entities';
import {
  expiryFromTtl,
  matchesAttributeType,
  resolveEntity,
  serializeValue,
  validateEntityValue,
  validateKey,
} from './validation';
import {
  batchDeleteRequest,
  batchGetRequest,
  batchSetRequest,
  deleteRequest,
  entityDeleteRequest,
  entityGetRequest,
  entityQueryRequest,
  entitySetRequest,
  getRequest,
  queryRequest,
  setRequest,
  transactionRequest,
  type Filters,
  type MetadataField,
  type SetOptions,
} from './wire';

export type { EntityDefinition } from './manifest-entities';

/** What `handle` answers: an HTTP status and a JSON body (empty for 204). */
export interface KvsResponse {
  status: number;
  body: string;
}

/** Engine options beyond the constructor's required arguments. */
export interface KvsEngineOptions {
  /** Clock in epoch milliseconds, for TTLs and metadata; lets the sandbox clock move time forward. */
  now?: () => number;
}

/** Where a key lives: its scope, and the entity model for Custom Entity Store keys. */
interface Target {
  scope: string;
  entity: EntityModel | undefined;
  maxValueBytes: number;
}

const NO_CONTENT: KvsResponse = { status: 204, body: '' };

function ok(body: unknown): KvsResponse {
  return { status: 200, body: JSON.stringify(body) };
}

function errorResponse(error: KvsError): KvsResponse {
  const context = Object.keys(error.context).length > 0 ? { context: error.context } : {};
  return { status: error.status, body: JSON.stringify({ code: error.code, message: error.message, ...context }) };
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw badRequest('BAD_REQUEST', `Provided request body is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Forge reports `createdAt` / `updatedAt` as epoch seconds and `expireTime` as an ISO instant. */
function toWire(
  item: StoredItem,
  fields: readonly MetadataField[] | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const wire: Record<string, unknown> = { key: item.key, ...extra, value: JSON.parse(item.value) };
  if (fields?.includes('CREATED_AT')) wire.createdAt = Math.floor(item.createdAt / 1000);
  if (fields?.includes('UPDATED_AT')) wire.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== null) {
    wire.expireTime = new Date(item.expireAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return wire;
}

function checkLimit(limit: number | undefined, code: 'LIST_QUERY_LIMIT_EXCEEDED' | 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'): number {
  const value = limit ?? DEFAULT_QUERY_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_QUERY_LIMIT) {
    throw badRequest(code, `The page limit must be set between 1 and ${MAX_QUERY_LIMIT}; got ${String(limit)}.`);
  }
  return value;
}

function checkPayload(body: string): void {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw badRequest('PAYLOAD_TOO_LARGE', `The request payload of ${bytes} bytes exceeds ${MAX_PAYLOAD_BYTES} bytes.`);
  }
}

function checkOperationCount(count: number, what: string): void {
  if (count === 0) throw badRequest('EMPTY_REQUEST', `A ${what} must contain at least one operation.`);
  const max = what === 'transaction' ? MAX_TRANSACTION_OPERATIONS : MAX_BATCH_ITEMS;
  if (count > max) {
    throw badRequest('TOO_MANY_OPERATIONS', `A ${what} can contain at most ${max} operations; got ${count}.`, {
      operations: count,
    });
  }
}

function itemRef(key: string, entityName: string | undefined): { key: string; entityName?: string } {
  return entityName === undefined ? { key } : { key, entityName };
}

function asFailure(error: unknown, key: string, entityName: string | undefined): Record<string, unknown> {
  if (!(error instanceof KvsError)) throw error;
  return { ...itemRef(key, entityName), error: { code: error.code, message: error.message } };
}

const rangeRowSchema = z.object({ range_value: z.union([z.string(), z.number()]) });

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

/**
 * The Forge Key-Value Store and Custom Entity Store on SQLite, speaking the wire protocol of `@forge/kvs` 1.6.5
 * (`POST /api/v1/...` with a JSON body; errors as `{ code, message, context? }` with an HTTP status).
 * Tables are prefixed `kvs_` and created if missing, so the engine shares a database file and survives restarts.
 */
export class KvsEngine {
  /** Calls to {@link handle}, in total and per path: the figure that costs a network round trip on Forge. */
  readonly stats: { ops: number; byPath: Record<string, number> } = {
    ops: 0,
    // No prototype: paths come from callers, and one named `__proto__` must count like any other.
    byPath: Object.create(null) as Record<string, number>,
  };

  private readonly store: ItemStore;
  private readonly definitions: Map<string, EntityDefinition>;
  private readonly models: Map<string, EntityModel>;
  private readonly now: () => number;
  private readonly routes: Record<string, (body: unknown, raw: string) => KvsResponse>;

  /**
   * @param db an open better-sqlite3 database; the engine creates its `kvs_*` tables in it if missing
   * @param entities the custom entities of `manifest.yml` (see `loadEntityDefinitions`)
   * @param options optional clock
   * @throws Error when an entity definition breaks the manifest rules
   */
  constructor(db: Database, entities: EntityDefinition[], options: KvsEngineOptions = {}) {
    validateEntityDefinitions(entities);
    this.now = options.now ?? Date.now;
    this.store = new ItemStore(db);
    this.definitions = new Map(entities.map((entity) => [entity.name, entity]));
    this.models = new Map(
      entities.map((entity) => [
        entity.name,
        { definition: entity, indexes: resolveIndexes(entity), scope: entityScope(entity.name) },
      ]),
    );
    this.store.purgeExpired(this.now());
    for (const model of this.models.values()) this.store.ensureIndexed(model);
    const kvs: Target = { scope: KVS_SCOPE, entity: undefined, maxValueBytes: MAX_VALUE_BYTES };
    const secret: Target = { scope: SECRET_SCOPE, entity: undefined, maxValueBytes: MAX_SECRET_VALUE_BYTES };
    this.routes = {
      '/api/v1/get': (body) => this.get(kvs, parseBody(getRequest, body)),
      '/api/v1/set': (body) => this.set(kvs, parseBody(setRequest, body)),
      '/api/v1/delete': (body) => this.delete(kvs, parseBody(deleteRequest, body)),
      '/api/v1/query': (body) => this.queryKeys(body),
      '/api/v1/secret/get': (body) => this.get(secret, parseBody(getRequest, body)),
      '/api/v1/secret/set': (body) => this.set(secret, parseBody(setRequest, body)),
      '/api/v1/secret/delete': (body) => this.delete(secret, parseBody(deleteRequest, body)),
      '/api/v1/entity/get': (body) => {
        const request = parseBody(entityGetRequest, body);
        return this.get(this.entityTarget(request.entityName), request);
      },
      '/api/v1/entity/set': (body) => {
        const request = parseBody(entitySetRequest, body);
        return this.set(this.entityTarget(request.entityName), request);
      },
      '/api/v1/entity/delete': (body) => {
        const request = parseBody(entityDeleteRequest, body);
        return this.delete(this.entityTarget(request.entityName), request);
      },
      '/api/v1/entity/query': (body) => this.queryEntities(body),
      '/api/v1/batch/set': (body, raw) => this.batchSet(body, raw),
      '/api/v1/batch/get': (body, raw) => this.batchGet(body, raw),
      '/api/v1/batch/delete': (body, raw) => this.batchDelete(body, raw),
      '/api/v1/transaction': (body, raw) => this.transact(body, raw),
    };
  }

  /**
   * Answers one request as the Forge KVS service would. Never throws: bad input gets a 4xx JSON error body.
   * @param path the path the client sends, e.g. `/api/v1/set`
   * @param body the raw JSON request body
   */
  handle(path: string, body: string): KvsResponse {
    this.stats.ops += 1;
    this.stats.byPath[path] = (this.stats.byPath[path] ?? 0) + 1;
    try {
      const route = this.routes[path];
      if (!route) throw new KvsError(404, 'NOT_FOUND', `Unknown Forge KVS API path '${path}'.`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw badRequest('BAD_REQUEST', 'Provided request body is invalid: not JSON.');
      }
      return route(parsed, body);
    } catch (error) {
      if (error instanceof KvsError) return errorResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(new KvsError(500, 'INTERNAL_SERVER_ERROR', `An internal server error has occurred: ${message}`));
    }
  }

  /** Sets the operation counters back to zero (in place, so references to `stats` stay valid). */
  resetStats(): void {
    this.stats.ops = 0;
    for (const path of Object.keys(this.stats.byPath)) delete this.stats.byPath[path];
  }

  private entityTarget(entityName: string): Target {
    const definition = resolveEntity(entityName, this.definitions);
    const model = this.models.get(definition.name);
    if (!model) throw new KvsError(500, 'INTERNAL_SERVER_ERROR', `Entity '${entityName}' has no model.`);
    return { scope: model.scope, entity: model, maxValueBytes: MAX_VALUE_BYTES };
  }

  private keyKind(target: Target): 'kvs' | 'entity' {
    return target.entity ? 'entity' : 'kvs';
  }

  private get(target: Target, request: { key: string; options?: { metadataFields?: MetadataField[] } | undefined }): KvsResponse {
    validateKey(request.key, this.keyKind(target));
    const item = this.store.read(target.scope, request.key, this.now());
    if (!item) throw keyNotFound(request.key);
    return ok(toWire(item, request.options?.metadataFields));
  }

  /** Validates a value for `target` and returns its JSON text. */
  private prepareValue(target: Target, value: unknown): string {
    const json = serializeValue(value, target.maxValueBytes);
    if (target.entity) validateEntityValue(target.entity.definition, value);
    return json;
  }

  private set(target: Target, request: { key: string; value: unknown; options?: SetOptions }): KvsResponse {
    validateKey(request.key, this.keyKind(target));
    const valueJson = this.prepareValue(target, request.value);
    const options = request.options;
    const now = this.now();
    const expireAt = expiryFromTtl(options?.ttl, now);
    const { previous, current } = this.store.db
      .transaction(() => {
        if (options?.keyPolicy === 'FAIL_IF_EXISTS' && this.store.read(target.scope, request.key, now)) {
          throw new KvsError(409, 'KEY_CONFLICT', 'The key already exists and keyPolicy is FAIL_IF_EXISTS.', {
            key: request.key,
          });
        }
        return this.store.write(target.scope, request.key, valueJson, expireAt, now, target.entity);
      })
      .immediate();
    if (options?.returnValue === 'LATEST') return ok(toWire(current, options.returnMetadataFields));
    if (options?.returnValue === 'PREVIOUS' && previous) return ok(toWire(previous, options.returnMetadataFields));
    return NO_CONTENT;
  }

  private delete(target: Target, request: { key: string }): KvsResponse {
    validateKey(request.key, this.keyKind(target));
    const existed = this.store.db.transaction(() => this.store.remove(target.scope, request.key, this.now())).immediate();
    if (!existed) throw keyNotFound(request.key);
    return NO_CONTENT;
  }

  private queryKeys(body: unknown): KvsResponse {
    const request = parseBody(queryRequest, body);
    const limit = checkLimit(request.limit, 'LIST_QUERY_LIMIT_EXCEEDED');
    const where: string[] = ['scope = ?', '(expire_at IS NULL OR expire_at > ?)'];
    const params: unknown[] = [KVS_SCOPE, this.now()];
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
        throw badRequest('INVALID_FILTER_CONDITION', `The condition '${condition.condition}' is not supported for KVS queries.`);
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
    const rows = this.store
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

  private queryEntities(body: unknown): KvsResponse {
    const request = parseBody(entityQueryRequest, body);
    const target = this.entityTarget(request.entityName);
    const model = target.entity;
    if (!model) throw new KvsError(500, 'INTERNAL_SERVER_ERROR', 'Entity target without a model.');
    const limit = checkLimit(request.limit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
    const direction = request.sort === 'DESC' ? 'DESC' : 'ASC';
    const after = direction === 'ASC' ? '>' : '<';
    const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (fragment: SqlFragment): void => {
      where.push(fragment.sql);
      params.push(...fragment.params);
    };
    let from: string;
    let order: string;
    let rangeColumn: string;
    let rangeType: EntityAttributeType | 'key';
    let byKey = false;
    if (request.indexName === BY_KEY_INDEX) {
      byKey = true;
      if (request.partition && request.partition.length > 0) {
        throw badRequest('INVALID_ENTITY_INDEX', `The '${BY_KEY_INDEX}' index has no partition.`);
      }
      from = 'kvs_items AS e';
      add({ sql: 'e.scope = ?', params: [model.scope] });
      rangeColumn = 'e.key';
      rangeType = 'key';
      order = `e.key ${direction}`;
      if (cursor) add({ sql: `e.key ${after} ?`, params: [cursor.key] });
    } else {
      const index = model.indexes.find((candidate) => candidate.name === request.indexName);
      if (!index) {
        const available = [BY_KEY_INDEX, ...model.indexes.map((candidate) => candidate.name)].join(', ');
        throw badRequest(
          'INVALID_ENTITY_INDEX',
          `Entity '${model.definition.name}' has no index '${request.indexName}' (indexes: ${available}).`,
          { indexName: request.indexName },
        );
      }
      const partition = request.partition ?? [];
      if (partition.length !== index.partition.length) {
        throw badRequest(
          'INVALID_ENTITY_INDEX',
          `Index '${index.name}' needs a partition of [${index.partition.join(', ')}]; got ${JSON.stringify(partition)}.`,
        );
      }
      index.partition.forEach((attribute, position) => {
        const type = model.definition.attributes[attribute]?.type ?? 'any';
        const value = partition[position];
        if (value === null || typeof value === 'object' || !matchesAttributeType(value, type)) {
          throw badRequest(
            'INVALID_FILTER_VALUES',
            `Partition value ${JSON.stringify(value)} does not match attribute '${attribute}' of type ${type}.`,
          );
        }
      });
      const rangeAttribute = index.range[0] ?? '';
      from = 'kvs_entity_index AS i JOIN kvs_items AS e ON e.scope = i.scope AND e.key = i.key';
      add({
        sql: 'i.scope = ? AND i.index_name = ? AND i.partition_key = ?',
        params: [model.scope, index.name, partitionKeyOf(partition)],
      });
      rangeColumn = 'i.range_value';
      rangeType = model.definition.attributes[rangeAttribute]?.type ?? 'any';
      order = `i.range_value ${direction}, i.key ${direction}`;
      if (cursor) {
        if (cursor.range === undefined) throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
        add({ sql: `(i.range_value, i.key) ${after} (?, ?)`, params: [cursor.range, cursor.key] });
      }
    }
    if (request.range) add(rangeSql(rangeColumn, request.range, rangeType));
    add({ sql: '(e.expire_at IS NULL OR e.expire_at > ?)', params: [this.now()] });
    if (request.filters) add(filtersSql('e.value', request.filters, model.definition));
    const select = `e.key, e.value, e.created_at, e.updated_at, e.expire_at${byKey ? '' : ', i.range_value'}`;
    const rows = this.store
      .statement(`SELECT ${select} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`)
      .all(...params, limit + 1);
    const page = rows.slice(0, limit);
    const fields = request.options?.metadataFields ?? request.metadataFields;
    const lastRow = page[page.length - 1];
    let next: CursorPosition | undefined;
    if (rows.length > limit && lastRow !== undefined) {
      const last = itemFromRow(lastRow);
      next = byKey ? { key: last.key } : { key: last.key, range: rangeRowSchema.parse(lastRow).range_value };
    }
    return ok({
      data: page.map((row) => toWire(itemFromRow(row), fields)),
      ...(next ? { cursor: encodeCursor(next) } : {}),
    });
  }

  /** Resolves the target of a batch or transaction item (KVS key or entity key) and checks its key. */
  private itemTarget(key: string, entityName: string | undefined): Target {
    const target =
      entityName === undefined
        ? { scope: KVS_SCOPE, entity: undefined, maxValueBytes: MAX_VALUE_BYTES }
        : this.entityTarget(entityName);
    validateKey(key, this.keyKind(target));
    return target;
  }

  private checkUnique(items: ReadonlyArray<{ key: string; entityName?: string | undefined }>, what: string): void {
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

  private batchSet(body: unknown, raw: string): KvsResponse {
    checkPayload(raw);
    const items = parseBody(batchSetRequest, body);
    checkOperationCount(items.length, 'batch');
    this.checkUnique(items, 'batch');
    const now = this.now();
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    this.store.db
      .transaction(() => {
        for (const item of items) {
          try {
            const target = this.itemTarget(item.key, item.entityName);
            if (item.options?.keyPolicy !== undefined || item.options?.returnValue !== undefined) {
              throw badRequest('BAD_REQUEST', 'keyPolicy and returnValue are not supported in batch operations.');
            }
            const valueJson = this.prepareValue(target, item.value);
            const expireAt = expiryFromTtl(item.options?.ttl, now);
            this.store.write(target.scope, item.key, valueJson, expireAt, now, target.entity);
            successfulKeys.push(itemRef(item.key, item.entityName));
          } catch (error) {
            failedKeys.push(asFailure(error, item.key, item.entityName));
          }
        }
      })
      .immediate();
    return ok({ successfulKeys, failedKeys });
  }

  private batchGet(body: unknown, raw: string): KvsResponse {
    checkPayload(raw);
    const items = parseBody(batchGetRequest, body);
    checkOperationCount(items.length, 'batch');
    this.checkUnique(items, 'batch');
    const now = this.now();
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        const target = this.itemTarget(item.key, item.entityName);
        const stored = this.store.read(target.scope, item.key, now);
        if (!stored) throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
        const extra = item.entityName === undefined ? {} : { entityName: item.entityName };
        successfulKeys.push(toWire(stored, item.options?.metadataFields, extra));
      } catch (error) {
        failedKeys.push(asFailure(error, item.key, item.entityName));
      }
    }
    return ok({ successfulKeys, failedKeys });
  }

  private batchDelete(body: unknown, raw: string): KvsResponse {
    checkPayload(raw);
    const items = parseBody(batchDeleteRequest, body);
    checkOperationCount(items.length, 'batch');
    this.checkUnique(items, 'batch');
    const now = this.now();
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    this.store.db
      .transaction(() => {
        for (const item of items) {
          try {
            const target = this.itemTarget(item.key, item.entityName);
            if (!this.store.remove(target.scope, item.key, now)) {
              throw new KvsError(404, 'KEY_NOT_FOUND', 'Key does not exist');
            }
            successfulKeys.push(itemRef(item.key, item.entityName));
          } catch (error) {
            failedKeys.push(asFailure(error, item.key, item.entityName));
          }
        }
      })
      .immediate();
    return ok({ successfulKeys, failedKeys });
  }

  private conditionFor(target: Target, conditions: Filters | undefined): SqlFragment | undefined {
    if (!conditions) return undefined;
    if (!target.entity) {
      throw badRequest('BAD_REQUEST', 'Transaction conditions are only supported on Custom Entity Store items.');
    }
    return filtersSql('c.value', conditions, target.entity.definition);
  }

  private transact(body: unknown, raw: string): KvsResponse {
    checkPayload(raw);
    const request = parseBody(transactionRequest, body);
    const sets = request.set ?? [];
    const deletes = request.delete ?? [];
    const checks = request.check ?? [];
    checkOperationCount(sets.length + deletes.length + checks.length, 'transaction');
    this.checkUnique([...sets, ...deletes, ...checks], 'transaction');
    const now = this.now();
    // Validate every operation before touching data: a bad operation fails the whole transaction.
    const planned: PlannedOperation[] = [
      ...sets.map((operation): PlannedOperation => {
        const target = this.itemTarget(operation.key, operation.entityName);
        if (operation.options?.keyPolicy !== undefined || operation.options?.returnValue !== undefined) {
          throw badRequest('BAD_REQUEST', 'keyPolicy and returnValue are not supported in transactions.');
        }
        return {
          type: 'set',
          key: operation.key,
          entityName: operation.entityName,
          target,
          valueJson: this.prepareValue(target, operation.value),
          expireAt: expiryFromTtl(operation.options?.ttl, now),
          condition: this.conditionFor(target, operation.conditions),
        };
      }),
      ...deletes.map((operation): PlannedOperation => {
        const target = this.itemTarget(operation.key, operation.entityName);
        return {
          type: 'delete',
          key: operation.key,
          entityName: operation.entityName,
          target,
          condition: this.conditionFor(target, operation.conditions),
        };
      }),
      ...checks.map((operation): PlannedOperation => {
        const target = this.itemTarget(operation.key, operation.entityName);
        return {
          type: 'check',
          key: operation.key,
          entityName: operation.entityName,
          target,
          condition: this.conditionFor(target, operation.conditions),
        };
      }),
    ];
    this.store.db
      .transaction(() => {
        for (const operation of planned) {
          if (!operation.condition) continue;
          const current = this.store.read(operation.target.scope, operation.key, now);
          const passed = this.store
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
            this.store.write(scope, operation.key, operation.valueJson, operation.expireAt ?? null, now, entity);
          } else if (operation.type === 'delete') {
            this.store.remove(operation.target.scope, operation.key, now);
          }
        }
      })
      .immediate();
    return NO_CONTENT;
  }
}
