import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { localDate } from '../../src/app/kernel/dates';
import { invoke, jiraAs, startPlatform, type Envelope } from '../support/platform';

/**
 * Cross-department dependencies end to end on the sandbox: the real handlers, SDKs, Jira links and events.
 * Issues are made fresh here, so each test knows exactly who is Responsible for what.
 */
const PANEL = 'collab-issue-panel';
const PAGE = 'collab-project-page';
const ADMIN = 'collab-admin-page';
const U = SEED_USERS;
const DAY = 86_400_000;

let p: Platform;
const keys: Record<string, string> = {};

function newIssue(summary: string, responsible: string, accountable: string, dueInDays: number | null): string {
  const row = p.jira.admin.createIssue({
    projectKey: 'PAY',
    issueType: 'Task',
    summary,
    status: 'To Do',
    dueDate: dueInDays === null ? null : inDays(dueInDays),
    appFields: { 'raci-responsible': [responsible], 'raci-accountable': accountable },
  });
  return row.key;
}

/** A date n days from now in Beijing, where the seeded departments work (the default calendar). */
const inDays = (n: number) => localDate(p.clock.now() + n * DAY, 'Asia/Shanghai');

async function call(
  issueKey: string,
  accountId: string,
  fn: string,
  payload: unknown = {},
  locale = 'en_US',
): Promise<Envelope> {
  const { env } = await invoke(p, { moduleKey: PANEL, accountId, issueKey, locale }, fn, payload);
  await p.settle();
  return env;
}

async function panelDeps(issueKey: string, accountId: string) {
  const env = await call(issueKey, accountId, 'getIssuePanel');
  if (!env.ok) throw new Error(env.error.message);
  return env.data.dependencies as { upstream: any[]; downstream: any[] };
}

async function linksOf(issueKey: string): Promise<any[]> {
  return (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=issuelinks`)).body.fields.issuelinks;
}

beforeAll(async () => {
  p = await startPlatform();
  // R&D provides an API spec, Product needs it; Legal reviews after Product.
  keys.api = newIssue('支付接口规范 / Payment API spec', U.luoBin.accountId, U.zhaoMin.accountId, 3);
  keys.ux = newIssue('收银台交互 / Checkout UX', U.gaoYuan.accountId, U.zhangWei.accountId, 8);
  keys.legal = newIssue('隐私条款审核 / Privacy review', U.heJun.accountId, U.zhengLi.accountId, 10);
  keys.extra = newIssue('埋点方案 / Tracking plan', U.luoBin.accountId, U.zhaoMin.accountId, 20);
});
afterAll(() => p?.close());

describe('the seeded sandbox', () => {
  it('shows dependencies in every state, with health, made through the app’s own resolvers', async () => {
    const seen = new Map<string, Set<string>>([
      ['status', new Set()],
      ['health', new Set()],
    ]);
    let delay = false;
    for (const project of ['AICS', 'PAY']) {
      const list = (
        await jiraAs(p, 'app', 'POST', '/rest/api/3/search/jql', {
          jql: `project = ${project} ORDER BY key ASC`,
          fields: ['summary'],
          maxResults: 100,
        })
      ).body.issues;
      for (const issue of list) {
        for (const d of (await panelDeps(issue.key, U.linTao.accountId)).upstream) {
          seen.get('status')!.add(d.status);
          seen.get('health')!.add(d.health);
          if (d.delay.reason && d.delay.remedy) delay = true;
        }
      }
    }
    expect([...seen.get('status')!].sort()).toEqual([
      'acknowledged',
      'committed',
      'countered',
      'declined',
      'delivered',
      'requested',
    ]);
    expect([...seen.get('health')!].sort()).toEqual(['atRisk', 'blocked', 'done', 'onTrack', 'overdue']);
    expect(delay).toBe(true);
  });
});

describe('a dependency made in the panel', () => {
  let depId = '';
  let version = 0;

  it('creates the Jira link, records departments, deliverable and need-by, and the link event adds nothing', async () => {
    const env = await call(keys.ux!, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: keys.api,
      direction: 'upstream',
      deliverable: '接口文档 API document',
      needBy: inDays(5),
    });
    expect(env.ok, JSON.stringify(env)).toBe(true);
    if (!env.ok) return;
    depId = env.data.dependency.id;
    version = env.data.version;
    expect(env.data.dependency).toMatchObject({
      status: 'requested',
      requestingDept: { id: 'product' },
      providingDept: { id: 'rnd' },
      health: 'onTrack',
      owner: { accountId: U.luoBin.accountId },
      actions: ['cancel'],
    });
    // Mirrored in Jira: "API blocks UX".
    const links = await linksOf(keys.ux!);
    expect(links.filter((l) => l.type.name === 'Blocks' && l.inwardIssue?.key === keys.api)).toHaveLength(1);
    const ev = p.host.invocations.filter((i) => i.moduleKey === 'link-events').at(-1)!;
    expect(ev.ok).toBe(true);
    // The echo of the panel's own link: settings and people (one batch read), the shard shows it is there.
    expect(ev.kvsOps).toBe(2);
    const up = (await panelDeps(keys.ux!, U.gaoYuan.accountId)).upstream;
    expect(up).toHaveLength(1);
    expect(up[0]).toMatchObject({ id: depId, deliverable: '接口文档 API document', other: { key: keys.api } });
    // The provider sees it as "waited on by", with the provider's actions.
    const down = (await panelDeps(keys.api!, U.luoBin.accountId)).downstream;
    expect(down[0]).toMatchObject({ id: depId, actions: ['acknowledge', 'decline', 'counter', 'commit'] });
  });

  it('lets only the providing side acknowledge, on the version it saw', async () => {
    const wrongSide = await call(keys.ux!, U.gaoYuan.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'acknowledge',
      version,
    });
    expect(wrongSide).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stale = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'acknowledge',
      version: version + 5,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The R&D interface person answers for the department, too.
    const ok = await call(keys.api!, U.zhouJie.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'acknowledge',
      version,
    });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    if (!ok.ok) return;
    expect(ok.data.dependency.status).toBe('acknowledged');
    version = ok.data.version;
    const again = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'acknowledge',
      version,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('takes a counter-proposal, its acceptance, a delay warning with reason and remedy, and delivery', async () => {
    const noDate = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'counter',
      version,
    });
    expect(noDate).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'date' } });
    const counter = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'counter',
      version,
      date: inDays(9),
      text: '联调环境下周才有',
    });
    expect(counter.ok && counter.data.dependency).toMatchObject({
      status: 'countered',
      proposedDate: inDays(9),
      health: 'atRisk',
      healthReason: 'counterAfterNeedBy',
    });
    version = counter.ok ? counter.data.version : 0;
    const accept = await call(keys.ux!, U.gaoYuan.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'acceptCounter',
      version,
    });
    expect(accept.ok && accept.data.dependency).toMatchObject({
      status: 'committed',
      needBy: inDays(9),
      proposedDate: null,
    });
    version = accept.ok ? accept.data.version : 0;
    const ask = await call(keys.ux!, U.gaoYuan.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'askDelay',
      version,
    });
    expect(ask.ok).toBe(true);
    version = ask.ok ? ask.data.version : 0;
    const noRemedy = await call(
      keys.api!,
      U.luoBin.accountId,
      'actOnDependency',
      { dependencyId: depId, action: 'explainDelay', version, text: 'GPU 排队' },
      'zh_CN',
    );
    expect(noRemedy).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '延期说明需要填写补救措施。' } });
    const explain = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'explainDelay',
      version,
      text: 'GPU 排队',
      remedy: '改用备用集群',
    });
    expect(explain.ok && explain.data.dependency.delay).toMatchObject({ reason: 'GPU 排队', remedy: '改用备用集群' });
    version = explain.ok ? explain.data.version : 0;
    const deliver = await call(keys.api!, U.luoBin.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'deliver',
      version,
    });
    expect(deliver.ok && deliver.data.dependency).toMatchObject({ status: 'delivered', health: 'done', actions: [] });
  });
});

describe('bad input writes nothing', () => {
  async function state() {
    const up = (await panelDeps(keys.legal!, U.heJun.accountId)).upstream.length;
    return { up, links: (await linksOf(keys.legal!)).length, records: p.host.invocations.length };
  }

  it('refuses self, unknown, hidden, past and duplicate with a clear error', async () => {
    const before = await state();
    const base = { direction: 'upstream', deliverable: '审核意见', needBy: inDays(4) };
    const cases: Array<[unknown, string, string, string]> = [
      [{ ...base, otherIssueKey: keys.legal }, U.heJun.accountId, 'VALIDATION', 'cannot depend on itself'],
      [{ ...base, otherIssueKey: 'PAY-99999' }, U.heJun.accountId, 'NOT_FOUND', 'PAY-99999'],
      [{ ...base, otherIssueKey: keys.ux, needBy: inDays(-1) }, U.heJun.accountId, 'VALIDATION', 'in the past'],
      [
        { ...base, otherIssueKey: keys.ux, requestingDept: 'nope' },
        U.heJun.accountId,
        'VALIDATION',
        'not in the department directory',
      ],
    ];
    for (const [payload, who, code, text] of cases) {
      const env = await call(keys.legal!, who, 'createDependency', payload);
      expect(env, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      if (!env.ok) expect(env.error.message).toContain(text);
    }
    const after = await state();
    expect(after.up).toBe(before.up);
    expect(after.links).toBe(before.links);

    // Duplicate: the first is fine, the second the same pair is refused.
    expect(
      (await call(keys.legal!, U.heJun.accountId, 'createDependency', { ...base, otherIssueKey: keys.ux })).ok,
    ).toBe(true);
    const dup = await call(keys.legal!, U.heJun.accountId, 'createDependency', { ...base, otherIssueKey: keys.ux });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await panelDeps(keys.legal!, U.heJun.accountId)).upstream).toHaveLength(1);
  });

  it('refuses an issue the user may not browse', async () => {
    // The contractor sees AICS only: a PAY issue is refused as forbidden, not created.
    const aics = (
      await jiraAs(p, 'app', 'POST', '/rest/api/3/search/jql', {
        jql: 'project = AICS ORDER BY key ASC',
        fields: ['summary'],
        maxResults: 1,
      })
    ).body.issues[0].key;
    const env = await call(aics, U.kevinXu.accountId, 'createDependency', {
      otherIssueKey: keys.api,
      direction: 'upstream',
      deliverable: 'x',
      needBy: inDays(3),
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'otherIssueKey' } });
  });

  it('refuses a link Jira does not let the user make, and writes nothing', async () => {
    // A read-only project for the PMO arbiter: he may browse its issues but not link them.
    p.jira.admin.createProject({
      key: 'RO',
      name: 'Read only',
      leadAccountId: U.linTao.accountId,
      grants: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'user', accountId: U.maChao.accountId } }],
    });
    const [a, b] = [1, 2].map(
      (n) => p.jira.admin.createIssue({ projectKey: 'RO', issueType: 'Task', summary: `RO ${n}`, status: 'To Do' }).key,
    );
    const env = await call(b!, U.maChao.accountId, 'createDependency', {
      otherIssueKey: a,
      direction: 'upstream',
      deliverable: 'x',
      needBy: inDays(3),
    });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('Link issues') },
    });
    expect((await panelDeps(b!, U.maChao.accountId)).upstream).toHaveLength(0);
    expect(await linksOf(b!)).toHaveLength(0);
  });

  it('refuses a dependency that closes a cycle, naming the loop', async () => {
    // legal waits on ux (above); make ux wait on extra, then extra waiting on legal would close extra → legal?
    // Chain: ux → legal (legal waits ux). Now ux waits on legal: legal → ux closes ux → legal → ux.
    const env = await call(keys.ux!, U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: keys.legal,
      direction: 'upstream',
      deliverable: 'x',
      needBy: inDays(3),
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!env.ok) expect(env.error.message).toContain(`${keys.legal} → ${keys.ux} → ${keys.legal}`);
    // Three issues: extra waits on legal (fine), then ux waits on extra closes ux → legal → extra → ux.
    expect(
      (
        await call(keys.extra!, U.luoBin.accountId, 'createDependency', {
          otherIssueKey: keys.legal,
          direction: 'upstream',
          deliverable: 'y',
          needBy: inDays(12),
        })
      ).ok,
    ).toBe(true);
    const three = await call(
      keys.ux!,
      U.gaoYuan.accountId,
      'createDependency',
      { otherIssueKey: keys.extra, direction: 'upstream', deliverable: 'z', needBy: inDays(3) },
      'zh_CN',
    );
    expect(three).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!three.ok)
      expect(three.error.message).toBe(
        `此依赖会形成循环：${keys.extra} → ${keys.ux} → ${keys.legal} → ${keys.extra}。未保存任何内容。`,
      );
  });
});

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
