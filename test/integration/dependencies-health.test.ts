import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { ADMIN, DAY, dependencyHelpers, PAGE, PANEL, U } from '../support/dependencies';
import { invoke, startPlatform } from '../support/platform';

/**
 * Cross-department dependencies over time: health as the clock passes need-by, and days counted in the
 * providing department's calendar. Own platform; every test makes its own issues.
 */
let p: Platform;
const { inDays, newIssue, call, panelDeps } = dependencyHelpers(() => p);

beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

describe('health over time and the project page', () => {
  it('turns overdue once the clock passes need-by, and the project page shows the matrix, the list and the critical path', async () => {
    const a = newIssue('G', U.luoBin.accountId, U.zhaoMin.accountId, 30);
    const b = newIssue('H', U.gaoYuan.accountId, U.zhangWei.accountId, 40);
    const made = await call(b, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: a,
      direction: 'upstream',
      deliverable: '压测报告',
      needBy: inDays(2),
    });
    if (!made.ok) throw new Error(made.error.message);
    // The upstream is due after the need-by: at risk from the start.
    expect(made.data.dependency).toMatchObject({ health: 'atRisk', healthReason: 'upstreamDueAfterNeedBy' });
    await p.advance(5 * DAY);
    await p.settle();
    const dep = (await panelDeps(b, U.gaoYuan.accountId)).upstream[0];
    expect(dep).toMatchObject({ health: 'overdue', healthReason: 'needByPassed', late: true });

    const { env, record } = await invoke(
      p,
      { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
      'getDependencyOverview',
    );
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (!env.ok) return;
    expect(record.kvsOps).toBeLessThanOrEqual(2);
    expect(record.jiraCalls).toBe(0);
    const cell = env.data.matrix.find((c: any) => c.requesting === 'product' && c.providing === 'rnd');
    expect(cell.overdue).toBeGreaterThanOrEqual(1);
    expect(env.data.problems.find((x: any) => x.id === made.data.dependency.id)).toMatchObject({
      health: 'overdue',
      upstreamKey: a,
      downstreamKey: b,
    });
    expect(env.data.criticalPath.issueKeys.length).toBeGreaterThanOrEqual(2);
    expect(env.data.criticalPath.lengthDays).toBeGreaterThan(0);
  });
});

describe('days counted in the providing department’s calendar', () => {
  it('does not count a holiday as days late or as lead time, on the panel and the project page, at no extra cost', async () => {
    const dayNo = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
    const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
    const weekdaysAfter = (a: number, b: number) =>
      Array.from({ length: b - a }, (_, i) => a + 1 + i).filter((d) => ![0, 6].includes(new Date(d * DAY).getUTCDay()))
        .length;
    // R&D closes for a week (Monday to Friday) and works the Saturday after it, like 国庆 and its 调休 day.
    const today = dayNo(inDays(0));
    const monday = today + 7 + ((8 - new Date(today * DAY).getUTCDay()) % 7);
    const [friday, saturday, tuesdayAfter] = [monday - 3, monday + 5, monday + 8];
    const view = (await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, 'getCalendars')).env;
    if (!view.ok) throw new Error(view.error.message);
    const shutdown = {
      ...view.data.settings.calendars.find((c: { id: string }) => c.id === 'weekends'),
      id: 'rnd-shutdown',
      name: 'R&D with its shutdown week',
      timeZone: 'Asia/Shanghai',
      holidays: [0, 1, 2, 3, 4].map((i) => dateOf(monday + i)),
      makeUpDays: [dateOf(saturday)],
    };
    const settings = {
      ...view.data.settings,
      calendars: [...view.data.settings.calendars, shutdown],
      byDepartment: { ...view.data.settings.byDepartment, rnd: 'rnd-shutdown' },
    };
    const saved = await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, 'saveCalendars', {
      settings,
      version: view.data.version,
    });
    expect(saved.env.ok, JSON.stringify(saved.env)).toBe(true);

    // A project of its own, so its critical path is exactly these dependencies. Product waits on R&D twice:
    // by the Friday before the shutdown, and by the Tuesday after it.
    const lead = U.gaoYuan.accountId;
    p.jira.admin.createProject({
      key: 'CAL',
      name: 'Calendar check',
      leadAccountId: lead,
      grants: (['BROWSE_PROJECTS', 'LINK_ISSUES'] as const).map((permission) => ({
        permission,
        holder: { type: 'user', accountId: lead },
      })),
    });
    const issue = (summary: string, responsible: string) =>
      p.jira.admin.createIssue({
        projectKey: 'CAL',
        issueType: 'Task',
        summary,
        status: 'To Do',
        appFields: { 'raci-responsible': [responsible], 'raci-accountable': lead },
      }).key;
    const [spec, ui, api, app] = [
      issue('Spec', U.luoBin.accountId),
      issue('UI', lead),
      issue('API', U.luoBin.accountId),
      issue('App', lead),
    ];
    const before = await call(ui, lead, 'createDependency', {
      otherIssueKey: spec,
      direction: 'upstream',
      deliverable: '规格 Spec',
      needBy: dateOf(friday),
    });
    const across = await call(app, lead, 'createDependency', {
      otherIssueKey: api,
      direction: 'upstream',
      deliverable: '接口 API',
      needBy: dateOf(tuesdayAfter),
    });
    expect([before.ok, across.ok], JSON.stringify([before, across])).toEqual([true, true]);
    expect(across.ok && across.data.dependency.providingDept.id).toBe('rnd');

    // The lead time across the shutdown: the weekdays to the Tuesday after, less the five days off, plus the Saturday worked.
    const overview = async () => {
      const out = await invoke(p, { moduleKey: PAGE, accountId: lead, projectKey: 'CAL' }, 'getDependencyOverview');
      if (!out.env.ok) throw new Error(out.env.error.message);
      return { data: out.env.data, record: out.record };
    };
    const leadTime = weekdaysAfter(today, tuesdayAfter) - 5 + 1;
    expect((await overview()).data.criticalPath).toMatchObject({ lengthDays: leadTime, issueKeys: [api, app] });

    // On the Tuesday after the shutdown the Friday need-by is 3 working days late (Saturday, Monday, Tuesday), not 7.
    await p.advance(Date.parse(`${dateOf(tuesdayAfter)}T10:00:00+08:00`) - p.clock.now());
    await p.settle();
    const { env, record } = await invoke(p, { moduleKey: PANEL, accountId: lead, issueKey: ui }, 'getIssuePanel');
    if (!env.ok) throw new Error(env.error.message);
    expect(env.data.dependencies.upstream[0]).toMatchObject({
      health: 'overdue',
      healthReason: 'needByPassed',
      healthDays: 3,
      late: true,
    });
    expect(weekdaysAfter(friday, tuesdayAfter)).toBe(7);
    // What the panel always reads: the issue and the other side (Jira), dependencies, escalations, people with calendars.
    expect([record.kvsOps, record.jiraCalls]).toEqual([3, 2]);

    // The project page agrees, and the sweep that flagged both requests late on the way left the lead time as it was.
    const page = await overview();
    expect(page.data.problems.find((x: { downstreamKey: string }) => x.downstreamKey === ui)).toMatchObject({
      health: 'overdue',
      days: 3,
    });
    expect(page.data.criticalPath.lengthDays).toBe(leadTime);
    expect([page.record.kvsOps, page.record.jiraCalls]).toEqual([2, 0]);
  });
});
