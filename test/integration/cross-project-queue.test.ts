import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_GROUPS } from '../../sandbox/seed/jira-seed';
import { dependencyHelpers, U } from '../support/dependencies';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * 我的协作待办 (issue 16) end to end on the sandbox: the global page's real resolver, the queue index kept by the
 * same writes as the dependencies and escalations, acting from the list through the panel's use cases, and
 * nothing from a project the viewer cannot browse.
 */
const COLLAB = 'collab-global-page';
let p: Platform;
const { inDays, newIssue, call } = dependencyHelpers(() => p);
const keys: Record<string, string> = {};

async function queueOf(accountId: string, locale = 'en_US') {
  const { env, record } = await invoke(p, { moduleKey: COLLAB, accountId, locale }, 'getMyQueue');
  if (!env.ok) throw new Error(env.error.message);
  return { queue: env.data, record };
}

async function act(accountId: string, fn: string, payload: unknown, locale = 'en_US') {
  const { env } = await invoke(p, { moduleKey: COLLAB, accountId, locale }, fn, payload);
  await p.settle();
  return env;
}

beforeAll(async () => {
  p = await startPlatform();
  keys.api = newIssue('队列接口 / Queue API', U.luoBin.accountId, U.zhaoMin.accountId, 3);
  keys.ux = newIssue('队列页面 / Queue page', U.gaoYuan.accountId, U.zhangWei.accountId, 8);
});
afterAll(() => p?.close());

describe('my queue', () => {
  let depId = '';

  it('lists what waits on my department across projects in ONE invocation and at most 3 KVS operations', async () => {
    const { queue, record } = await queueOf(U.luoBin.accountId);
    expect(record.kvsOps).toBeLessThanOrEqual(3);
    expect(record.jiraCalls).toBeLessThanOrEqual(1);
    expect(queue.department).toMatchObject({ id: 'rnd' });
    expect(queue.items.length).toBeGreaterThan(0);
    for (const item of queue.items) expect(item.department?.id ?? 'rnd').toBe('rnd');
    // The seed's third project: R&D answers in PAY and in DATA, on one list.
    const projects = new Set(queue.items.map((i: { projectKey: string }) => i.projectKey));
    expect(projects.has('PAY') && projects.has('DATA')).toBe(true);
    // Worst first: every late item comes before every item still in time.
    const lateFlags = queue.items.map((i: { late: boolean }) => i.late);
    expect(lateFlags).toEqual([...lateFlags].sort((a, b) => Number(b) - Number(a)));
    expect(queue.counts.late).toBe(lateFlags.filter(Boolean).length);
  });

  it('shows a new request to the providing department with its working hours left, and the panel’s actions', async () => {
    const env = await call(keys.ux!, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: keys.api,
      direction: 'upstream',
      deliverable: '队列接口文档 Queue API document',
      needBy: inDays(6),
    });
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (!env.ok) return;
    depId = env.data.dependency.id;
    const { queue } = await queueOf(U.luoBin.accountId);
    const item = queue.items.find((i: { id: string }) => i.id === depId);
    expect(item).toMatchObject({
      kind: 'response',
      issueKey: keys.api,
      otherKey: keys.ux,
      status: 'requested',
      late: false,
      dependencyActions: ['acknowledge', 'commit', 'counter', 'decline'],
    });
    expect(item.hoursLeft).toBeGreaterThan(0);
    expect(item.hoursLeft).toBeLessThanOrEqual(24);
    // The requesting department does not have it to answer.
    const product = await queueOf(U.gaoYuan.accountId);
    expect(product.queue.items.some((i: { id: string }) => i.id === depId)).toBe(false);
  });

  it('acts from the list with the panel’s rules: a bad counter names the field, a commit moves it to "owed"', async () => {
    const item = (await queueOf(U.luoBin.accountId)).queue.items.find((i: { id: string }) => i.id === depId);
    const bad = await act(
      U.luoBin.accountId,
      'actOnQueueDependency',
      { issueKey: item.issueKey, dependencyId: depId, action: 'counter', version: item.version },
      'zh_CN',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'date' });
    // Someone of another department may not answer for R&D, from the list as in the panel.
    const outsider = await act(U.heJun.accountId, 'actOnQueueDependency', {
      issueKey: item.issueKey,
      dependencyId: depId,
      action: 'commit',
      version: item.version,
    });
    expect(outsider.ok).toBe(false);
    if (!outsider.ok) expect(outsider.error.code).toBe('FORBIDDEN');
    const ok = await act(U.luoBin.accountId, 'actOnQueueDependency', {
      issueKey: item.issueKey,
      dependencyId: depId,
      action: 'commit',
      version: item.version,
    });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    const after = (await queueOf(U.luoBin.accountId)).queue.items.find((i: { id: string }) => i.id === depId);
    expect(after).toMatchObject({
      kind: 'owed',
      status: 'committed',
      dependencyActions: ['counter', 'decline', 'deliver'],
    });
  });

  it('leaves the queue once delivered', async () => {
    const item = (await queueOf(U.luoBin.accountId)).queue.items.find((i: { id: string }) => i.id === depId);
    const done = await act(U.luoBin.accountId, 'actOnQueueDependency', {
      issueKey: item.issueKey,
      dependencyId: depId,
      action: 'deliver',
      version: item.version,
    });
    expect(done.ok, JSON.stringify(done)).toBe(true);
    const { queue } = await queueOf(U.luoBin.accountId);
    expect(queue.items.some((i: { id: string }) => i.id === depId)).toBe(false);
  });

  it('shows nothing of a project the viewer cannot browse, counts included', async () => {
    const before = (await queueOf(U.luoBin.accountId)).queue;
    expect(before.items.some((i: { projectKey: string }) => i.projectKey === 'PAY')).toBe(true);
    const pay = (await jiraAs(p, 'app', 'GET', '/rest/api/3/project/PAY')).body;
    const staff = { type: 'group', group: SEED_GROUPS.staff } as const;
    p.jira.admin.revoke(Number(pay.id), 'BROWSE_PROJECTS', staff);
    try {
      const after = (await queueOf(U.luoBin.accountId)).queue;
      expect(after.items.some((i: { projectKey: string }) => i.projectKey === 'PAY')).toBe(false);
      const total = after.counts.response + after.counts.owed + after.counts.counter + after.counts.escalation;
      expect(total).toBe(after.items.length);
      for (const i of after.items) expect(i.otherKey === null || !i.otherKey.startsWith('PAY-')).toBe(true);
    } finally {
      p.jira.admin.grant(Number(pay.id), 'BROWSE_PROJECTS', staff);
    }
  });

  it('puts an escalation in the queue of whoever holds its level, and takes it out of theirs when it climbs', async () => {
    const raised = await call(keys.ux!, U.gaoYuan.accountId, 'raiseEscalation', {
      description: '接口迟迟未定 The API is still not settled',
      departmentAsked: 'rnd',
    });
    expect(raised.ok, JSON.stringify(raised)).toBe(true);
    const mine = (await queueOf(U.zhouJie.accountId)).queue.items.filter(
      (i: { kind: string; issueKey: string }) => i.kind === 'escalation' && i.issueKey === keys.ux,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: 1, status: 'open', late: false });
    expect(mine[0].escalationActions).toContain('acknowledge');
    const climbed = await act(U.zhouJie.accountId, 'actOnQueueEscalation', {
      issueKey: keys.ux,
      id: mine[0].id,
      action: 'climb',
      version: mine[0].version,
      text: '需要部门负责人 Needs the head',
    });
    expect(climbed.ok, JSON.stringify(climbed)).toBe(true);
    const interfaceAfter = (await queueOf(U.zhouJie.accountId)).queue.items;
    expect(interfaceAfter.some((i: { id: string }) => i.id === mine[0].id)).toBe(false);
    const head = (await queueOf(U.zhaoMin.accountId)).queue.items.find((i: { id: string }) => i.id === mine[0].id);
    expect(head).toMatchObject({ kind: 'escalation', level: 2 });
  });

  it('follows the deadline sweep: a level-2 escalation past its limit climbs into the arbiter’s queue', async () => {
    expect((await queueOf(U.maChao.accountId)).queue.items).toEqual([]);
    await p.advance(14 * 24 * 3_600_000);
    await p.settle();
    const arbiter = (await queueOf(U.maChao.accountId)).queue.items;
    const aics8 = arbiter.find((i: { issueKey: string }) => i.issueKey === 'AICS-8');
    expect(aics8).toMatchObject({
      kind: 'escalation',
      level: 3,
      escalationActions: expect.arrayContaining(['decide']),
    });
    // The level-2 holder no longer has it.
    const head = (await queueOf(U.zhaoMin.accountId)).queue.items;
    expect(head.some((i: { id: string }) => i.id === aics8.id)).toBe(false);
    // Two weeks on, requests nobody answered are late and come first.
    const rnd = (await queueOf(U.luoBin.accountId)).queue;
    expect(rnd.items[0].late).toBe(true);
    expect(rnd.counts.late).toBeGreaterThan(0);
  });
});
