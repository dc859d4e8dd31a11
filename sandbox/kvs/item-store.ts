import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { indexValueOf } from './filter-sql';
import type { EntityDefinition, ResolvedIndex } from './manifest-entities';

/** An entity declared in the manifest with its indexes spelled out. */
export interface EntityModel {
  definition: EntityDefinition;
  indexes: ResolvedIndex[];
  scope: string;
}

/** One stored key: value as JSON text, times in epoch milliseconds. */
export interface StoredItem {
  key: string;
  value: string;
  createdAt: number;
  updatedAt: number;
  expireAt: number | null;
}

/** Scopes keep the three key spaces apart: plain KVS keys, secrets, and each entity's keys. */
export const KVS_SCOPE = 'kvs';
export const SECRET_SCOPE = 'secret';
export function entityScope(entityName: string): string {
  return `entity:${entityName}`;
}

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS kvs_items (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expire_at INTEGER,
  PRIMARY KEY (scope, key)
);
-- range_value has no declared type on purpose: no affinity, so strings stay strings and numbers stay numbers.
CREATE TABLE IF NOT EXISTS kvs_entity_index (
  scope TEXT NOT NULL,
  index_name TEXT NOT NULL,
  partition_key TEXT NOT NULL,
  range_value NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (scope, index_name, partition_key, range_value, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kvs_entity_index_by_item ON kvs_entity_index (scope, key);
CREATE TABLE IF NOT EXISTS kvs_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const itemRowSchema = z.object({
  key: z.string(),
  value: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  expire_at: z.number().nullable(),
});

/** Converts a `SELECT key, value, created_at, updated_at, expire_at` row. */
export function itemFromRow(row: unknown): StoredItem {
  const parsed = itemRowSchema.parse(row);
  return {
    key: parsed.key,
    value: parsed.value,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
    expireAt: parsed.expire_at,
  };
}

/** Partition key as stored: the JSON array of the partition attribute values. */
export function partitionKeyOf(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Storage primitives over SQLite: items of all scopes in `kvs_items`, entity index entries in
 * `kvs_entity_index` (one row per item and index, sparse like DynamoDB's: items lacking an index attribute are
 * not in that index). Expired items (TTL) are treated as absent and purged when touched.
 */
export class ItemStore {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database) {
    db.exec(SCHEMA_SQL);
  }

  /** Prepared statement, cached by SQL text. */
  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The live item under `key`, or `undefined` when absent or expired. */
  read(scope: string, key: string, nowMs: number): StoredItem | undefined {
    const row = this.statement(
      'SELECT key, value, created_at, updated_at, expire_at FROM kvs_items WHERE scope = ? AND key = ?',
    ).get(scope, key);
    if (row === undefined) return undefined;
    const item = itemFromRow(row);
    return item.expireAt !== null && item.expireAt <= nowMs ? undefined : item;
  }

  /** Writes `valueJson` under `key`, keeping `createdAt` of a live previous value and refreshing index entries. */
  write(
    scope: string,
    key: string,
    valueJson: string,
    expireAt: number | null,
    nowMs: number,
    entity?: EntityModel,
  ): { previous: StoredItem | undefined; current: StoredItem } {
    const previous = this.read(scope, key, nowMs);
    const current: StoredItem = {
      key,
      value: valueJson,
      createdAt: previous?.createdAt ?? nowMs,
      updatedAt: nowMs,
      expireAt,
    };
    this.statement(
      `INSERT INTO kvs_items (scope, key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at,
         updated_at = excluded.updated_at, expire_at = excluded.expire_at`,
    ).run(scope, key, valueJson, current.createdAt, current.updatedAt, expireAt);
    if (entity) this.reindex(entity, key, JSON.parse(valueJson));
    return { previous, current };
  }

  /** Deletes `key`; returns whether a live item was there. */
  remove(scope: string, key: string, nowMs: number): boolean {
    const existed = this.read(scope, key, nowMs) !== undefined;
    this.statement('DELETE FROM kvs_items WHERE scope = ? AND key = ?').run(scope, key);
    this.statement('DELETE FROM kvs_entity_index WHERE scope = ? AND key = ?').run(scope, key);
    return existed;
  }

  private reindex(entity: EntityModel, key: string, value: unknown): void {
    this.statement('DELETE FROM kvs_entity_index WHERE scope = ? AND key = ?').run(entity.scope, key);
    if (value === null || typeof value !== 'object') return;
    const attributes = value as Record<string, unknown>;
    const insert = this.statement(
      'INSERT INTO kvs_entity_index (scope, index_name, partition_key, range_value, key) VALUES (?, ?, ?, ?, ?)',
    );
    for (const index of entity.indexes) {
      const partition = index.partition.map((attribute) => attributes[attribute]);
      if (!partition.every(isScalar)) continue;
      const rangeAttribute = index.range[0];
      const range = rangeAttribute === undefined ? undefined : indexValueOf(attributes[rangeAttribute]);
      if (range === undefined) continue;
      insert.run(entity.scope, index.name, partitionKeyOf(partition), range, key);
    }
  }

  /** Deletes items whose TTL has passed, with their index entries (reads already skip them). */
  purgeExpired(nowMs: number): void {
    this.db.transaction(() => {
      this.statement(
        `DELETE FROM kvs_entity_index WHERE (scope, key) IN
           (SELECT scope, key FROM kvs_items WHERE expire_at IS NOT NULL AND expire_at <= ?)`,
      ).run(nowMs);
      this.statement('DELETE FROM kvs_items WHERE expire_at IS NOT NULL AND expire_at <= ?').run(nowMs);
    })();
  }

  /**
   * Rebuilds an entity's index entries when its attributes or indexes differ from those the database was
   * indexed with (the manifest changed between runs on the same file).
   */
  ensureIndexed(entity: EntityModel): void {
    const signature = JSON.stringify({ attributes: entity.definition.attributes, indexes: entity.indexes });
    const metaName = `index-signature:${entity.scope}`;
    const stored = this.statement('SELECT value FROM kvs_meta WHERE name = ?').pluck().get(metaName);
    if (stored === signature) return;
    this.db.transaction(() => {
      this.statement('DELETE FROM kvs_entity_index WHERE scope = ?').run(entity.scope);
      const rows = this.statement('SELECT key, value FROM kvs_items WHERE scope = ?').all(entity.scope);
      for (const row of z.array(z.object({ key: z.string(), value: z.string() })).parse(rows)) {
        this.reindex(entity, row.key, JSON.parse(row.value));
      }
      this.statement(
        'INSERT INTO kvs_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ).run(metaName, signature);
    })();
  }
}
