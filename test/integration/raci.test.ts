import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS as U } from '../../sandbox/seed/jira-seed';
import { invoke, jiraAs, startPlatform } from '../support/platform';
import { ids, PANEL, raciHelpers, recordAppCalls } from '../support/raci';

/**
 * RACI editing and departments (issue 3): the real handlers and SDKs on the sandbox. The panel, setRaci and
 * what it writes to Jira, the people picker, and JQL over the fields written.
 */
let p: Platform;
const appCalls: Array<{ method: string; path: string; status: number }> = [];
const { panel, setRaci, fieldValues } = raciHelpers(() => p);

beforeAll(async () => {
  p = await startPlatform();
  recordAppCalls(p, appCalls);
});
afterAll(() => p?.close());

describe('the panel shows departments and department-level RACI', () => {
  it('names each person’s department from the people index (one KVS read more, no Jira call more)', async () => {
    // PAY-7 (errorcodes): R 周杰 (R&D), A 赵敏 (R&D), C 杨帆 (CS).
    const { raci, record } = await panel('PAY-7');
    expect(raci.departmentOf[U.zhouJie.accountId]).toBe('rnd');
    expect(raci.departmentOf[U.zhaoMin.accountId]).toBe('rnd');
    expect(raci.departmentRaci.accountable).toEqual([{ departmentId: 'rnd', viaPeople: true, explicit: false }]);
    expect(raci.directory.map((d: { id: string }) => d.id)).toContain('legal');
    expect(raci.version).toMatch(/^[0-9a-z]+$/);
    expect(record.jiraCalls).toBeLessThanOrEqual(2);
  });
});

describe('setRaci', () => {
  it('writes the four fields and explicit departments as the user, normalising duplicates, and the panel reads them back', async () => {
    const before = (await panel('PAY-7')).raci;
    const { env } = await setRaci('PAY-7', U.gaoYuan.accountId, {
      responsible: [U.zhouJie.accountId, U.luoBin.accountId, U.luoBin.accountId],
      accountable: [U.zhaoMin.accountId],
      consulted: [U.yangFan.accountId, U.heJun.accountId],
      informed: [U.heJun.accountId, U.gaoYuan.accountId],
      departments: { responsible: [], accountable: [], consulted: ['legal'], informed: ['product'] },
      expectedVersion: before.version,
    });
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(ids(env.data.responsible)).toEqual([U.zhouJie.accountId, U.luoBin.accountId]);
    expect(ids(env.data.informed)).toEqual([U.gaoYuan.accountId]); // He Jun stays Consulted only
    expect(env.data.departmentRaci.consulted).toEqual([
      { departmentId: 'cs', viaPeople: true, explicit: false },
      { departmentId: 'legal', viaPeople: true, explicit: true },
    ]);
    const after = (await panel('PAY-7')).raci;
    expect(after.version).toBe(env.data.version);
    expect(ids(after.consulted)).toEqual([U.yangFan.accountId, U.heJun.accountId]);
    const { fields, byName, properties } = await fieldValues('PAY-7');
    expect(fields[byName.Accountable!].accountId).toBe(U.zhaoMin.accountId);
    expect(properties['collab-raci-departments'].informed).toEqual(['product']);
    // Exactly one edit reached Jira, made as the user (the PUT is what Jira's permission check sees).
    expect(appCalls.filter((c) => c.method === 'PUT' && c.path.startsWith('/rest/api/3/issue/PAY-7'))).toHaveLength(1);
    // The edit is a Jira change like any other: the newly Consulted person hears once, through Jira's notify API.
    await p.settle();
    const notes = p.jira.listNotifications().filter((n) => n.issueKey === 'PAY-7');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.recipientAccountIds).toEqual([U.heJun.accountId]);
  });

  it('refuses two Accountables, naming them, and writes nothing (English and Chinese)', async () => {
    const before = (await panel('PAY-8')).raci;
    const payload = {
      responsible: [U.heJun.accountId],
      accountable: [U.zhengLi.accountId, U.gaoYuan.accountId],
      consulted: [],
      informed: [],
      expectedVersion: before.version,
    };
    const en = await setRaci('PAY-8', U.gaoYuan.accountId, payload);
    expect(en.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountable' } });
    expect(!en.env.ok && en.env.error.message).toBe(
      'An issue has exactly one Accountable, but 2 were given (郑丽 Zheng Li, 高原 Gao Yuan). Keep one and make the others Responsible or Consulted.',
    );
    const zh = await setRaci('PAY-8', U.gaoYuan.accountId, payload, 'zh_CN');
    expect(!zh.env.ok && zh.env.error.message).toContain('每个工作项只能有一位 Accountable');
    expect((await panel('PAY-8')).raci.version).toBe(before.version);
  });

  it('refuses unknown account ids, naming them, and writes nothing', async () => {
    const before = (await panel('PAY-8')).raci;
    const { env } = await setRaci('PAY-8', U.gaoYuan.accountId, {
      responsible: ['557058:ghost-1'],
      accountable: [U.zhengLi.accountId],
      consulted: ['557058:ghost-2'],
      informed: [],
      expectedVersion: before.version,
    });
    expect(env).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'Jira has no active user with the account id 557058:ghost-1, 557058:ghost-2. Pick people with the search box.',
      },
    });
    expect((await panel('PAY-8')).raci.version).toBe(before.version);
  });

  it('refuses unknown departments', async () => {
    const before = (await panel('PAY-8')).raci;
    const { env } = await setRaci('PAY-8', U.gaoYuan.accountId, {
      responsible: [],
      accountable: [],
      consulted: [],
      informed: [],
      departments: { responsible: ['no-such-dept'], accountable: [], consulted: [], informed: [] },
      expectedVersion: before.version,
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'departments' } });
  });

  it('refuses a user without edit permission on the issue: FORBIDDEN, nothing written', async () => {
    // Kevin browses AICS but may not edit its issues.
    const before = (await panel('AICS-7', U.kevinXu.accountId)).raci;
    const { env } = await setRaci('AICS-7', U.kevinXu.accountId, {
      responsible: [U.kevinXu.accountId],
      accountable: [U.kevinXu.accountId],
      consulted: [],
      informed: [],
      expectedVersion: before.version,
    });
    expect(env).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You do not have permission to edit this issue.' },
    });
    expect((await panel('AICS-7', U.kevinXu.accountId)).raci.version).toBe(before.version);
    // The lease was given back: someone who may edit can save at once.
    const ok = await setRaci('AICS-7', U.liuYang.accountId, {
      responsible: ids(before.responsible),
      accountable: before.accountable ? [before.accountable.accountId] : [],
      consulted: ids(before.consulted),
      informed: [U.maChao.accountId],
      expectedVersion: before.version,
    });
    expect(ok.env.ok).toBe(true);
  });

  it('two users editing at once: one wins, the other gets CONFLICT and nothing of theirs is written', async () => {
    const before = (await panel('PAY-9')).raci;
    const base = { responsible: ids(before.responsible), consulted: [], informed: [], expectedVersion: before.version };
    const [a, b] = await Promise.all([
      setRaci('PAY-9', U.gaoYuan.accountId, { ...base, accountable: [U.zhangWei.accountId] }),
      setRaci('PAY-9', U.zhangWei.accountId, { ...base, accountable: [U.wuFang.accountId] }),
    ]);
    const results = [a.env, b.env];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    expect(loser).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const winner = results.find((r) => r.ok)! as {
      ok: true;
      data: { accountable: { accountId: string }; version: string };
    };
    const now = (await panel('PAY-9')).raci;
    expect(now.accountable.accountId).toBe(winner.data.accountable.accountId);
    // The loser's stale version is refused afterwards too (the panel reloads and tries again).
    const late = await setRaci('PAY-9', U.zhangWei.accountId, { ...base, accountable: [U.wuFang.accountId] });
    expect(late.env).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!late.env.ok && late.env.error.message).toContain('Someone else changed the RACI of this issue');
  });

  it('an edit made in Jira itself also makes an older panel version stale', async () => {
    const before = (await panel('PAY-10')).raci;
    const { byName } = await fieldValues('PAY-10');
    await jiraAs(p, U.gaoYuan.accountId, 'PUT', '/rest/api/3/issue/PAY-10', {
      fields: { [byName.Informed!]: [{ accountId: U.maChao.accountId }] },
    });
    const { env } = await setRaci('PAY-10', U.gaoYuan.accountId, {
      responsible: [],
      accountable: [],
      consulted: [],
      informed: [],
      expectedVersion: before.version,
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('the panel’s people picker', () => {
  it('searches Jira’s users as the viewer, without the app’s own user', async () => {
    const { env, record } = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-7' },
      'searchRaciUsers',
      { query: '李' },
    );
    expect(env.ok && env.data.users.map((u: { displayName: string }) => u.displayName)).toEqual(['李娜 Li Na']);
    expect(record.jiraCalls).toBe(1);
    const none = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-7' },
      'searchRaciUsers',
      { query: 'Collaboration (app)' },
    );
    expect(none.env.ok && none.env.data.users).toEqual([]);
  });
});

describe('JQL on the RACI fields', () => {
  it('Accountable = currentUser() finds what setRaci wrote', async () => {
    const r = await jiraAs(p, U.zhaoMin.accountId, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PAY AND Accountable = currentUser() ORDER BY key',
      fields: ['summary'],
    });
    expect(r.status).toBe(200);
    expect(r.body.issues.map((i: { key: string }) => i.key)).toContain('PAY-7');
  });
});
