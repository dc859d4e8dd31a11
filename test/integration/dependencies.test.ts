import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { dependencyHelpers, U } from '../support/dependencies';
import { jiraAs, startPlatform } from '../support/platform';

/**
 * Cross-department dependencies end to end on the sandbox: the real handlers, SDKs, Jira links and events.
 * Issues are made fresh here, so each test knows exactly who is Responsible for what. This file: the seeded
 * sandbox, and the life of one dependency made in the panel, and what bad input is refused.
 */
let p: Platform;
const { inDays, newIssue, call, panelDeps, linksOf } = dependencyHelpers(() => p);

const keys: Record<string, string> = {};

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

  it('asks the requesting side’s Accountable to approve the delivery within 48 h on working days (审批)', async () => {
    const [dep] = (await panelDeps(keys.ux!, U.zhangWei.accountId)).upstream.filter(
      (d: { id: string }) => d.id === depId,
    );
    expect(dep.approval.state).toBe('awaiting');
    expect(dep.actions).toEqual(['approve']);
    // The Responsible of the waiting issue is on the requesting side but does not answer for the result.
    const byR = (await panelDeps(keys.ux!, U.gaoYuan.accountId)).upstream.find((d: { id: string }) => d.id === depId);
    expect(byR.actions).not.toContain('approve');
    const refused = await call(keys.ux!, U.gaoYuan.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'approve',
      version: dep.version,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const approved = await call(keys.ux!, U.zhangWei.accountId, 'actOnDependency', {
      dependencyId: depId,
      action: 'approve',
      version: dep.version,
    });
    expect(approved.ok && approved.data.dependency.approval).toMatchObject({ state: 'approved' });
    expect(approved.ok && approved.data.dependency.actions).toEqual([]);
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
