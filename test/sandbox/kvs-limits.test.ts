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

beforeAll(async () => {
  forge = await loadForgeKvs(() => engine);
});

beforeEach(() => {
  clock = START_CLOCK;
  engine = newMemoryEngine(() => clock);
});

afterAll(unloadForgeKvs);

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
