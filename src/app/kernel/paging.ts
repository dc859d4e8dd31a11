import type { Deps, EntityQuery } from './ports';
import { MAX_QUERY_LIMIT } from './storage-keys';

/** Follows the cursor to the end: Forge returns at most 100 entities a page and listings must not stop early. */
export async function readAll<T>(deps: Deps, q: EntityQuery): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.queryEntity<T>({ ...q, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((i) => i.value));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/**
 * One page of a keyset-ordered listing: the `limit` entities after `after` in the index's range order, and the
 * cursor of the next page (the last one's range value) or null at the end. One query: it asks for one more
 * than the page to know whether there is a next one. The cursor is a position, not an offset, so records
 * added or changed between pages do not shift the ones not yet shown. A page of the query's maximum (100)
 * cannot ask for one more; there the store's own cursor says whether more may follow (at worst one empty page).
 */
export async function readPage<T>(
  deps: Deps,
  q: Omit<EntityQuery, 'range' | 'limit' | 'cursor' | 'sort'>,
  rangeOf: (v: T) => string,
  after: string | undefined,
  limit: number,
): Promise<{ items: T[]; next: string | null }> {
  const page = await deps.store.queryEntity<T>({
    ...q,
    sort: 'ASC',
    limit: Math.min(limit + 1, MAX_QUERY_LIMIT),
    ...(after !== undefined ? { range: { op: 'greaterThan', value: after } } : {}),
  });
  const items = page.items.slice(0, limit).map((i) => i.value);
  const more = page.items.length > limit || (items.length === limit && page.cursor !== undefined);
  return { items, next: more && items.length > 0 ? rangeOf(items[items.length - 1]!) : null };
}
