import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS as U } from '../../sandbox/seed/jira-seed';
import { appRequestStore } from '../../sandbox/runtime/invocation-context';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * RACI editing, departments, templates and the matrix (issue 3): the real handlers and SDKs on the sandbox.
 */
const PANEL = 'collab-issue-panel';
const PAGE = 'collab-project-page';
let p: Platform;
const appCalls: Array<{ method: string; path: string; status: number }> = [];

beforeAll(async () => {
  p = await startPlatform();
  const original = p.jira.handle.bind(p.jira);
  p.jira.handle = async (req) => {
    const res = await original(req);
    if (appRequestStore.getStore()) appCalls.push({ method: req.method, path: req.path, status: res.status });
    return res;
  };
});
afterAll(() => p?.close());

async function panel(issueKey: string, accountId: string = U.gaoYuan.accountId, locale = 'en_US') {
  const { env, record } = await invoke(p, { moduleKey: PANEL, accountId, issueKey, locale }, 'getIssuePanel');
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return { raci: env.data.raci, record };
}

function setRaci(issueKey: string, accountId: string, payload: Record<string, unknown>, locale = 'en_US') {
  return invoke(p, { moduleKey: PANEL, accountId, issueKey, locale }, 'setRaci', payload);
}

const ids = (people: Array<{ accountId: string }>) => people.map((x) => x.accountId);
const fieldValues = async (issueKey: string) => {
  const fields = (await jiraAs(p, 'app', 'GET', '/rest/api/3/field')).body as Array<{ id: string; name: string }>;
  const byName = Object.fromEntries(fields.map((f) => [f.name, f.id]));
  const issue = (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${issueKey}?properties=collab-raci-departments`))
    .body;
  return { fields: issue.fields, byName, properties: issue.properties };
};

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
    expect(!zh.env.ok && zh.env.error.message).toContain('每个事务只能有一位 Accountable');
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

describe('scenario templates', () => {
  it('lists the seeded templates with departments, and previews one mapped to people through the directory', async () => {
    const list = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' },
      'getRaciTemplates',
    );
    expect(list.env.ok).toBe(true);
    if (!list.env.ok) return;
    expect(list.env.data.templates.map((t: { id: string }) => t.id)).toEqual([
      'requirement-delivery',
      'product-launch',
      'customer-complaint',
      'system-upgrade',
    ]);
    expect(list.env.data.departments.find((d: { id: string }) => d.id === 'rnd').head.accountId).toBe(
      U.zhaoMin.accountId,
    );
    const preview = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' },
      'previewRaciTemplate',
      {
        templateId: 'requirement-delivery',
        parties: { requesting: 'product', executing: 'rnd', accepting: 'cs' },
      },
    );
    expect(preview.env.ok).toBe(true);
    if (!preview.env.ok) return;
    expect(ids(preview.env.data.accountable)).toEqual([U.zhangWei.accountId]);
    expect(ids(preview.env.data.responsible)).toEqual([U.zhouJie.accountId]);
    expect(ids(preview.env.data.consulted)).toEqual([U.yangFan.accountId]);
    expect(preview.env.data.departments.accountable).toEqual(['product']);
    expect(preview.env.data.unfilled).toEqual([]);
  });

  it('refuses an unknown template', async () => {
    const { env } = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' },
      'previewRaciTemplate',
      { templateId: 'nope', parties: {} },
    );
    expect(env).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('the RACI matrix', () => {
  it('pages with exactly one Jira search per page and marks gaps', async () => {
    const first = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'AICS' },
      'getRaciMatrix',
      { pageSize: 10 },
    );
    expect(first.env.ok).toBe(true);
    if (!first.env.ok) return;
    expect(first.env.data.rows).toHaveLength(10);
    expect(first.env.data.nextPageToken).toBeTruthy();
    expect(first.record.kvsOps).toBe(1);
    expect(first.record.jiraCalls).toBeLessThanOrEqual(2); // the search, and /field once per warm instance
    const second = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'AICS' },
      'getRaciMatrix',
      { pageSize: 10, pageToken: first.env.data.nextPageToken },
    );
    expect(second.record.jiraCalls).toBe(1);
    const all = [...first.env.data.rows, ...(second.env.ok ? second.env.data.rows : [])];
    const standup = all.find((r: { issue: { summary: string } }) => r.issue.summary.startsWith('每日 10:00'));
    expect(standup.gaps).toEqual(['NO_ACCOUNTABLE', 'NO_RESPONSIBLE']);
  });

  it('filters by status category, status, version and epic', async () => {
    const done = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrix',
      { statusCategory: 'done', pageSize: 50 },
    );
    expect(
      done.env.ok &&
        done.env.data.rows.every((r: { issue: { statusCategory: string } }) => r.issue.statusCategory === 'done'),
    ).toBe(true);
    const filters = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrixFilters',
    );
    expect(filters.env.ok).toBe(true);
    if (!filters.env.ok) return;
    expect(filters.env.data.versions.length).toBeGreaterThan(0);
    expect(filters.env.data.epics).toEqual([{ key: 'PAY-1', summary: expect.stringContaining('App 支付流程优化') }]);
    expect(filters.env.data.coverage).toBeGreaterThan(0);
    const v = filters.env.data.versions[0];
    const byVersion = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrix',
      { versionId: v.id, pageSize: 50 },
    );
    expect(byVersion.env.ok && byVersion.env.data.rows.length).toBeGreaterThan(0);
    const byEpic = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrix',
      { epicKey: 'PAY-1', pageSize: 50 },
    );
    expect(byEpic.env.ok && byEpic.env.data.rows.length).toBeGreaterThan(5);
    // One status, out of the project's own list.
    const inProgress = filters.env.data.statuses.find((s: { category: string }) => s.category === 'indeterminate');
    expect(inProgress).toBeDefined();
    const byStatus = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrix',
      { statusId: inProgress.id, pageSize: 50 },
    );
    expect(byStatus.env.ok).toBe(true);
    if (!byStatus.env.ok) return;
    expect(byStatus.env.data.rows.length).toBeGreaterThan(0);
    expect(
      byStatus.env.data.rows.every((r: { issue: { statusName: string } }) => r.issue.statusName === inProgress.name),
    ).toBe(true);
    const refused = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getRaciMatrix',
      { statusId: 'In Progress' },
    );
    expect(refused.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'statusId' } });
  });
});

describe('scenario templates on the project settings page', () => {
  const SETTINGS = 'collab-project-settings';
  const settings = (accountId: string, fn: string, payload: unknown = {}, locale = 'en_US') =>
    invoke(p, { moduleKey: SETTINGS, accountId, projectKey: 'PAY', locale }, fn, payload);
  const template = (id: string, accountable = 1) => ({
    id,
    nameZh: '合规审核',
    nameEn: 'Compliance review',
    rules: [
      ...Array.from({ length: accountable }, () => ({ party: 'requesting', role: 'accountable', pick: 'head' })),
      { party: 'supporting', role: 'responsible', pick: 'interface' },
    ],
  });

  it('shows the defaults, editable by the project’s administrator only', async () => {
    const lead = await settings(U.gaoYuan.accountId, 'getRaciTemplateSettings');
    expect(lead.env).toMatchObject({ ok: true, data: { isDefault: true, version: 0, canEdit: true } });
    const other = await settings(U.zhangWei.accountId, 'getRaciTemplateSettings');
    expect(other.env).toMatchObject({ ok: true, data: { canEdit: false } });
    const refused = await settings(U.zhangWei.accountId, 'saveRaciTemplates', {
      templates: [template('compliance')],
      expectedVersion: 0,
    });
    expect(refused.env).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only administrators of this project can change its scenario templates.' },
    });
  });

  it('refuses a template without exactly one Accountable rule, naming it, in the user’s language', async () => {
    const en = await settings(U.gaoYuan.accountId, 'saveRaciTemplates', {
      templates: [template('ok'), template('two', 2)],
      expectedVersion: 0,
    });
    expect(en.env).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'templates.1.rules',
        message: 'Field "templates.1.rules" is invalid: must give the Accountable role by exactly one rule',
      },
    });
    const zh = await settings(
      U.gaoYuan.accountId,
      'saveRaciTemplates',
      { templates: [template('same'), template('same')], expectedVersion: 0 },
      'zh_CN',
    );
    expect(!zh.env.ok && zh.env.error.message).toBe('字段“templates.1.id”无效：另一个模板使用了相同的 ID');
  });

  it('saves the project’s own list, which the panel then offers; a stale or concurrent save gets CONFLICT', async () => {
    const saved = await settings(U.gaoYuan.accountId, 'saveRaciTemplates', {
      templates: [template('compliance')],
      expectedVersion: 0,
    });
    expect(saved.env).toMatchObject({ ok: true, data: { isDefault: false, version: 1 } });
    const panelList = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' },
      'getRaciTemplates',
    );
    expect(panelList.env.ok && panelList.env.data.templates.map((x: { id: string }) => x.id)).toEqual(['compliance']);
    // AICS keeps the defaults: templates are per project.
    const aics = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'AICS-3' },
      'getRaciTemplates',
    );
    expect(aics.env.ok && aics.env.data.templates).toHaveLength(4);

    const stale = await settings(U.gaoYuan.accountId, 'saveRaciTemplates', {
      templates: [template('stale')],
      expectedVersion: 0,
    });
    expect(stale.env).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const [a, b] = await Promise.all([
      settings(U.gaoYuan.accountId, 'saveRaciTemplates', { templates: [template('first')], expectedVersion: 1 }),
      settings(U.gaoYuan.accountId, 'saveRaciTemplates', { templates: [template('second')], expectedVersion: 1 }),
    ]);
    expect([a.env.ok, b.env.ok].filter(Boolean)).toHaveLength(1);
    expect([a.env, b.env].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});
