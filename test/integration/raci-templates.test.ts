import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS as U } from '../../sandbox/seed/jira-seed';
import { invoke, startPlatform } from '../support/platform';
import { ids, PAGE, PANEL } from '../support/raci';

/**
 * RACI scenario templates (on the panel and the project settings page) and the RACI matrix (issue 3), on their
 * own platform: the real handlers and SDKs on the sandbox.
 */
let p: Platform;

beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

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
    // 验收部门负责质量审核: the accepting department's interface person reviews; nobody is Consulted by it.
    expect(ids(preview.env.data.consulted)).toEqual([]);
    expect(ids(preview.env.data.reviewing)).toEqual([U.yangFan.accountId]);
    expect(preview.env.data.reviewingDepartments).toEqual(['cs']);
    expect(preview.env.data.departments.consulted).toEqual([]);
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

  it('saves a template with its own quality review rule beside an old-shape one (accepting as Consulted)', async () => {
    const current = await settings(U.gaoYuan.accountId, 'getRaciTemplateSettings');
    const version = current.env.ok ? current.env.data.version : -1;
    const rules = (acceptingRole: string) => [
      { party: 'requesting', role: 'accountable', pick: 'head' },
      { party: 'accepting', role: acceptingRole, pick: 'interface' },
    ];
    const saved = await settings(U.gaoYuan.accountId, 'saveRaciTemplates', {
      templates: [
        { id: 'qa-review', nameZh: '质量审核', nameEn: 'QA review', rules: rules('reviewing') },
        { id: 'old-shape', nameZh: '旧模板', nameEn: 'Old', rules: rules('consulted') },
      ],
      expectedVersion: version,
    });
    expect(saved.env).toMatchObject({ ok: true, data: { version: version + 1 } });
    const preview = (templateId: string) =>
      invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-12' }, 'previewRaciTemplate', {
        templateId,
        parties: { requesting: 'product', accepting: 'cs' },
      });
    const qa = await preview('qa-review');
    expect(qa.env.ok && [ids(qa.env.data.reviewing), ids(qa.env.data.consulted)]).toEqual([[U.yangFan.accountId], []]);
    const old = await preview('old-shape');
    expect(old.env.ok && [ids(old.env.data.reviewing), ids(old.env.data.consulted)]).toEqual([
      [],
      [U.yangFan.accountId],
    ]);
    const bad = await settings(U.gaoYuan.accountId, 'saveRaciTemplates', {
      templates: [{ id: 'bad', nameZh: '坏', nameEn: 'Bad', rules: rules('approving') }],
      expectedVersion: version + 1,
    });
    expect(bad.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'templates.0.rules.1.role' } });
  });
});
