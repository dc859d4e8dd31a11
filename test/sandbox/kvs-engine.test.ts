import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KvsEngine } from '../../sandbox/kvs/engine';
import type { EntityDefinition } from '../../sandbox/kvs/manifest-entities';
import {
  ENTITIES,
  loadForgeKvs,
  newMemoryEngine,
  START_CLOCK,
  unloadForgeKvs,
  type ForgeKvs,
  type Task,
} from './kvs-harness';

let forge: ForgeKvs;
let engine: KvsEngine;
let clock = START_CLOCK;

beforeAll(async () => {
  forge = await loadForgeKvs(() => engine);
});

beforeEach(() => {
  clock = START_CLOCK;
  engine = newMemoryEngine(() => clock);
});

afterAll(unloadForgeKvs);

describe('engine contract', () => {
  it('never throws: malformed bodies and unknown paths get JSON errors', () => {
    expect(engine.handle('/api/v1/set', '{not json')).toEqual({
      status: 400,
      body: JSON.stringify({ code: 'BAD_REQUEST', message: 'Provided request body is invalid: not JSON.' }),
    });
    expect(JSON.parse(engine.handle('/api/v1/set', '{"key":5}').body)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(engine.handle('/api/v2/nothing', '{}').status).toBe(404);
    expect(engine.handle('/api/v1/query', JSON.stringify({ after: 'garbage!' })).status).toBe(400);
  });

  it('counts every call as one op, per path, and resets', async () => {
    const { kvs } = forge;
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('missing');
    await kvs.batchSet([
      { key: 'b', value: 1 },
      { key: 'c', value: 2 },
    ]);
    expect(engine.stats.ops).toBe(4);
    expect({ ...engine.stats.byPath }).toEqual({ '/api/v1/set': 1, '/api/v1/get': 2, '/api/v1/batch/set': 1 });
    engine.resetStats();
    expect(engine.stats.ops).toBe(0);
    expect({ ...engine.stats.byPath }).toEqual({});
  });

  it('keeps data across two engine instances on the same database file, and reindexes changed indexes', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'kvs-engine-'));
    try {
      const file = join(directory, 'sandbox.db');
      const first = new Database(file);
      engine = new KvsEngine(first, ENTITIES, { now: () => clock });
      const { kvs, WhereConditions } = forge;
      await kvs.set('persisted', { n: 1 });
      await kvs.setSecret('persisted-secret', 'shh');
      await kvs.entity<Task>('task').set('p-1', { project: 'A', status: 'open', priority: 7 });
      await kvs
        .entity<Task>('task')
        .set('p-2', { project: 'A', status: 'open', priority: 8 }, { ttl: { value: 1, unit: 'MINUTES' } });
      first.close();
      clock += 120_000;

      const second = new Database(file);
      const changed: EntityDefinition[] = ENTITIES.map((entity) =>
        entity.name === 'task'
          ? { ...entity, indexes: [...entity.indexes, { name: 'by-status', range: ['status'] }] }
          : entity,
      );
      engine = new KvsEngine(second, changed, { now: () => clock });
      expect(await kvs.get('persisted')).toEqual({ n: 1 });
      expect(await kvs.getSecret('persisted-secret')).toBe('shh');
      const byPriority = await kvs
        .entity<Task>('task')
        .query()
        .index('by-project-priority', { partition: ['A'] })
        .where(WhereConditions.equalTo(7))
        .getMany();
      expect(byPriority.results.map((result) => result.key)).toEqual(['p-1']);
      const byStatus = await kvs
        .entity<Task>('task')
        .query()
        .index('by-status')
        .where(WhereConditions.equalTo('open'))
        .getMany();
      expect(byStatus.results.map((result) => result.key)).toEqual(['p-1']);
      // Expired items are purged when an engine opens the file, index entries included.
      expect(second.prepare('SELECT count(*) FROM kvs_items').pluck().get()).toBe(3);
      expect(second.prepare("SELECT count(*) FROM kvs_entity_index WHERE key = 'p-2'").pluck().get()).toBe(0);
      second.close();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
