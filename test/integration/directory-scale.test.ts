import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_DEPARTMENTS, SEED_USERS } from '../../sandbox/seed/jira-seed';
import { readPeopleIndex } from '../../src/app/kernel/people-index';
import { KEY } from '../../src/app/kernel/storage-keys';
import { shardOf } from '../../src/domain/directory/people-shards';
import { productionDeps } from '../../src/entry/deps';
import { counted, invoke, startPlatform } from '../support/platform';

/**
 * A big directory through the admin page's resolver and the sandbox (issue 14): group members come in
 * parallel pages, the listing names only heads and interface persons, and the people index is cut by
 * account so that a reader looks up only the people it names.
 */
const ADMIN_PAGE = 'collab-admin-page';
const linTao = SEED_USERS.linTao.accountId;
const PEOPLE = 600;
const ids = Array.from({ length: PEOPLE }, (_, i) => `557058:big-${String(i).padStart(4, '0')}-4b1e-9f3d-00000000`);

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
  p.jira.admin.transaction(() => {
    for (const id of ids)
      p.jira.admin.upsertUser({ accountId: id, displayName: `Big ${id.slice(11, 15)}`, locale: 'en_US' });
  });
  p.jira.admin.upsertGroup('dept-big', ids.slice(0, 500));
});
afterAll(() => p?.close());

async function ok(fn: string, payload: unknown = {}) {
  const { env, record } = await invoke(p, { moduleKey: ADMIN_PAGE, accountId: linTao, locale: 'en_US' }, fn, payload);
  if (!env.ok) throw new Error(`${fn}: ${env.error.code} ${env.error.message}`);
  return { data: env.data, record };
}

describe('a directory of hundreds of people', () => {
  it('reads a 500-member group in pages of 50 and the index resolves all of them', async () => {
    const route = 'GET /rest/api/3/group/member';
    const before = p.jira.stats.byRoute[route] ?? 0;
    const { data } = await ok('createDepartment', {
      id: 'big',
      nameZh: '大部门',
      nameEn: 'Big',
      headAccountId: ids[0],
      interfaceAccountId: null,
      memberAccountIds: ids.slice(500),
      jiraGroup: 'dept-big',
      responseHours: 24,
    });
    expect(data.index.byDepartment.big).toBe(PEOPLE);
    // Ten pages of dept-big, one for each of the six seeded groups.
    expect((p.jira.stats.byRoute[route] ?? 0) - before).toBe(10 + SEED_DEPARTMENTS.length);
    const { result } = await counted(() => readPeopleIndex(productionDeps(), [ids[499]!, ids[599]!]));
    expect(result.byAccount[ids[499]!]).toBe('big');
    expect(result.byAccount[ids[599]!]).toBe('big');
  });

  it('looks up named people in ONE batch read of the head and their shards only', async () => {
    const asked = [ids[1]!, ids[2]!, SEED_USERS.wangLei.accountId, 'no-such-account'];
    const { result, record } = await counted(() => readPeopleIndex(productionDeps(), asked));
    expect(record.kvsOps).toBe(1);
    expect(Object.keys(result.byAccount).sort()).toEqual([ids[1]!, ids[2]!, SEED_USERS.wangLei.accountId].sort());
    expect(result.byAccount[SEED_USERS.wangLei.accountId]).toBe('tech');
    expect(result.departments.map((d) => d.id)).toEqual([...SEED_DEPARTMENTS.map((d) => d.id), 'big']);
    // Every shard holds only the people whose account hashes to it.
    const shard = p.kvs.handle('/api/v1/get', JSON.stringify({ key: KEY.peopleShard(shardOf(ids[1]!)) }));
    const held = Object.keys((JSON.parse(shard.body) as { value: { byAccount: object } }).value.byAccount);
    expect(held.every((a) => shardOf(a) === shardOf(ids[1]!))).toBe(true);
  });

  it('lists the directory with two Jira calls, and names the listed members when the form asks', async () => {
    const { data, record } = await ok('listDepartments');
    expect(record.jiraCalls).toBe(2);
    expect(record.kvsOps).toBe(2);
    expect(data.people.some((x: { accountId: string }) => x.accountId === ids[0])).toBe(true);
    expect(data.people.some((x: { accountId: string }) => x.accountId === ids[550])).toBe(false);
    const members = await ok('departmentPeople', { id: 'big' });
    expect(members.data.people.map((x: { accountId: string }) => x.accountId).sort()).toEqual(
      [ids[0]!, ...ids.slice(500)].sort(),
    );
    expect(members.record.jiraCalls).toBe(2); // 101 people, 90 a request
  });

  it('clears the shards of people who left, and the one-record index follows for readers that name nobody', async () => {
    const list = await ok('listDepartments');
    const big = list.data.departments.find((d: { id: string }) => d.id === 'big');
    await ok('deleteDepartment', { id: 'big', version: big.version });
    const { result } = await counted(() => readPeopleIndex(productionDeps(), [ids[1]!, ids[599]!]));
    expect(result.byAccount).toEqual({});
    const whole = await counted(() => readPeopleIndex(productionDeps()));
    expect(whole.result.byAccount[ids[1]!]).toBeUndefined();
    expect(whole.result.byAccount[SEED_USERS.wangLei.accountId]).toBe('tech');
  });
});
