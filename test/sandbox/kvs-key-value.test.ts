import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KvsEngine } from '../../sandbox/kvs/engine';
import {
  expectApiError,
  loadForgeKvs,
  newMemoryEngine,
  raw,
  START_CLOCK,
  unloadForgeKvs,
  type ForgeKvs,
  type Task,
} from './kvs-harness';

let forge: ForgeKvs;
let engine: KvsEngine;
let clock = START_CLOCK;
const fetchTargets: unknown[] = [];

beforeAll(async () => {
  forge = await loadForgeKvs(() => engine, fetchTargets);
});

beforeEach(() => {
  clock = START_CLOCK;
  engine = newMemoryEngine(() => clock);
});

afterAll(unloadForgeKvs);

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
