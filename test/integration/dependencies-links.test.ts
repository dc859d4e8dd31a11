import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { ADMIN, dependencyHelpers, PAGE, U } from '../support/dependencies';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * Cross-department dependencies: the Jira link both ways, and the upstream due date followed onto the
 * project page. Own platform; every test makes its own issues.
 */
let p: Platform;
const { inDays, newIssue, call, panelDeps, linksOf } = dependencyHelpers(() => p);

beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

describe('the link both ways', () => {
  it('a Jira link becomes a dependency; deleting it ends it; out-of-order and repeated events end the same', async () => {
    const a = newIssue('A', U.luoBin.accountId, U.zhaoMin.accountId, 6);
    const b = newIssue('B', U.gaoYuan.accountId, U.zhangWei.accountId, 9);
    expect(
      (
        await jiraAs(p, U.gaoYuan.accountId, 'POST', '/rest/api/3/issueLink', {
          type: { name: 'Blocks' },
          inwardIssue: { key: a },
          outwardIssue: { key: b },
        })
      ).status,
    ).toBe(201);
    const dep = (await panelDeps(b, U.gaoYuan.accountId)).upstream[0];
    expect(dep).toMatchObject({ status: 'requested', requestingDept: { id: 'product' }, providingDept: { id: 'rnd' } });
    const link = (await linksOf(b)).find((l) => l.inwardIssue?.key === a);
    const created = {
      eventType: 'avi:jira:created:issuelink',
      payload: { id: link.id, sourceIssueId: dep.otherIssueId, destinationIssueId: link.id, issueLinkType: link.type },
    };
    expect((await jiraAs(p, U.gaoYuan.accountId, 'DELETE', `/rest/api/3/issueLink/${link.id}`)).status).toBe(204);
    // The created event arrives again, late, after the delete: nothing comes back to life.
    p.host.deliver(created, false);
    p.host.deliver(created, false);
    await p.settle();
    const after = (await panelDeps(b, U.gaoYuan.accountId)).upstream;
    expect(after).toHaveLength(1);
    expect(after[0].status).toBe('cancelled');
  });

  it('cancelling in the panel removes the Jira link', async () => {
    const a = newIssue('C', U.luoBin.accountId, U.zhaoMin.accountId, 6);
    const b = newIssue('D', U.gaoYuan.accountId, U.zhangWei.accountId, 9);
    const made = await call(b, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: a,
      direction: 'upstream',
      deliverable: 'd',
      needBy: inDays(4),
    });
    if (!made.ok) throw new Error(made.error.message);
    expect((await linksOf(b)).some((l) => l.inwardIssue?.key === a)).toBe(true);
    const cancel = await call(b, U.gaoYuan.accountId, 'actOnDependency', {
      dependencyId: made.data.dependency.id,
      action: 'cancel',
      version: made.data.version,
    });
    expect(cancel.ok && cancel.data.dependency.status).toBe('cancelled');
    expect((await linksOf(b)).some((l) => l.inwardIssue?.key === a)).toBe(false);
  });

  it('follows the link type an admin chose', async () => {
    const lead = await invoke(p, { moduleKey: ADMIN, accountId: U.gaoYuan.accountId }, 'saveDependencySettings', {
      linkType: 'Relates',
    });
    expect(lead.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const unknown = await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, 'saveDependencySettings', {
      linkType: 'Nope',
    });
    expect(unknown.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'linkType' } });
    const saved = await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, 'saveDependencySettings', {
      linkType: 'Relates',
    });
    expect(saved.env.ok && saved.env.data.linkType).toBe('Relates');
    const a = newIssue('E', U.luoBin.accountId, U.zhaoMin.accountId, 6);
    const b = newIssue('F', U.gaoYuan.accountId, U.zhangWei.accountId, 9);
    await jiraAs(p, U.gaoYuan.accountId, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Blocks' },
      inwardIssue: { key: a },
      outwardIssue: { key: b },
    });
    expect((await panelDeps(b, U.gaoYuan.accountId)).upstream).toHaveLength(0);
    await jiraAs(p, U.gaoYuan.accountId, 'POST', '/rest/api/3/issueLink', {
      type: { name: 'Relates' },
      inwardIssue: { key: a },
      outwardIssue: { key: b },
    });
    expect((await panelDeps(b, U.gaoYuan.accountId)).upstream).toHaveLength(1);
    await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, 'saveDependencySettings', {
      linkType: 'Blocks',
    });
  });
});

describe('the upstream due date', () => {
  it('follows a due-date change in Jira onto the project page', async () => {
    const a = newIssue('I', U.luoBin.accountId, U.zhaoMin.accountId, 3);
    const b = newIssue('J', U.gaoYuan.accountId, U.zhangWei.accountId, 9);
    const made = await call(b, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: a,
      direction: 'upstream',
      deliverable: '设计稿',
      needBy: inDays(5),
    });
    if (!made.ok) throw new Error(made.error.message);
    const problem = async () => {
      const { env } = await invoke(
        p,
        { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
        'getDependencyOverview',
      );
      return env.ok ? env.data.problems.find((x: any) => x.id === made.data.dependency.id) : undefined;
    };
    expect(await problem()).toBeUndefined();
    // R&D moves its due date past the need-by in Jira: the page shows it at risk without calling Jira.
    expect(
      (await jiraAs(p, U.luoBin.accountId, 'PUT', `/rest/api/3/issue/${a}`, { fields: { duedate: inDays(8) } })).status,
    ).toBe(204);
    expect(await problem()).toMatchObject({ health: 'atRisk', reason: 'upstreamDueAfterNeedBy' });
  });

  it('counts toward the milestone its waiting issue is in, and follows a fix-version change in Jira', async () => {
    const a = newIssue('K', U.luoBin.accountId, U.zhaoMin.accountId, 12);
    const b = newIssue('L', U.gaoYuan.accountId, U.zhangWei.accountId, 20);
    // The upstream is due after the need-by: at risk by its own record, whatever the clock.
    const made = await call(b, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: a,
      direction: 'upstream',
      deliverable: '接口文档',
      needBy: inDays(6),
    });
    if (!made.ok) throw new Error(made.error.message);
    const versions = (await jiraAs(p, U.gaoYuan.accountId, 'GET', '/rest/api/3/project/PAY/versions')).body as Array<{
      id: string;
      name: string;
    }>;
    const m4 = versions.at(-1)!;
    const reasonsOf = async (versionId: string) => {
      const { env } = await invoke(
        p,
        { moduleKey: PAGE, accountId: U.gaoYuan.accountId, projectKey: 'PAY' },
        'getProjectOverview',
      );
      if (!env.ok) throw new Error(env.error.message);
      return env.data.milestones.find((m: any) => m.id === versionId).reasons.map((r: any) => `${r.code}:${r.n}`);
    };
    const before = await reasonsOf(m4.id);
    expect(
      (
        await jiraAs(p, U.gaoYuan.accountId, 'PUT', `/rest/api/3/issue/${b}`, {
          fields: { fixVersions: [{ id: m4.id }] },
        })
      ).status,
    ).toBe(204);
    await p.settle();
    const atRiskBefore = Number(before.find((r: string) => r.startsWith('depsAtRisk:'))?.split(':')[1] ?? 0);
    expect(await reasonsOf(m4.id)).toContain(`depsAtRisk:${atRiskBefore + 1}`);
    // Out of the milestone again: the count goes back.
    expect(
      (await jiraAs(p, U.gaoYuan.accountId, 'PUT', `/rest/api/3/issue/${b}`, { fields: { fixVersions: [] } })).status,
    ).toBe(204);
    await p.settle();
    expect(await reasonsOf(m4.id)).toEqual(before);
  });
});
