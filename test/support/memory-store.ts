import type { EntityQuery, Page, Store, TransactionOp } from '../../src/app/kernel/ports';
import { AppError } from '../../src/app/kernel/errors';

/** How a test declares an entity index (as manifest.yml does): the partition values and the range value of a record. */
export interface MemoryIndex {
  partition: (value: any) => ReadonlyArray<string | number | boolean>;
  range?: (value: any) => string | number;
}

export interface MemoryStore extends Store {
  /** When each TTL key expires (ms on the test's clock). */
  expiries: Map<string, number>;
  /** Every value stored, by `key` or `entity/key`. */
  dump(): Map<string, unknown>;
}

const versionOf = (v: unknown) =>
  v && typeof v === 'object' && typeof (v as { version?: unknown }).version === 'number'
    ? (v as { version: number }).version
    : undefined;

/**
 * The Store port on Maps, for use-case tests: TTLs on the test's clock, transactions all-or-nothing with
 * `ifVersion` conditions answered with CONFLICT as KVS does, and entity queries over the indexes the test declares.
 */
export function memoryStore(now: () => number, indexes: Record<string, MemoryIndex> = {}): MemoryStore {
  const kv = new Map<string, unknown>();
  const secrets = new Map<string, unknown>();
  const expiries = new Map<string, number>();
  const live = (key: string) => !expiries.has(key) || expiries.get(key)! > now();
  const at = (key: string, entity?: string) => (entity ? `${entity}/${key}` : key);
  const read = (key: string, entity?: string) =>
    entity ? kv.get(at(key, entity)) : live(key) ? kv.get(key) : undefined;
  return {
    expiries,
    dump: () => new Map(kv),
    get: async <T>(key: string) => read(key) as T | undefined,
    getEntity: async <T>(entity: string, key: string) => read(key, entity) as T | undefined,
    getMany: async (items) => items.map((i) => read(i.key, i.entity)),
    set: async (key, value) => void kv.set(key, value),
    setEntity: async (entity, key, value) => void kv.set(at(key, entity), value),
    transact: async (ops: TransactionOp[]) => {
      for (const op of ops) {
        if (op.ifVersion === undefined) continue;
        const current = read(op.key, op.entity);
        const holds = op.ifVersion === 'absent' ? current === undefined : versionOf(current) === op.ifVersion;
        if (!holds) throw new AppError('CONFLICT', 'conflict.version', { what: 'project' });
      }
      for (const op of ops) {
        if (op.kind === 'set') kv.set(at(op.key, op.entity), op.value);
        else kv.delete(at(op.key, op.entity));
      }
    },
    queryEntity: async <T>(q: EntityQuery): Promise<Page<T>> => {
      const index = indexes[q.index];
      if (!index) throw new Error(`index ${q.index} is not declared to this test's memory store`);
      const prefix = `${q.entity}/`;
      const matches = [...kv]
        .filter(([k, v]) => k.startsWith(prefix) && index.partition(v).every((p, i) => p === q.partition[i]))
        .map(([k, v]) => ({ key: k.slice(prefix.length), value: v as T, r: index.range ? index.range(v) : k }))
        .filter(({ r }) => {
          const range = q.range;
          if (!range) return true;
          if (range.op === 'between') return r >= range.from && r <= range.to;
          const v = range.value;
          return {
            equalTo: r === v,
            beginsWith: String(r).startsWith(String(v)),
            greaterThan: r > v,
            greaterThanEqualTo: r >= v,
            lessThan: r < v,
            lessThanEqualTo: r <= v,
          }[range.op];
        })
        .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0) * (q.sort === 'DESC' ? -1 : 1));
      const start = q.cursor ? Number(q.cursor) : 0;
      const limit = q.limit ?? 100;
      const items = matches.slice(start, start + limit).map(({ key, value }) => ({ key, value }));
      return start + limit < matches.length ? { items, cursor: String(start + limit) } : { items };
    },
    getSecret: async <T>(key: string) => secrets.get(key) as T | undefined,
    setSecret: async (key, value) => void secrets.set(key, value),
    setIfAbsent: async (key, value, ttlSeconds) => {
      if (kv.has(key) && live(key)) return false;
      kv.set(key, value);
      expiries.set(key, now() + ttlSeconds * 1000);
      return true;
    },
    delete: async (key) => {
      kv.delete(key);
      expiries.delete(key);
    },
  };
}
