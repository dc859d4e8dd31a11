import type { Deps, EntityQuery } from './ports';

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
