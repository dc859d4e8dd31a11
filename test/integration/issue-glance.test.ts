import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_GROUPS } from '../../sandbox/seed/jira-seed';
import { THIRD_PROJECT_KEY } from '../../sandbox/seed/third-project-seed';
import { dependencyHelpers, U } from '../support/dependencies';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * The work item's at-a-glance status (`jira:issueContext`, issue 16) on the sandbox with the real resolver:
 * what it waits for and how far it is escalated, in one invocation and at most 3 KVS operations, and nothing
 * counted from a project the viewer cannot browse.
 */
const CONTEXT = 'collab-issue-context';
let p: Platform;
const { inDays, newIssue, call } = dependencyHelpers(() => p);
const keys: Record<string, string> = {};

async function glanceOf(issueKey: string, accountId: string) {
  return invoke(p, { moduleKey: CONTEXT, accountId, issueKey }, 'getIssueGlance');
}

beforeAll(async () => {
  p = await startPlatform();
  keys.ux = newIssue('概览页面 / Glance page', U.gaoYuan.accountId, U.zhangWei.accountId, 8);
  keys.api = newIssue('概览接口 / Glance API', U.luoBin.accountId, U.zhaoMin.accountId, 3);
  keys.data = p.jira.admin.createIssue({
    projectKey: THIRD_PROJECT_KEY,
    issueType: 'Task',
    summary: '概览数据 / Glance data',
    status: 'To Do',
    dueDate: inDays(4),
    appFields: { 'raci-responsible': [U.luoBin.accountId], 'raci-accountable': U.zhaoMin.accountId },
  }).key;
});
afterAll(() => p?.close());

describe('the issue context glance', () => {
  it('says nothing waits on a fresh work item', async () => {
    const { env, record } = await glanceOf(keys.ux!, U.gaoYuan.accountId);
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (env.ok) expect(env.data).toEqual({ issueKey: keys.ux, waitingFor: 0, escalationLevel: null, breached: false });
    expect(record.kvsOps).toBeLessThanOrEqual(3);
  });

  it('counts the open dependencies it waits for and its highest open escalation, in ≤ 3 KVS operations', async () => {
    for (const other of [keys.api, keys.data]) {
      const env = await call(keys.ux!, U.gaoYuan.accountId, 'createDependency', {
        otherIssueKey: other,
        direction: 'upstream',
        deliverable: `接口 ${other} / what ${other} delivers`,
        needBy: inDays(6),
      });
      expect(env.ok, JSON.stringify(env)).toBe(true);
    }
    // A dependency the other way (someone waits on this item) is not what it waits for.
    const downstream = newIssue('下游 / Downstream', U.gaoYuan.accountId, U.zhangWei.accountId, 9);
    expect(
      (
        await call(downstream, U.gaoYuan.accountId, 'createDependency', {
          otherIssueKey: keys.ux,
          direction: 'upstream',
          deliverable: '页面 / the page',
          needBy: inDays(7),
        })
      ).ok,
    ).toBe(true);
    const raised = await call(keys.ux!, U.gaoYuan.accountId, 'raiseEscalation', {
      description: '接口迟迟未定 The API is still not settled',
      departmentAsked: 'rnd',
    });
    expect(raised.ok, JSON.stringify(raised)).toBe(true);
    const { env, record } = await glanceOf(keys.ux!, U.gaoYuan.accountId);
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (env.ok) expect(env.data).toMatchObject({ waitingFor: 2, escalationLevel: 1, breached: false });
    expect(record.kvsOps).toBeLessThanOrEqual(3);
    expect(record.jiraCalls).toBeLessThanOrEqual(1);
  });

  it('shows the level the escalation climbed to', async () => {
    // R&D's interface person holds level 1: climbs it from his queue, as the panel would.
    const queue = await invoke(p, { moduleKey: 'collab-global-page', accountId: U.zhouJie.accountId }, 'getMyQueue');
    if (!queue.env.ok) throw new Error(queue.env.error.message);
    const esc = queue.env.data.items.find(
      (i: { kind: string; issueKey: string }) => i.kind === 'escalation' && i.issueKey === keys.ux,
    );
    const climbed = await invoke(
      p,
      { moduleKey: 'collab-global-page', accountId: U.zhouJie.accountId },
      'actOnQueueEscalation',
      { issueKey: keys.ux, id: esc.id, action: 'climb', version: esc.version, text: '需要部门负责人 Needs the head' },
    ).then((r) => r.env);
    await p.settle();
    expect(climbed.ok, JSON.stringify(climbed)).toBe(true);
    const { env } = await glanceOf(keys.ux!, U.gaoYuan.accountId);
    if (env.ok) expect(env.data).toMatchObject({ waitingFor: 2, escalationLevel: 2 });
    else throw new Error(env.error.message);
  });

  it('does not count a dependency on a project the viewer cannot browse, and refuses a work item they cannot', async () => {
    const data = (await jiraAs(p, 'app', 'GET', `/rest/api/3/project/${THIRD_PROJECT_KEY}`)).body;
    const pay = (await jiraAs(p, 'app', 'GET', '/rest/api/3/project/PAY')).body;
    const staff = { type: 'group', group: SEED_GROUPS.staff } as const;
    p.jira.admin.revoke(Number(data.id), 'BROWSE_PROJECTS', staff);
    try {
      const { env } = await glanceOf(keys.ux!, U.gaoYuan.accountId);
      if (env.ok) expect(env.data).toMatchObject({ waitingFor: 1, escalationLevel: 2 });
      else throw new Error(env.error.message);
    } finally {
      p.jira.admin.grant(Number(data.id), 'BROWSE_PROJECTS', staff);
    }
    p.jira.admin.revoke(Number(pay.id), 'BROWSE_PROJECTS', staff);
    try {
      // 罗斌 Luo Bin browses PAY only as staff.
      const { env } = await glanceOf(keys.ux!, U.luoBin.accountId);
      expect(env.ok).toBe(false);
      if (!env.ok) expect(env.error.code).toBe('FORBIDDEN');
    } finally {
      p.jira.admin.grant(Number(pay.id), 'BROWSE_PROJECTS', staff);
    }
  });
});
