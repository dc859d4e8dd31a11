import { z } from 'zod';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor';
import { badRequest, KvsError } from './errors';
import { filtersSql, rangeSql, type SqlFragment } from './filter-sql';
import { itemFromRow, partitionKeyOf } from './item-store';
import { BY_KEY_INDEX, type EntityAttributeType } from './manifest-entities';
import { checkLimit, parseBody } from './request-checks';
import { entityTarget, type KvsContext } from './targets';
import { matchesAttributeType } from './validation';
import { entityQueryRequest } from './wire';
import { ok, toWire, type KvsResponse } from './wire-response';

const rangeRowSchema = z.object({ range_value: z.union([z.string(), z.number()]) });

/**
 * A page of one entity's items by an index (or by key): partition, range condition, filters, sort and cursor,
 * as `kvs.entity(name).query()` sends them.
 */
export function queryEntities(kvs: KvsContext, body: unknown): KvsResponse {
  const request = parseBody(entityQueryRequest, body);
  const target = entityTarget(kvs, request.entityName);
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
  add({ sql: '(e.expire_at IS NULL OR e.expire_at > ?)', params: [kvs.now() - kvs.expiredReadableMs()] });
  if (request.filters) add(filtersSql('e.value', request.filters, model.definition));
  const select = `e.key, e.value, e.created_at, e.updated_at, e.expire_at${byKey ? '' : ', i.range_value'}`;
  const rows = kvs.store
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
