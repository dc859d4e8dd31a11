import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KvsEngine } from '../../sandbox/kvs/engine';
import type { EntityDefinition } from '../../sandbox/kvs/manifest-entities';
import type { Sort as SortOrder } from '@forge/kvs';

type ForgeKvs = typeof import('@forge/kvs');

interface Task {
  project: string;
  status: string;
  priority: number;
  score?: number;
  done?: boolean;
  title?: string;
  tags?: unknown;
}

const ENTITIES: EntityDefinition[] = [
  {
    name: 'task',
    attributes: {
      project: { type: 'string' },
      status: { type: 'string' },
      priority: { type: 'integer' },
      score: { type: 'float' },
      done: { type: 'boolean' },
      title: { type: 'string' },
      tags: { type: 'any' },
    },
    indexes: [
      'priority',
      { name: 'by-project-priority', partition: ['project'], range: ['priority'] },
      { name: 'by-project-status', partition: ['project'], range: ['status'] },
    ],
  },
  { name: 'counter', attributes: { count: { type: 'integer' }, owner: { type: 'string' } }, indexes: [] },
];

let forge: ForgeKvs;
let engine: KvsEngine;
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
const fetchTargets: unknown[] = [];

function newMemoryEngine(entities: EntityDefinition[] = ENTITIES): KvsEngine {
  return new KvsEngine(new Database(':memory:'), entities, { now: () => clock });
}

/** Raw call to the current engine, for checking what is stored without going through the client. */
function raw(path: string, body: unknown): { status: number; json: unknown } {
  const response = engine.handle(path, JSON.stringify(body));
  return { status: response.status, json: response.body ? JSON.parse(response.body) : undefined };
}

/** Expects the client call to fail with a ForgeKvsAPIError carrying `code` and HTTP `status`. */
async function expectApiError(promise: Promise<unknown>, code: string, status: number): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(forge.ForgeKvsAPIError);
  expect(error).toMatchObject({ code, responseDetails: { status } });
}

beforeAll(async () => {
  // @forge/kvs picks its fetch client when imported, so the runtime globals must exist before the import.
  Object.assign(globalThis, {
    __forge_runtime__: {
      proxy: { token: 'sandbox-token' },
      kvs: { url: 'http://kvs.sandbox.invalid', host: 'kvs.sandbox.invalid' },
      tracing: { traceId: 'trace-1', spanId: 'span-1' },
    },
    __forge_fetch__: async (target: unknown, path: string, init: { body: string }) => {
      fetchTargets.push(target);
      const response = engine.handle(path, init.body);
      return new Response(response.body || null, {
        status: response.status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  forge = await import('@forge/kvs');
});

beforeEach(() => {
  clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  engine = newMemoryEngine();
});

describe('Key-Value Store through the real @forge/kvs client', () => {
  it('sets, gets and deletes JSON values of every kind', async () => {
    const { kvs } = forge;
    const values: Record<string, unknown> = {
      str: 'hello',
      num: 42.5,
      bool: false,
      obj: { a: 1, nested: { b: [1, 2, 3] } },
      arr: ['x', { y: true }],
    };
    for (const [key, value] of Object.entries(values)) await kvs.set(key, value);
    for (const [key, value] of Object.entries(values)) expect(await kvs.get(key)).toEqual(value);
    await kvs.delete('obj');
    expect(await kvs.get('obj')).toBeUndefined();
    expect(await kvs.get('str')).toBe('hello');
    expect(fetchTargets.at(-1)).toEqual({ type: 'kvs' });
  });

  it('returns undefined for a missing key and lets delete of a missing key succeed', async () => {
    const { kvs } = forge;
    expect(await kvs.get('never-written')).toBeUndefined();
    await expect(kvs.delete('never-written')).resolves.toBeUndefined();
    expect(raw('/api/v1/get', { key: 'never-written' })).toEqual({
      status: 404,
      json: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist', context: { key: 'never-written' } },
    });
  });

  it('reports createdAt, updatedAt (epoch seconds) and expireTime when asked', async () => {
    const { kvs, MetadataField } = forge;
    const created = clock;
    await kvs.set('meta', 1);
    clock += 90_000;
    await kvs.set('meta', 2, { ttl: { value: 5, unit: 'MINUTES' } });
    const result = await kvs.get('meta', {
      metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME],
    });
    expect(result).toEqual({
      key: 'meta',
      value: 2,
      createdAt: Math.floor(created / 1000),
      updatedAt: Math.floor(clock / 1000),
      expireTime: new Date(clock + 5 * 60_000).toISOString().replace('.000Z', 'Z'),
    });
    expect(await kvs.get('meta', { metadataFields: [MetadataField.UPDATED_AT] })).toEqual({
      key: 'meta',
      value: 2,
      updatedAt: Math.floor(clock / 1000),
    });
    const listed = await kvs.query({ metadataFields: [MetadataField.CREATED_AT] }).getMany();
    expect(listed.results).toEqual([{ key: 'meta', value: 2, createdAt: Math.floor(created / 1000) }]);
    expect((await kvs.query().getMany()).results).toEqual([{ key: 'meta', value: 2 }]);
    await kvs.entity<Task>('task').set('m-1', { project: 'A', status: 'open', priority: 1 });
    const entities = await kvs
      .entity<Task>('task')
      .query({ metadataFields: [MetadataField.UPDATED_AT] })
      .index('priority')
      .getMany();
    expect(entities.results).toEqual([
      { key: 'm-1', value: { project: 'A', status: 'open', priority: 1 }, updatedAt: Math.floor(clock / 1000) },
    ]);
  });

  it('expires values after their TTL', async () => {
    const { kvs } = forge;
    await kvs.set('short-lived', 'v', { ttl: { value: 30, unit: 'SECONDS' } });
    clock += 29_000;
    expect(await kvs.get('short-lived')).toBe('v');
    clock += 2_000;
    expect(await kvs.get('short-lived')).toBeUndefined();
    expect((await kvs.query().where('key', forge.WhereConditions.beginsWith('short')).getMany()).results).toEqual([]);
  });

  it('honours keyPolicy FAIL_IF_EXISTS with 409 KEY_CONFLICT and returns PREVIOUS or LATEST values', async () => {
    const { kvs, MetadataField } = forge;
    await kvs.set('lock', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    await expectApiError(kvs.set('lock', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT', 409);
    expect(await kvs.get('lock')).toBe('first');
    const previous = await kvs.set('lock', 'third', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toEqual({ key: 'lock', value: 'first' });
    const latest = await kvs.set('lock', 'fourth', {
      keyPolicy: 'OVERRIDE',
      returnValue: 'LATEST',
      returnMetadataFields: [MetadataField.CREATED_AT],
    });
    expect(latest).toEqual({ key: 'lock', value: 'fourth', createdAt: Math.floor(clock / 1000) });
    expect(await kvs.set('fresh', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
  });

  it('pages a beginsWith query over 250 keys with the cursor, returning each key exactly once in key order', async () => {
    const { kvs, WhereConditions } = forge;
    const expected: string[] = [];
    for (let i = 0; i < 250; i += 1) {
      const key = `item:${String(i).padStart(3, '0')}`;
      expected.push(key);
      await kvs.set(key, { i });
    }
    await kvs.set('other:1', 'x');
    await kvs.set('iteM:1', 'case matters');
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith('item:')).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<{ i: number }>();
      pageSizes.push(page.results.length);
      for (const result of page.results) {
        seen.push(result.key);
        expect(result.value.i).toBe(Number(result.key.slice(5)));
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([100, 100, 50]);
    expect(seen).toEqual(expected);
    const firstDefault = await kvs.query().where('key', WhereConditions.beginsWith('item:')).getMany();
    expect(firstDefault.results).toHaveLength(10);
    expect(firstDefault.nextCursor).toEqual(expect.any(String));
    const all = await kvs.query().limit(100).getMany();
    expect(all.results.map((result) => result.key).slice(0, 2)).toEqual(['iteM:1', 'item:000']);
    expect((await kvs.query().where('key', WhereConditions.beginsWith('other')).getOne())?.value).toBe('x');
  });

  it('keeps secrets apart: only getSecret reads them and queries never return them', async () => {
    const { kvs, WhereConditions } = forge;
    await kvs.setSecret('api:token', { token: 's3cr3t' });
    await kvs.set('api:public', 'visible');
    expect(await kvs.getSecret('api:token')).toEqual({ token: 's3cr3t' });
    expect(await kvs.get('api:token')).toBeUndefined();
    const listed = await kvs.query().where('key', WhereConditions.beginsWith('api:')).getMany();
    expect(listed.results).toEqual([{ key: 'api:public', value: 'visible' }]);
    expect(JSON.stringify((await kvs.query().limit(100).getMany()).results)).not.toContain('s3cr3t');
    await kvs.deleteSecret('api:token');
    expect(await kvs.getSecret('api:token')).toBeUndefined();
    expect(await kvs.get('api:public')).toBe('visible');
  });

  it('batch sets, gets and deletes, reporting each failed key', async () => {
    const { kvs } = forge;
    const setResult = await kvs.batchSet<unknown>([
      { key: 'b1', value: 'one' },
      { key: 'b2', value: { two: 2 } },
      { key: 't1', value: { project: 'P', status: 'open', priority: 1 }, entityName: 'task' },
      { key: 't2', value: { project: 'P', priority: 'high' }, entityName: 'task' },
      { key: 'x1', value: 1, entityName: 'no-such-entity' },
      { key: 'bad/key', value: 1 },
    ]);
    expect(setResult.successfulKeys).toEqual([{ key: 'b1' }, { key: 'b2' }, { key: 't1', entityName: 'task' }]);
    expect(setResult.failedKeys.map((failure) => [failure.key, failure.entityName, failure.error.code])).toEqual([
      ['t2', 'task', 'INVALID_ENTITY_VALUE'],
      ['x1', 'no-such-entity', 'INVALID_ENTITY_TYPE'],
      ['bad/key', undefined, 'INVALID_KEY'],
    ]);
    const getResult = await kvs.batchGet([
      { key: 'b1' },
      { key: 't1', entityName: 'task' },
      { key: 'missing' },
      { key: 't2', entityName: 'task' },
    ]);
    expect(getResult.successfulKeys).toEqual([
      { key: 'b1', value: 'one' },
      { key: 't1', entityName: 'task', value: { project: 'P', status: 'open', priority: 1 } },
    ]);
    expect(getResult.failedKeys).toEqual([
      { key: 'missing', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } },
      { key: 't2', entityName: 'task', error: { code: 'KEY_NOT_FOUND', message: 'Key does not exist' } },
    ]);
    const deleteResult = await kvs.batchDelete([{ key: 'b1' }, { key: 'missing' }, { key: 't1', entityName: 'task' }]);
    expect(deleteResult.successfulKeys).toEqual([{ key: 'b1' }, { key: 't1', entityName: 'task' }]);
    expect(deleteResult.failedKeys.map((failure) => failure.error.code)).toEqual(['KEY_NOT_FOUND']);
    expect(await kvs.get('b1')).toBeUndefined();
    expect(await kvs.get('b2')).toEqual({ two: 2 });
    expect(await kvs.entity('task').get('t1')).toBeUndefined();
  });

  it('rejects whole batches that are empty, too large or repeat a key', async () => {
    const { kvs } = forge;
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    await expectApiError(kvs.batchSet(items), 'TOO_MANY_OPERATIONS', 400);
    await expectApiError(kvs.batchSet([]), 'EMPTY_REQUEST', 400);
    await expectApiError(kvs.batchGet([{ key: 'a' }, { key: 'a' }]), 'DUPLICATE_KEYS', 400);
    expect(await kvs.get('k0')).toBeUndefined();
    const ok = await kvs.batchSet(items.slice(0, 25));
    expect(ok.successfulKeys).toHaveLength(25);
  });
});

describe('limits, each rejected with the client error and nothing written', () => {
  it('rejects a key longer than 500 characters, and accepts exactly 500', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.set('k'.repeat(501), 1), 'KEY_TOO_LONG', 400);
    expect(raw('/api/v1/query', { limit: 100 }).json).toEqual({ data: [] });
    await kvs.set('k'.repeat(500), 1);
    expect(await kvs.get('k'.repeat(500))).toBe(1);
  });

  it('rejects empty keys, blank keys and characters outside the documented pattern', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.set('', 1), 'KEY_TOO_SHORT', 400);
    await expectApiError(kvs.set('   ', 1), 'INVALID_KEY', 400);
    await expectApiError(kvs.set('a/b', 1), 'INVALID_KEY', 400);
    await expectApiError(kvs.entity('task').set('', { project: 'P', status: 's', priority: 1 }), 'EMPTY_KEY', 400);
    await kvs.set('Az09:._ -#ok', 1);
    expect(await kvs.get('Az09:._ -#ok')).toBe(1);
  });

  it('rejects a value over 240 KiB (and a secret over 128 KiB)', async () => {
    const { kvs } = forge;
    const overhead = JSON.stringify('').length;
    await kvs.set('big', 'x'.repeat(240 * 1024 - overhead));
    await expectApiError(kvs.set('too-big', 'x'.repeat(240 * 1024 - overhead + 1)), 'MAX_SIZE', 400);
    expect(await kvs.get('too-big')).toBeUndefined();
    await expectApiError(kvs.setSecret('secret-big', 'x'.repeat(128 * 1024)), 'MAX_SIZE', 400);
    expect(await kvs.getSecret('secret-big')).toBeUndefined();
  });

  it('rejects values nested deeper than 31 levels', async () => {
    const { kvs } = forge;
    const nest = (depth: number): unknown => (depth === 0 ? 'leaf' : { d: nest(depth - 1) });
    await kvs.set('deep-ok', nest(31));
    await expectApiError(kvs.set('deep-bad', nest(32)), 'MAX_DEPTH', 400);
    expect(await kvs.get('deep-bad')).toBeUndefined();
  });

  it('rejects a transaction of 26 operations and writes none of them', async () => {
    const { kvs } = forge;
    let transaction = kvs.transact();
    for (let i = 0; i < 26; i += 1) transaction = transaction.set(`tx-${i}`, i);
    await expectApiError(transaction.execute(), 'TOO_MANY_OPERATIONS', 400);
    expect(raw('/api/v1/query', { limit: 100 }).json).toEqual({ data: [] });
  });

  it('rejects a query page over 100 for keys and entities', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.query().limit(101).getMany(), 'LIST_QUERY_LIMIT_EXCEEDED', 400);
    await expectApiError(
      kvs.entity<Task>('task').query().index('priority').limit(101).getMany(),
      'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      400,
    );
    await expect(kvs.query().limit(100).getMany()).resolves.toEqual({ results: [] });
  });

  it('rejects TTLs over a year', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.set('ttl', 1, { ttl: { value: 366, unit: 'DAYS' } }), 'INVALID_TTL', 400);
    expect(await kvs.get('ttl')).toBeUndefined();
  });
});

describe('Custom Entity Store', () => {
  async function seedTasks(): Promise<void> {
    const { kvs } = forge;
    const tasks = kvs.entity<Task>('task');
    const statuses = ['blocked', 'done', 'open', 'open-review'];
    for (let i = 1; i <= 12; i += 1) {
      await tasks.set(`a-${String(i).padStart(2, '0')}`, {
        project: 'A',
        status: statuses[i % 4] ?? 'open',
        priority: i,
        score: i / 2,
        done: i % 4 === 1,
        title: i % 3 === 0 ? `Fix ${i}` : `Build ${i}`,
        tags: i % 2 === 0 ? ['even', 'x'] : ['odd'],
      });
    }
    await tasks.set('b-01', { project: 'B', status: 'open', priority: 5 });
  }

  it('sets, gets and deletes entities, validating attributes', async () => {
    const { kvs } = forge;
    const tasks = kvs.entity<Task>('task');
    await tasks.set('t-1', { project: 'A', status: 'open', priority: 3, done: false });
    expect(await tasks.get('t-1')).toEqual({ project: 'A', status: 'open', priority: 3, done: false });
    expect(await kvs.get('t-1')).toBeUndefined();
    await expectApiError(tasks.set('t-2', { project: 'A', status: 'open', priority: 1.5 }), 'INVALID_ENTITY_VALUE', 400);
    await expectApiError(tasks.set('t-2', { project: 'A', status: 'open', priority: 2 ** 31 }), 'INVALID_ENTITY_VALUE', 400);
    await expectApiError(
      tasks.set('t-2', { project: 'A', status: 'open', priority: 1, owner: 'x' } as Task),
      'INVALID_ENTITY_VALUE',
      400,
    );
    expect(await tasks.get('t-2')).toBeUndefined();
    await tasks.delete('t-1');
    expect(await tasks.get('t-1')).toBeUndefined();
    await expect(tasks.delete('t-1')).resolves.toBeUndefined();
  });

  it('rejects unknown entities and unknown indexes with clear errors', async () => {
    const { kvs } = forge;
    await expectApiError(kvs.entity('ghost').set('k', { a: 1 }), 'INVALID_ENTITY_TYPE', 400);
    await expectApiError(kvs.entity('ghost').get('k'), 'INVALID_ENTITY_TYPE', 400);
    const unknownIndex = raw('/api/v1/entity/query', { entityName: 'task', indexName: 'by-nothing' });
    expect(unknownIndex.status).toBe(400);
    expect(unknownIndex.json).toMatchObject({ code: 'INVALID_ENTITY_INDEX' });
    expect(JSON.stringify(unknownIndex.json)).toContain('by-project-priority');
    await expectApiError(
      kvs.entity<Task>('task').query().index('by-project-priority').getMany(),
      'INVALID_ENTITY_INDEX',
      400,
    );
  });

  it('queries an index by partition and range conditions', async () => {
    await seedTasks();
    const { kvs, WhereConditions } = forge;
    const byProject = () => kvs.entity<Task>('task').query().index('by-project-priority', { partition: ['A'] });
    const keys = async (builder: ReturnType<typeof byProject>): Promise<string[]> =>
      (await builder.limit(100).getMany()).results.map((result) => result.key);
    expect(await keys(byProject().where(WhereConditions.between(3, 5)))).toEqual(['a-03', 'a-04', 'a-05']);
    expect(await keys(byProject().where(WhereConditions.greaterThan(10)))).toEqual(['a-11', 'a-12']);
    expect(await keys(byProject().where(WhereConditions.greaterThanEqualTo(12)))).toEqual(['a-12']);
    expect(await keys(byProject().where(WhereConditions.lessThan(2)))).toEqual(['a-01']);
    expect(await keys(byProject().where(WhereConditions.lessThanEqualTo(2)))).toEqual(['a-01', 'a-02']);
    expect(await keys(byProject().where(WhereConditions.equalTo(5)))).toEqual(['a-05']);
    const b = await kvs.entity<Task>('task').query().index('by-project-priority', { partition: ['B'] }).getMany();
    expect(b.results).toEqual([{ key: 'b-01', value: { project: 'B', status: 'open', priority: 5 } }]);
    const openish = await kvs
      .entity<Task>('task')
      .query()
      .index('by-project-status', { partition: ['A'] })
      .where(WhereConditions.beginsWith('open'))
      .limit(100)
      .getMany();
    expect(openish.results.map((result) => result.value.status)).toEqual([
      'open',
      'open',
      'open',
      'open-review',
      'open-review',
      'open-review',
    ]);
    const shorthand = await kvs.entity<Task>('task').query().index('priority').where(WhereConditions.equalTo(5)).getMany();
    expect(shorthand.results.map((result) => result.key).sort()).toEqual(['a-05', 'b-01']);
    const byKey = await kvs.entity<Task>('task').query().index('by-key').where(WhereConditions.beginsWith('a-1')).getMany();
    expect(byKey.results.map((result) => result.key)).toEqual(['a-10', 'a-11', 'a-12']);
  });

  it('filters with and / or on other attributes', async () => {
    await seedTasks();
    const { kvs, Filter, FilterConditions } = forge;
    const query = () => kvs.entity<Task>('task').query().index('by-project-priority', { partition: ['A'] }).limit(100);
    const keys = async (builder: ReturnType<typeof query>): Promise<string[]> =>
      (await builder.getMany()).results.map((result) => result.key);
    const andFilter = new Filter<Task>()
      .and('status', FilterConditions.equalTo('open'))
      .and('score', FilterConditions.greaterThan(2));
    expect(await keys(query().filters(andFilter))).toEqual(['a-06', 'a-10']);
    const orFilter = new Filter<Task>()
      .or('title', FilterConditions.beginsWith('Fix'))
      .or('done', FilterConditions.equalTo(true));
    expect(await keys(query().filters(orFilter))).toEqual(['a-01', 'a-03', 'a-05', 'a-06', 'a-09', 'a-12']);
    const contains = new Filter<Task>().and('tags', FilterConditions.contains('even')).and('title', FilterConditions.contains('ild 1'));
    expect(await keys(query().filters(contains))).toEqual(['a-10']);
    const notEqual = new Filter<Task>().and('status', FilterConditions.notEqualTo('open')).and('priority', FilterConditions.between(1, 4));
    expect(await keys(query().filters(notEqual))).toEqual(['a-01', 'a-03', 'a-04']);
    const existence = new Filter<Task>().and('score', FilterConditions.notExists());
    expect(await keys(kvs.entity<Task>('task').query().index('priority').limit(100).filters(existence))).toEqual(['b-01']);
    const both = { entityName: 'task', indexName: 'priority', filters: { and: [], or: [] } };
    expect(raw('/api/v1/entity/query', both).json).toMatchObject({ code: 'INVALID_FILTER_OPERATORS_COMBINATION' });
    const empty = { entityName: 'task', indexName: 'priority', filters: { and: [] } };
    expect(raw('/api/v1/entity/query', empty).json).toMatchObject({ code: 'EMPTY_FILTER_OPERATOR' });
  });

  it('sorts both ways and follows the cursor to the end with a limit', async () => {
    await seedTasks();
    const { kvs, Sort } = forge;
    const collect = async (sort: SortOrder): Promise<{ keys: string[]; pages: number }> => {
      const keys: string[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        let query = kvs.entity<Task>('task').query().index('by-project-priority', { partition: ['A'] }).sort(sort).limit(5);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        pages += 1;
        keys.push(...page.results.map((result) => result.key));
        cursor = page.nextCursor;
      } while (cursor);
      return { keys, pages };
    };
    const ascending = await collect(Sort.ASC);
    expect(ascending).toEqual({ keys: Array.from({ length: 12 }, (_, i) => `a-${String(i + 1).padStart(2, '0')}`), pages: 3 });
    const descending = await collect(Sort.DESC);
    expect(descending.keys).toEqual([...ascending.keys].reverse());
    const top = await kvs.entity<Task>('task').query().index('by-project-priority', { partition: ['A'] }).sort(Sort.DESC).getOne();
    expect(top?.key).toBe('a-12');
  });

  it('answers a partition + range query over 100,000 entities exactly', async () => {
    const db = new Database(':memory:');
    engine = new KvsEngine(db, ENTITIES, { now: () => clock });
    db.transaction(() => {
      for (let batch = 0; batch < 4000; batch += 1) {
        const items = Array.from({ length: 25 }, (_, i) => {
          const n = batch * 25 + i;
          return { key: `e-${n}`, entityName: 'task', value: { project: `P${n % 100}`, status: 'open', priority: n } };
        });
        const response = engine.handle('/api/v1/batch/set', JSON.stringify(items));
        if (response.status !== 200 || JSON.parse(response.body).failedKeys.length > 0) throw new Error(response.body);
      }
    })();
    const { kvs, WhereConditions } = forge;
    let keys: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const page = await kvs
        .entity<Task>('task')
        .query()
        .index('by-project-priority', { partition: ['P42'] })
        .where(WhereConditions.between(50_000, 51_000))
        .limit(100)
        .getMany();
      keys = page.results.map((result) => result.key);
    }
    // Speed is bench's business (docs/architecture.md); here, the same exact answer from a large store, twice.
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => `e-${50_042 + i * 100}`));
  }, 60_000);
});

describe('transactions', () => {
  it('commits sets, deletes and checks together', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    await kvs.set('to-delete', 1);
    await kvs.entity('counter').set('c1', { count: 1, owner: 'ann' });
    await kvs
      .transact()
      .set('plain', 'v')
      .delete('to-delete')
      .set('c2', { count: 0 }, { entityName: 'counter' })
      .check('c1', { entityName: 'counter', conditions: new Filter<{ count: number }>().and('count', FilterConditions.equalTo(1)) })
      .execute();
    expect(await kvs.get('plain')).toBe('v');
    expect(await kvs.get('to-delete')).toBeUndefined();
    expect(await kvs.entity('counter').get('c2')).toEqual({ count: 0 });
  });

  it('writes nothing when a condition fails, and says which operation failed', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    await kvs.entity('counter').set('c1', { count: 1, owner: 'ann' });
    const stale = new Filter<{ count: number }>().and('count', FilterConditions.equalTo(0));
    const transaction = kvs
      .transact()
      .set('plain', 'v')
      .set('c1', { count: 2, owner: 'ann' }, { entityName: 'counter', conditions: stale })
      .delete('c9', { entityName: 'counter' });
    const error: unknown = await transaction.execute().then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(forge.ForgeKvsAPIError);
    expect(error).toMatchObject({
      code: 'CONDITIONAL_CHECK_FAILED',
      responseDetails: { status: 409, httpPath: '/api/v1/transaction' },
      context: { failedOperation: { type: 'set', key: 'c1', entityName: 'counter' } },
    });
    expect(await kvs.get('plain')).toBeUndefined();
    expect(await kvs.entity('counter').get('c1')).toEqual({ count: 1, owner: 'ann' });
  });

  it('supports create-only writes with notExists and optimistic updates', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    const createOnly = () => new Filter<{ count: number }>().and('count', FilterConditions.notExists());
    await kvs.transact().set('c1', { count: 1 }, { entityName: 'counter', conditions: createOnly() }).execute();
    await expectApiError(
      kvs.transact().set('c1', { count: 5 }, { entityName: 'counter', conditions: createOnly() }).execute(),
      'CONDITIONAL_CHECK_FAILED',
      409,
    );
    const atOne = new Filter<{ count: number }>().and('count', FilterConditions.equalTo(1));
    await kvs.transact().set('c1', { count: 2 }, { entityName: 'counter', conditions: atOne }).execute();
    expect(await kvs.entity('counter').get('c1')).toEqual({ count: 2 });
  });

  it('rejects repeated keys and conditions on plain keys before writing', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    await expectApiError(kvs.transact().set('dup', 1).delete('dup').execute(), 'DUPLICATE_KEYS', 400);
    const condition = new Filter<{ a: number }>().and('a', FilterConditions.exists());
    await expectApiError(
      kvs.transact().set('x', 1).set('y', { a: 1 }, undefined).delete('z', { entityName: 'ghost', conditions: condition }).execute(),
      'INVALID_ENTITY_TYPE',
      400,
    );
    expect(await kvs.get('x')).toBeUndefined();
    expect(raw('/api/v1/transaction', { set: [{ key: 'k', value: 1, conditions: { and: [] } }] }).json).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

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
      await kvs.entity<Task>('task').set('p-2', { project: 'A', status: 'open', priority: 8 }, { ttl: { value: 1, unit: 'MINUTES' } });
      first.close();
      clock += 120_000;

      const second = new Database(file);
      const changed: EntityDefinition[] = ENTITIES.map((entity) =>
        entity.name === 'task' ? { ...entity, indexes: [...entity.indexes, { name: 'by-status', range: ['status'] }] } : entity,
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
      const byStatus = await kvs.entity<Task>('task').query().index('by-status').where(WhereConditions.equalTo('open')).getMany();
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

afterAll(() => {
  Reflect.deleteProperty(globalThis, '__forge_fetch__');
  Reflect.deleteProperty(globalThis, '__forge_runtime__');
});
