import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_DEPARTMENTS, SEED_USERS } from '../../sandbox/seed/jira-seed';
import { readPeopleIndex } from '../../src/app/kernel/people-index';
import { ENTITY, KEY } from '../../src/app/kernel/storage-keys';
import { productionDeps } from '../../src/entry/deps';
import { counted, invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * The department directory through the admin page's real resolver, SDKs and the sandbox: the seed made the
 * directory the way an admin would; admins change it; everyone else reads it; the people index follows.
 */
const ADMIN_PAGE = 'collab-admin-page';
const linTao = SEED_USERS.linTao.accountId; // site admin
const gaoYuan = SEED_USERS.gaoYuan.accountId; // project lead, not a Jira admin
const U = SEED_USERS;

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const call = (fn: string, payload: unknown = {}, accountId = linTao, locale = 'en_US') =>
  invoke(p, { moduleKey: ADMIN_PAGE, accountId, locale }, fn, payload);

async function ok(fn: string, payload: unknown = {}, accountId = linTao) {
  const { env, record } = await call(fn, payload, accountId);
  if (!env.ok) throw new Error(`${fn}: ${env.error.code} ${env.error.message}`);
  return { data: env.data, record };
}

/** What storage holds, read straight from the KVS engine (no invocation, nothing counted). */
function stored() {
  const directory = p.kvs.handle(
    '/api/v1/entity/get',
    JSON.stringify({ entityName: ENTITY.departmentDirectory, key: KEY.departmentDirectory }),
  );
  const index = p.kvs.handle('/api/v1/get', JSON.stringify({ key: KEY.peopleIndex }));
  return { directory: directory.body, index: index.body };
}

const department = (over: Record<string, unknown> = {}) => ({
  id: 'finance',
  nameZh: '财务部',
  nameEn: 'Finance',
  headAccountId: U.maChao.accountId,
  interfaceAccountId: U.luoBin.accountId,
  memberAccountIds: [U.kevinXu.accountId],
  jiraGroup: null,
  responseHours: 48,
  ...over,
});

describe('the seeded directory', () => {
  it('was created through the admin page resolver as the site admin, one department at a time', () => {
    const creates = p.host.invocations.filter((i) => i.moduleKey === ADMIN_PAGE && i.detail === 'createDepartment');
    expect(creates.map((c) => [c.accountId, c.ok])).toEqual(SEED_DEPARTMENTS.map(() => [linTao, true]));
  });

  it('lists the six departments with their heads, interface persons and groups, for anyone to read', async () => {
    const { data, record } = await ok('listDepartments', {}, gaoYuan);
    expect(
      data.departments.map((d: any) => [d.id, d.nameZh, d.jiraGroup, d.headAccountId, d.interfaceAccountId]),
    ).toEqual(SEED_DEPARTMENTS.map((d) => [d.id, d.nameZh, d.group, d.headAccountId, d.interfaceAccountId]));
    expect(data.viewer).toEqual({ accountId: gaoYuan, canEdit: false });
    const names = new Map(data.people.map((x: any) => [x.accountId, x.displayName]));
    expect(names.get(U.wangLei.accountId)).toBe('王磊 Wang Lei');
    // Two reads (directory, index); the viewer's admin right and the names of 12 people: two Jira calls.
    expect(record.kvsOps).toBe(2);
    expect(record.jiraCalls).toBe(2);
  });

  it('tells a Jira admin they may edit (global ADMINISTER through the site-admins group)', async () => {
    const perms = await jiraAs(p, linTao, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER');
    expect(perms.body.permissions.ADMINISTER.havePermission).toBe(true);
    expect(
      (await jiraAs(p, gaoYuan, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER')).body.permissions.ADMINISTER
        .havePermission,
    ).toBe(false);
    expect((await ok('listDepartments')).data.viewer.canEdit).toBe(true);
  });
});

describe('the people index', () => {
  it('resolves heads, interface persons and Jira group members with ONE KVS read', async () => {
    const { result, record } = await counted(() => readPeopleIndex(productionDeps()));
    expect(record.kvsOps).toBe(1);
    expect(record.jiraCalls).toBe(0);
    expect(result.departments.map((d) => d.id)).toEqual(SEED_DEPARTMENTS.map((d) => d.id));
    expect(result.byAccount[U.wangLei.accountId]).toBe('tech'); // head
    expect(result.byAccount[U.yangFan.accountId]).toBe('cs'); // interface person
    expect(result.byAccount[U.luoBin.accountId]).toBe('rnd'); // only in the Jira group dept-rnd
    expect(result.byAccount[U.gaoYuan.accountId]).toBe('product'); // only in dept-product
    expect(result.byAccount[U.maChao.accountId]).toBeUndefined(); // PMO: no department
  });

  it('follows a Jira group when an admin refreshes it from Jira', async () => {
    p.jira.admin.upsertGroup('dept-legal', [U.maChao.accountId]);
    const before = await counted(() => readPeopleIndex(productionDeps()));
    expect(before.result.byAccount[U.maChao.accountId]).toBeUndefined();
    const { data, record } = await ok('rebuildPeopleIndex');
    expect(data.index.byDepartment.legal).toBe(3);
    // Admin check, then one directory read, six groups as the app, one transaction (directory + index).
    expect(record.kvsOps).toBe(2);
    expect(record.jiraCalls).toBe(1 + SEED_DEPARTMENTS.length);
    const after = await counted(() => readPeopleIndex(productionDeps()));
    expect(after.result.byAccount[U.maChao.accountId]).toBe('legal');
    p.jira.admin.removeFromGroup('dept-legal', U.maChao.accountId);
    await ok('rebuildPeopleIndex');
    expect(
      (await counted(() => readPeopleIndex(productionDeps()))).result.byAccount[U.maChao.accountId],
    ).toBeUndefined();
  });

  it('gives a person named in one department and grouped in another the department that names them', async () => {
    // Luo Bin is only in dept-rnd; named interface person of a new department, he resolves there.
    const lab = department({
      id: 'ai-lab',
      headAccountId: U.liNa.accountId,
      interfaceAccountId: U.luoBin.accountId,
      memberAccountIds: [],
      jiraGroup: 'dept-rnd',
    });
    const { data } = await ok('createDepartment', lab);
    const { result } = await counted(() => readPeopleIndex(productionDeps()));
    expect(result.byAccount[U.luoBin.accountId]).toBe('ai-lab');
    expect(result.byAccount[U.zhaoMin.accountId]).toBe('rnd'); // named head of R&D beats member of ai-lab's group
    expect(result.byAccount[U.liNa.accountId]).toBe('tech'); // named in both: the department listed first
    await ok('deleteDepartment', { id: 'ai-lab', version: data.department.version });
    expect((await counted(() => readPeopleIndex(productionDeps()))).result.byAccount[U.luoBin.accountId]).toBe('rnd');
  });
});

describe('an admin changes the directory', () => {
  it('creates, updates and deletes a department; the list and the index follow', async () => {
    const created = await ok('createDepartment', department());
    expect(created.data.department).toMatchObject({ id: 'finance', version: 1, responseHours: 48, updatedBy: linTao });
    expect(created.data.people.map((x: any) => x.accountId).sort()).toEqual(
      [U.maChao.accountId, U.luoBin.accountId, U.kevinXu.accountId].sort(),
    );
    // KVS: read the directory, one transaction. Jira: admin check, the three people, six seeded groups.
    expect(created.record.kvsOps).toBe(2);
    expect(created.record.jiraCalls).toBe(2 + SEED_DEPARTMENTS.length);
    let index = (await counted(() => readPeopleIndex(productionDeps()))).result;
    expect(index.byAccount[U.kevinXu.accountId]).toBe('finance');
    expect(index.byAccount[U.maChao.accountId]).toBe('finance');

    const updated = await ok(
      'updateDepartment',
      department({ nameEn: 'Finance & Accounting', memberAccountIds: [], jiraGroup: 'pmo', version: 1 }),
    );
    expect(updated.data.department).toMatchObject({
      nameEn: 'Finance & Accounting',
      version: 2,
      jiraGroup: 'pmo',
      memberAccountIds: [],
    });
    index = (await counted(() => readPeopleIndex(productionDeps()))).result;
    expect(index.byAccount[U.kevinXu.accountId]).toBeUndefined();
    const listed = (await ok('listDepartments')).data.departments.find((d: any) => d.id === 'finance');
    expect(listed).toMatchObject({ nameEn: 'Finance & Accounting', version: 2 });

    const deleted = await ok('deleteDepartment', { id: 'finance', version: 2 });
    expect(deleted.data.id).toBe('finance');
    expect((await ok('listDepartments')).data.departments.map((d: any) => d.id)).toEqual(
      SEED_DEPARTMENTS.map((d) => d.id),
    );
    index = (await counted(() => readPeopleIndex(productionDeps()))).result;
    expect(index.byAccount[U.maChao.accountId]).toBeUndefined();
    expect(index.departments.map((d) => d.id)).not.toContain('finance');
  });

  it('refuses a department id that is taken with CONFLICT, and writes nothing', async () => {
    const before = stored();
    const { env } = await call('createDepartment', department({ id: 'tech' }));
    expect(env).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'A department with the id "tech" already exists.' },
    });
    expect(stored()).toEqual(before);
  });

  it('refuses an edit made on a stale version with CONFLICT: the first save wins', async () => {
    const tech = (await ok('listDepartments')).data.departments.find((d: any) => d.id === 'tech');
    const { updatedAt: _a, updatedBy: _b, ...fields } = tech;
    const first = await ok('updateDepartment', { ...fields, responseHours: 12 });
    expect(first.data.department.version).toBe(tech.version + 1);
    const before = stored();
    const { env } = await call('updateDepartment', { ...fields, responseHours: 36 });
    expect(env).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Someone else changed this department at the same time. Reload and try again.',
      },
    });
    expect(stored()).toEqual(before);
    const del = await call('deleteDepartment', { id: 'tech', version: tech.version });
    expect(del.env.ok === false && del.env.error.code).toBe('CONFLICT');
    expect(stored()).toEqual(before);
    await ok('updateDepartment', { ...fields, responseHours: 24, version: tech.version + 1 });
  });

  it('saves concurrent edits of different departments both, and of the same department only one', async () => {
    const list = (await ok('listDepartments')).data.departments as any[];
    const strip = ({ updatedAt: _a, updatedBy: _b, ...d }: any) => d;
    const cs = strip(list.find((d) => d.id === 'cs'));
    const mk = strip(list.find((d) => d.id === 'marketing'));
    const [a, b] = await Promise.all([
      call('updateDepartment', { ...cs, responseHours: 8 }),
      call('updateDepartment', { ...mk, responseHours: 72 }),
    ]);
    expect([a.env.ok, b.env.ok]).toEqual([true, true]);
    const after = (await ok('listDepartments')).data.departments as any[];
    expect(after.find((d) => d.id === 'cs').responseHours).toBe(8);
    expect(after.find((d) => d.id === 'marketing').responseHours).toBe(72);

    const cs2 = strip(after.find((d) => d.id === 'cs'));
    const both = await Promise.all([
      call('updateDepartment', { ...cs2, responseHours: 10 }),
      call('updateDepartment', { ...cs2, responseHours: 20 }),
    ]);
    const codes = both.map((r) => (r.env.ok ? 'ok' : r.env.error.code)).sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
    const winner = both.find((r) => r.env.ok)!.env as { ok: true; data: any };
    expect((await ok('listDepartments')).data.departments.find((d: any) => d.id === 'cs').responseHours).toBe(
      winner.data.department.responseHours,
    );
  });

  it('answers NOT_FOUND for a department that does not exist', async () => {
    const { env } = await call('updateDepartment', department({ id: 'ghost', version: 1 }));
    expect(env.ok === false && env.error.code).toBe('NOT_FOUND');
    expect(env.ok === false && env.error.message).toContain('"ghost"');
  });
});

describe('validation', () => {
  it.each([
    ['responseHours', { responseHours: 0 }, 'Field "responseHours" is invalid: must be at least 1'],
    ['responseHours', { responseHours: 721 }, 'Field "responseHours" is invalid: must be at most 720'],
    ['responseHours', { responseHours: 1.5 }, 'Field "responseHours" is invalid: must be a whole number'],
    ['responseHours', { responseHours: '24' }, 'Field "responseHours" is invalid: must be a number'],
    ['nameZh', { nameZh: '   ' }, 'Field "nameZh" is invalid: must not be empty'],
    ['nameEn', { nameEn: 'x'.repeat(61) }, 'Field "nameEn" is invalid: must have at most 60 characters'],
    [
      'id',
      { id: 'Finance' },
      'Field "id" is invalid: use 2-32 lower-case letters, digits or -, starting with a letter',
    ],
    ['headAccountId', { headAccountId: '' }, 'Field "headAccountId" is invalid: must not be empty'],
    [
      'memberAccountIds.1',
      { memberAccountIds: [U.luoBin.accountId, U.luoBin.accountId] },
      'Field "memberAccountIds.1" is invalid: this person is listed twice',
    ],
    [
      'jiraGroup',
      { jiraGroup: 'no-such-group' },
      'Field "jiraGroup" is invalid: Jira has no group named "no-such-group".',
    ],
    [
      'interfaceAccountId',
      { interfaceAccountId: '557058:nobody' },
      'Field "interfaceAccountId" is invalid: Jira has no user with the account id 557058:nobody.',
    ],
    [
      'memberAccountIds.1',
      { memberAccountIds: [U.luoBin.accountId, 'ghost-1'] },
      'Field "memberAccountIds.1" is invalid: Jira has no user with the account id ghost-1.',
    ],
  ])('names the field %s and writes nothing', async (field, over, message) => {
    const before = stored();
    const { env, record } = await call('createDepartment', department(over));
    expect(env).toEqual({ ok: false, error: { code: 'VALIDATION', message, field } });
    expect(stored()).toEqual(before);
    // Shape errors are caught before the use case: no storage or Jira call at all.
    if (!/Jira has no/.test(message)) expect([record.kvsOps, record.jiraCalls]).toEqual([0, 0]);
  });

  it('refuses fields the contract does not know', async () => {
    const { env } = await call('createDepartment', { ...department(), colour: 'red' });
    expect(env.ok === false && env.error).toMatchObject({
      code: 'VALIDATION',
      message: 'The request is invalid: unknown field(s) colour',
    });
  });

  it('speaks Chinese to a Chinese admin', async () => {
    const a = await call('createDepartment', department({ responseHours: 1000 }), linTao, 'zh_CN');
    expect(a.env).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '字段“responseHours”无效：不能大于 720', field: 'responseHours' },
    });
    const b = await call('createDepartment', department({ jiraGroup: '不存在' }), linTao, 'zh_CN');
    expect(b.env.ok === false && b.env.error.message).toBe('字段“jiraGroup”无效：Jira 中没有名为“不存在”的用户组。');
    const c = await call('createDepartment', department({ id: 'tech' }), linTao, 'zh_CN');
    expect(c.env.ok === false && c.env.error.message).toBe('ID 为“tech”的部门已存在。');
  });

  it('refuses a directory too large for one KVS value, and writes nothing', async () => {
    // 1,000 people listed by hand in each of five departments: more than Forge's 240 KiB per value.
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `557058:bulk-${String(i).padStart(4, '0')}-4b1e-9f3d-000000000000`,
    );
    for (const id of ids)
      p.jira.admin.upsertUser({
        accountId: id,
        displayName: `Bulk ${id.slice(12, 16)}`,
        email: `${id.slice(7, 16)}@example.com`,
        locale: 'en_US',
      });
    const made: string[] = [];
    let refused: any;
    for (let i = 0; i < 6 && !refused; i++) {
      const before = stored();
      const { env } = await call(
        'createDepartment',
        department({ id: `bulk-${i}`, memberAccountIds: ids, headAccountId: null, interfaceAccountId: null }),
      );
      if (env.ok) made.push(`bulk-${i}`);
      else {
        refused = env.error;
        expect(stored()).toEqual(before);
      }
    }
    expect(made.length).toBeGreaterThan(0);
    expect(refused?.code).toBe('VALIDATION');
    expect(refused?.message).toMatch(
      /^The department directory would be too large to store \(\d+ KB; at most 240 KB\)/,
    );
    const list = (await ok('listDepartments')).data.departments as any[];
    expect(list.filter((d) => d.id.startsWith('bulk-')).map((d) => d.id)).toEqual(made);
    for (const d of list.filter((x) => x.id.startsWith('bulk-')))
      await ok('deleteDepartment', { id: d.id, version: d.version });
    expect((await ok('listDepartments')).data.departments.map((d: any) => d.id)).toEqual(
      SEED_DEPARTMENTS.map((d) => d.id),
    );
  });
});

describe('someone who is not a Jira admin', () => {
  it.each([
    ['createDepartment', () => department()],
    ['updateDepartment', () => department({ id: 'tech', version: 1 })],
    ['deleteDepartment', () => ({ id: 'tech', version: 1 })],
    ['rebuildPeopleIndex', () => ({})],
  ])('gets FORBIDDEN from %s, and nothing is written or read', async (fn, payload) => {
    const before = stored();
    const { env, record } = await call(fn, payload(), gaoYuan);
    expect(env).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira administrators can change the department directory.' },
    });
    expect(stored()).toEqual(before);
    expect(record.kvsOps).toBe(0);
    expect(record.jiraCalls).toBe(1); // the permission check
  });

  it('may search users for the picker, as themselves', async () => {
    const { data, record } = await ok('searchUsers', { query: 'wang' }, gaoYuan);
    expect(data.users.map((u: any) => u.displayName)).toContain('王磊 Wang Lei');
    expect(record.jiraCalls).toBe(1);
    expect(record.kvsOps).toBe(0);
  });
});
