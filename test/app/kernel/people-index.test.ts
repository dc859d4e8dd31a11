import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../support/memory-store';
import { readPeopleIndex, readPeopleIndexWith, withPeople } from '../../../src/app/kernel/people-index';
import { KEY } from '../../../src/app/kernel/storage-keys';
import { shardOf, shardPeople } from '../../../src/domain/directory/people-shards';

/** The people index read by account (issue 14): the head and the shards of the people named, nothing else. */
const departments = [
  { id: 'rnd', nameZh: '研发部', nameEn: 'R&D' },
  { id: 'cs', nameZh: '客服部', nameEn: 'Customer Service' },
];
const members = [
  ['acc-1', 'acc-2', 'acc-3'],
  ['acc-4', 'acc-5'],
];

async function storeWith(truncated: boolean) {
  const store = memoryStore(() => 0);
  const routing = [
    { responseHours: 24, contacts: ['acc-1'] },
    { responseHours: 48, contacts: ['acc-4'] },
  ];
  const shards = shardPeople({ departments, members });
  await store.transact([
    {
      kind: 'set',
      key: KEY.peopleIndex,
      value: {
        v: 1,
        builtAt: 1,
        directoryVersion: 1,
        departments,
        members: truncated ? [[], []] : members,
        routing,
        ...(truncated ? { truncated: true } : {}),
      },
    },
    {
      kind: 'set',
      key: KEY.peopleIndexHead,
      value: { v: 2, builtAt: 1, directoryVersion: 1, departments, routing, counts: [3, 2], filled: [] },
    },
    ...shards.flatMap((byAccount, n) =>
      Object.keys(byAccount).length
        ? [{ kind: 'set' as const, key: KEY.peopleShard(n), value: { v: 2, directoryVersion: 1, byAccount } }]
        : [],
    ),
  ]);
  return store;
}

describe('the people index by account', () => {
  it('answers the departments of the people asked, and no one else', async () => {
    const store = await storeWith(false);
    const index = await readPeopleIndex({ store }, ['acc-2', 'acc-5', 'nobody']);
    expect(index.byAccount).toEqual({ 'acc-2': 'rnd', 'acc-5': 'cs' });
    expect(index.departments.map((d) => d.id)).toEqual(['rnd', 'cs']);
    expect(index.routing.cs).toEqual({ responseHours: 48, contacts: ['acc-4'] });
  });

  it('puts every person in the shard their account hashes to', () => {
    const shards = shardPeople({ departments, members });
    for (const [n, shard] of shards.entries()) for (const a of Object.keys(shard)) expect(shardOf(a)).toBe(n);
    expect(shards.reduce((k, s) => k + Object.keys(s).length, 0)).toBe(5);
  });

  it('reads the whole index from one record for a reader that names nobody, while it fits', async () => {
    const { people } = await readPeopleIndexWith({ store: await storeWith(false) }, []);
    expect(people.byAccount['acc-3']).toBe('rnd');
    expect(people.partial).toBeUndefined();
  });

  it('says when that record was too large to hold its people, and withPeople looks them up in the shards', async () => {
    const store = await storeWith(true);
    const { people } = await readPeopleIndexWith({ store }, []);
    expect(people.partial).toBe(true);
    expect(people.byAccount).toEqual({});
    const filled = await withPeople({ store }, people, ['acc-1', null, 'acc-4']);
    expect(filled.byAccount).toEqual({ 'acc-1': 'rnd', 'acc-4': 'cs' });
    expect(filled.routing.rnd?.responseHours).toBe(24);
  });
});
