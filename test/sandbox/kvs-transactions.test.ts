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
      .check('c1', {
        entityName: 'counter',
        conditions: new Filter<{ count: number }>().and('count', FilterConditions.equalTo(1)),
      })
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
      kvs
        .transact()
        .set('x', 1)
        .set('y', { a: 1 }, undefined)
        .delete('z', { entityName: 'ghost', conditions: condition })
        .execute(),
      'INVALID_ENTITY_TYPE',
      400,
    );
    expect(await kvs.get('x')).toBeUndefined();
    expect(raw('/api/v1/transaction', { set: [{ key: 'k', value: 1, conditions: { and: [] } }] }).json).toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});
