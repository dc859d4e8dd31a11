import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { SANDBOX_WEBHOOK_SECRET } from '../../sandbox/seed/app-seed';
import { sign } from '../../src/app/escalations/raise-escalation-by-request';
import { addWorkingHours, BUILTIN_CALENDARS } from '../../src/domain/shared/calendar';
import { invoke, jiraAs, startPlatform } from '../support/platform';

/**
 * Escalations end to end on the sandbox: the real handlers and SDKs, the seed's department directory and
 * ladders, the deadline sweep driven by the sandbox clock, Jira's JQL over the "Escalation level" field.
 */
const PANEL = 'collab-issue-panel';
const PAGE = 'collab-project-page';
const ADMIN = 'collab-admin-page';
const SETTINGS = 'collab-project-settings';
const U = SEED_USERS;
const H = 3_600_000;
const cn = BUILTIN_CALENDARS.find((c) => c.id === 'cn-mainland')!;

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const panel = (issueKey: string, accountId: string, fn: string, payload: unknown = {}) =>
  invoke(p, { moduleKey: PANEL, accountId, issueKey }, fn, payload);
const page = (projectKey: string, accountId: string, fn: string, payload: unknown = {}) =>
  invoke(p, { moduleKey: PAGE, accountId, projectKey }, fn, payload);
const settings = (projectKey: string, accountId: string, fn: string, payload: unknown = {}) =>
  invoke(p, { moduleKey: SETTINGS, accountId, projectKey }, fn, payload);
const admin = (accountId: string, fn: string, payload: unknown = {}) =>
  invoke(p, { moduleKey: ADMIN, accountId }, fn, payload);

async function jql(query: string): Promise<string[]> {
  const r = await jiraAs(p, 'app', 'POST', '/rest/api/3/search/jql', {
    jql: query,
    fields: ['summary'],
    maxResults: 100,
  });
  expect(r.status).toBe(200);
  return (r.body.issues as Array<{ key: string }>).map((i) => i.key);
}

async function timeline(issueKey: string, id: string) {
  const { env } = await panel(issueKey, U.gaoYuan.accountId, 'getEscalationTimeline', { id });
  if (!env.ok) throw new Error(env.error.message);
  return env.data.events as Array<{
    kind: string;
    fromLevel?: number;
    toLevel?: number;
    text?: string;
    notified?: Array<{ accountId: string }>;
  }>;
}

/** The escalations section as the issue panel opens with it (one invocation: getIssuePanel). */
async function section(issueKey: string, accountId: string) {
  const r = await panel(issueKey, accountId, 'getIssuePanel');
  return { ...r, env: r.env.ok ? { ok: true, data: r.env.data.escalations } : r.env };
}

function data(env: { ok: boolean; data?: any; error?: any }) {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
}

describe('the seed', () => {
  it('holds escalations at every level and state, with timelines and the Escalation level field', async () => {
    const decided = data((await section('PAY-8', U.gaoYuan.accountId)).env).escalations[0];
    expect(decided).toMatchObject({ status: 'resolved', level: 3, binding: true });
    expect((await timeline('PAY-8', decided.id)).map((e) => e.kind)).toEqual([
      'escalation.raised',
      'escalation.notified',
      'escalation.climbed',
      'escalation.notified',
      'escalation.climbed',
      'escalation.notified',
      'escalation.decided',
    ]);
    expect(data((await section('AICS-8', U.liNa.accountId)).env).escalations[0]).toMatchObject({
      status: 'acknowledged',
      level: 2,
    });
    expect(await jql('"Escalation level" = 2')).toEqual(['AICS-8']);
    expect(await jql('"Escalation level" = 1')).toContain('PAY-14');
    // Closed escalations leave the field empty.
    expect(await jql('"Escalation level" is not EMPTY')).not.toContain('PAY-8');
  });
});

describe('the escalation people fields heal when the directory moves on', () => {
  it('a new interface person shows in the panel at once, and the field follows the first time someone opens the issue', async () => {
    const holders = (key: string, who: { accountId: string }) =>
      jql(`"Escalation holders" = "${who.accountId}"`).then((keys) => keys.includes(key));
    expect(await holders('PAY-14', U.zhouJie)).toBe(true);
    // R&D's interface person changes on the admin page: no escalation changes, so no field is written.
    const list = data((await admin(U.linTao.accountId, 'listDepartments')).env).departments as Array<
      Record<string, unknown> & { id: string }
    >;
    const { updatedAt: _a, updatedBy: _b, ...rnd } = list.find((d) => d.id === 'rnd')!;
    const saved = data(
      (await admin(U.linTao.accountId, 'updateDepartment', { ...rnd, interfaceAccountId: U.sunHao.accountId })).env,
    );
    expect(await holders('PAY-14', U.sunHao)).toBe(false);

    // The panel works from the directory, so it is right at once; the name costs one lookup, the repair one write.
    const first = await panel('PAY-14', U.gaoYuan.accountId, 'getIssuePanel');
    const esc = data(first.env).escalations.escalations[0];
    expect(esc.holders.map((h: { displayName: string }) => h.displayName).sort()).toEqual(
      [U.sunHao.displayName, U.liuYang.displayName].sort(),
    );
    expect(first.record.jiraCalls).toBe(3);
    expect(await holders('PAY-14', U.sunHao)).toBe(true);
    expect(await holders('PAY-14', U.zhouJie)).toBe(false);
    // Healed: the next open is back to the one issue read.
    expect((await panel('PAY-14', U.gaoYuan.accountId, 'getIssuePanel')).record.jiraCalls).toBe(1);

    await admin(U.linTao.accountId, 'updateDepartment', { ...rnd, version: saved.department.version });
    await panel('PAY-14', U.gaoYuan.accountId, 'getIssuePanel');
    expect(await holders('PAY-14', U.zhouJie)).toBe(true);
  });
});

describe('raising and handling an escalation from the issue panel', () => {
  let id = '';
  let version = 0;

  it('raises at level 1 with a deadline 24 working hours away in the asked department’s calendar, and tells level 1', async () => {
    const before = p.jira.listNotifications().length;
    const { env } = await panel('PAY-12', U.gaoYuan.accountId, 'raiseEscalation', {
      description: '备用支付通道合同未签\nThe backup channel contract is unsigned',
      impact: '无备用通道 / no fallback',
      supportNeeded: '法务本周审核 / Legal to review this week',
      departmentAsked: 'rnd',
    });
    const view = data(env);
    const esc = view.escalations[0];
    expect(esc).toMatchObject({ status: 'open', level: 1, source: 'panel', departmentAsked: { id: 'rnd' } });
    expect(Date.parse(esc.dueAt)).toBe(addWorkingHours(Date.parse(esc.raisedAt), 24, cn));
    expect(esc.holders.map((h: { accountId: string }) => h.accountId).sort()).toEqual(
      [U.zhouJie.accountId, U.liuYang.accountId].sort(),
    );
    expect(esc.actions).toEqual(['climb', 'withdraw']);
    const sent = p.jira.listNotifications().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toContain('[PAY-12] Escalation raised to you (level 1)');
    expect(await jql('"Escalation level" = 1')).toContain('PAY-12');
    // Who must act now, and who asked: JQL for "escalations waiting on me" and "escalations I raised".
    expect(await jql(`"Escalation holders" = "${U.zhouJie.accountId}"`)).toContain('PAY-12');
    expect(await jql(`"Escalation raised by" = "${U.gaoYuan.accountId}"`)).toContain('PAY-12');
    ({ id, version } = esc);
    // The panel opens with the section in its one invocation. Holders' and raiser's names come with the issue
    // read (the fields above), so no user lookup: the issue read plus the bulk fetch of its dependencies' issues.
    const { env: opened, record } = await panel('PAY-12', U.gaoYuan.accountId, 'getIssuePanel');
    expect(record.kvsOps).toBe(3);
    expect(record.jiraCalls).toBe(
      data(opened).dependencies.upstream.length + data(opened).dependencies.downstream.length > 0 ? 2 : 1,
    );
    expect(
      data(opened)
        .escalations.escalations[0].holders.map((h: { displayName: string }) => h.displayName)
        .sort(),
    ).toEqual([U.zhouJie.displayName, U.liuYang.displayName].sort());
  });

  it('refuses bad input naming the field, nothing written', async () => {
    const bad = await panel('PAY-12', U.gaoYuan.accountId, 'raiseEscalation', {
      description: 'x',
      departmentAsked: 'finance',
    });
    expect(bad.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'departmentAsked' } });
    const empty = await panel('PAY-12', U.gaoYuan.accountId, 'raiseEscalation', {
      description: ' ',
      departmentAsked: 'rnd',
    });
    expect(empty.env).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(data((await section('PAY-12', U.gaoYuan.accountId)).env).escalations).toHaveLength(1);
  });

  it('lets only the holders act, asks for the text that goes on record, and refuses a stale version', async () => {
    const notHolder = await panel('PAY-12', U.luoBin.accountId, 'actOnEscalation', {
      id,
      action: 'acknowledge',
      version,
    });
    expect(notHolder.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ack = data(
      (await panel('PAY-12', U.zhouJie.accountId, 'actOnEscalation', { id, action: 'acknowledge', version })).env,
    ).escalations[0];
    expect(ack).toMatchObject({ status: 'acknowledged', level: 1 });
    expect(ack.actions).toEqual(['resolve', 'reject', 'climb']);
    const stale = await panel('PAY-12', U.zhouJie.accountId, 'actOnEscalation', {
      id,
      action: 'resolve',
      text: 'done',
      version,
    });
    expect(stale.env).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const noText = await panel('PAY-12', U.zhouJie.accountId, 'actOnEscalation', {
      id,
      action: 'resolve',
      text: '',
      version: ack.version,
    });
    expect(noText.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'text' } });
    const zh = await invoke(
      p,
      { moduleKey: PANEL, accountId: U.luoBin.accountId, issueKey: 'PAY-12', locale: 'zh_CN' },
      'actOnEscalation',
      { id, action: 'resolve', text: 'x', version: ack.version },
    );
    expect(zh.env.ok === false && zh.env.error.message).toContain('您不能');
    version = ack.version;
  });

  it('climbs by itself once 24 working hours pass, to the department heads, on the record and in JQL', async () => {
    const esc = data((await section('PAY-12', U.gaoYuan.accountId)).env).escalations[0];
    const due = Date.parse(esc.dueAt);
    const before = p.jira.listNotifications().length;
    await p.advance(due - p.clock.now() - H);
    expect(data((await section('PAY-12', U.gaoYuan.accountId)).env).escalations[0].level).toBe(1);
    await p.advance(2 * H);
    const after = data((await section('PAY-12', U.gaoYuan.accountId)).env).escalations[0];
    expect(after).toMatchObject({ level: 2, status: 'open' });
    // The level-2 clock starts when level 1 ran out, not when the hourly sweep noticed.
    expect(Date.parse(after.dueAt)).toBe(addWorkingHours(due, 48, cn));
    expect(after.holders.map((h: { accountId: string }) => h.accountId).sort()).toEqual(
      [U.zhaoMin.accountId, U.zhangWei.accountId].sort(),
    );
    expect(
      p.jira
        .listNotifications()
        .slice(before)
        .some((n) => n.issueKey === 'PAY-12' && (n.subject ?? '').includes('climbed to level 2')),
    ).toBe(true);
    const events = await timeline('PAY-12', id);
    expect(events.filter((e) => e.kind === 'escalation.climbed')).toEqual([
      expect.objectContaining({ fromLevel: 1, toLevel: 2 }),
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'escalation.notified', toLevel: 2 });
    expect(await jql('"Escalation level" = 2')).toContain('PAY-12');
    expect(await jql(`"Escalation holders" = "${U.zhaoMin.accountId}"`)).toContain('PAY-12');
    expect(await jql(`"Escalation holders" = "${U.zhouJie.accountId}"`)).not.toContain('PAY-12');
    version = after.version;
  });

  it('the arbiter decides at level 3, binding; the field clears', async () => {
    await panel('PAY-12', U.gaoYuan.accountId, 'actOnEscalation', {
      id,
      action: 'climb',
      text: 'heads disagree',
      version,
    });
    const top = data((await section('PAY-12', U.maChao.accountId)).env).escalations[0];
    expect(top).toMatchObject({ level: 3 });
    expect(top.actions).toContain('decide');
    const headTries = await panel('PAY-12', U.zhaoMin.accountId, 'actOnEscalation', {
      id,
      action: 'decide',
      text: 'mine',
      version: top.version,
    });
    expect(headTries.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const done = data(
      (
        await panel('PAY-12', U.maChao.accountId, 'actOnEscalation', {
          id,
          action: 'decide',
          text: '研发部优先保障备用通道',
          version: top.version,
        })
      ).env,
    ).escalations[0];
    expect(done).toMatchObject({ status: 'resolved', binding: true, outcome: '研发部优先保障备用通道', actions: [] });
    expect(await jql('"Escalation level" is not EMPTY')).not.toContain('PAY-12');
    expect(await jql('"Escalation holders" is EMPTY')).toContain('PAY-12');
    expect(await jql(`"Escalation raised by" = "${U.gaoYuan.accountId}"`)).toContain('PAY-12');
  });
});

describe('breach at the top', () => {
  it('is recorded once, notified, and shows in the Escalation state field for Automation rules and JQL', async () => {
    let esc = data(
      (
        await panel('PAY-18', U.gaoYuan.accountId, 'raiseEscalation', {
          description: '推广方案审批卡住',
          departmentAsked: 'marketing',
        })
      ).env,
    ).escalations[0];
    expect(await jql('"Escalation state" = open')).toContain('PAY-18');
    for (let i = 0; i < 2; i++)
      esc = data(
        (
          await panel('PAY-18', U.gaoYuan.accountId, 'actOnEscalation', {
            id: esc.id,
            action: 'climb',
            text: '',
            version: esc.version,
          })
        ).env,
      ).escalations[0];
    expect(esc.level).toBe(3);
    await p.advance(Date.parse(esc.dueAt) - p.clock.now() + 2 * H);
    const breached = data((await section('PAY-18', U.gaoYuan.accountId)).env).escalations[0];
    expect(breached).toMatchObject({ level: 3, breached: true, dueAt: null, status: 'open' });
    expect(await jql('"Escalation state" = breached')).toContain('PAY-18');
    expect(await jql('"Escalation level" = 3')).toContain('PAY-18');
    await p.advance(24 * H);
    expect((await timeline('PAY-18', esc.id)).filter((e) => e.kind === 'escalation.breached')).toHaveLength(1);
  });
});

describe('the sweep is idempotent', () => {
  it('two sweeps at once climb a due escalation once', async () => {
    const raised = data(
      (
        await panel('PAY-13', U.gaoYuan.accountId, 'raiseEscalation', {
          description: '文案待定',
          departmentAsked: 'marketing',
        })
      ).env,
    ).escalations[0];
    p.clock.moveTo(Date.parse(raised.dueAt) + 1000);
    await Promise.all([
      p.host.runScheduled('deadline-sweep'),
      p.host.runScheduled('deadline-sweep'),
      p.host.runScheduled('deadline-sweep'),
    ]);
    const after = data((await section('PAY-13', U.gaoYuan.accountId)).env).escalations[0];
    expect(after.level).toBe(2);
    expect(after.version).toBe(raised.version + 1);
    expect((await timeline('PAY-13', raised.id)).filter((e) => e.kind === 'escalation.climbed')).toHaveLength(1);
  });
});

describe('faults', () => {
  it('a sweep whose notifications fail still climbs once, consistently, and never climbs again for it', async () => {
    const raised = data(
      (
        await panel('PAY-19', U.gaoYuan.accountId, 'raiseEscalation', {
          description: '验收标准未定',
          departmentAsked: 'legal',
        })
      ).env,
    ).escalations[0];
    const original = p.jira.handle.bind(p.jira);
    p.jira.handle = async (req) =>
      req.path.endsWith('/notify') ? { status: 503, headers: {}, body: '{"errorMessages":["down"]}' } : original(req);
    try {
      p.clock.moveTo(Date.parse(raised.dueAt) + 1000);
      await p.host.runScheduled('deadline-sweep');
    } finally {
      p.jira.handle = original;
    }
    const after = data((await section('PAY-19', U.gaoYuan.accountId)).env).escalations[0];
    expect(after).toMatchObject({ level: 2, version: raised.version + 1 });
    const kinds = (await timeline('PAY-19', raised.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'escalation.climbed')).toHaveLength(1);
    // The climb is on record; the failed email is not claimed as sent.
    expect(kinds.at(-1)).toBe('escalation.climbed');
    await p.host.runScheduled('deadline-sweep');
    expect(data((await section('PAY-19', U.gaoYuan.accountId)).env).escalations[0].version).toBe(after.version);
  });

  it('the rollup the page reads equals a recount of the stored escalations', async () => {
    const all: Array<{ status: string; level: number }> = [];
    let cursor: string | undefined;
    do {
      const r = p.kvs.handle(
        '/api/v1/entity/query',
        JSON.stringify({
          entityName: 'escalation',
          indexName: 'by-project',
          partition: ['PAY'],
          limit: 100,
          ...(cursor ? { cursor } : {}),
        }),
      );
      const page = JSON.parse(r.body) as { data: Array<{ value: { status: string; level: number } }>; cursor?: string };
      all.push(...page.data.map((d) => d.value));
      cursor = page.cursor;
    } while (cursor);
    const stats = data((await page('PAY', U.gaoYuan.accountId, 'getEscalationStats')).env);
    for (const level of [1, 2, 3]) {
      const open = all.filter((e) => (e.status === 'open' || e.status === 'acknowledged') && e.level === level).length;
      expect(stats.openByLevel[level - 1].count, `level ${level}`).toBe(open);
    }
    expect(stats.closed).toBe(all.filter((e) => !['open', 'acknowledged'].includes(e.status)).length);
  });
});

describe('raised from a dependency whose response is late', () => {
  it('is accepted only for a late dependency of this issue', async () => {
    // Any request the seed left unanswered is late by now (the clock has moved days ahead).
    const r = p.kvs.handle(
      '/api/v1/entity/query',
      JSON.stringify({ entityName: 'dependency', indexName: 'by-response-due', partition: ['late'], limit: 1 }),
    );
    const late = (JSON.parse(r.body) as { data: Array<{ value: { id: string; downstreamIssueId: string } }> }).data[0]
      ?.value;
    expect(late).toBeDefined();
    const issueKey = (await jiraAs(p, 'app', 'GET', `/rest/api/3/issue/${late!.downstreamIssueId}?fields=summary`)).body
      .key as string;
    const ok = await panel(issueKey, U.linTao.accountId, 'raiseEscalation', {
      description: '联调接口迟迟未响应',
      departmentAsked: 'rnd',
      dependencyId: late!.id,
    });
    expect(data(ok.env).escalations[0]).toMatchObject({ source: 'dependency', level: 1 });
    const other = issueKey === 'PAY-12' ? 'PAY-13' : 'PAY-12';
    const wrong = await panel(other, U.gaoYuan.accountId, 'raiseEscalation', {
      description: 'x',
      departmentAsked: 'rnd',
      dependencyId: late!.id,
    });
    expect(wrong.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dependencyId' } });
  });
});

describe('Jira Automation actions', () => {
  it('raise and climb as the rule’s actor; bad inputs fail the rule with a message', async () => {
    const raised = (await p.host.runAutomationAction(
      'raise-escalation',
      { issueKey: 'PAY-15', description: '回归测试环境不可用', departmentAsked: 'rnd', ignored: 'x' },
      U.gaoYuan.accountId,
    )) as { escalationId: string; level: number };
    expect(raised).toMatchObject({ level: 1 });
    const climbed = (await p.host.runAutomationAction(
      'climb-escalation',
      { issueKey: 'PAY-15', note: 'rule: still blocked' },
      U.gaoYuan.accountId,
    )) as { level: number };
    expect(climbed).toMatchObject({ escalationId: raised.escalationId, level: 2 });
    const events = await timeline('PAY-15', raised.escalationId);
    expect(events.map((e) => e.kind)).toContain('escalation.climbed');
    expect(
      await p.host.runAutomationAction(
        'raise-escalation',
        { issueKey: 'PAY-15', departmentAsked: 'rnd' },
        U.gaoYuan.accountId,
      ),
    ).toEqual({ errors: [{ message: expect.stringContaining('description') }] });
    expect(await p.host.runAutomationAction('climb-escalation', { issueKey: 'PAY-2' }, U.gaoYuan.accountId)).toEqual({
      errors: [{ message: expect.stringContaining('PAY-2') }],
    });
    // The contractor cannot see PAY: Automation acts as the rule's actor.
    const hidden = (await p.host.runAutomationAction(
      'raise-escalation',
      { issueKey: 'PAY-15', description: 'x', departmentAsked: 'rnd' },
      U.kevinXu.accountId,
    )) as { errors?: unknown[] };
    expect(hidden.errors).toHaveLength(1);
  });

  it('tell the rule’s actor what is wrong in their Jira language, like the panel does', async () => {
    // 高原 reads Jira in Chinese, Kevin Xu in English; Automation's context names the actor but no language.
    expect(
      await p.host.runAutomationAction(
        'raise-escalation',
        { issueKey: 'PAY-15', departmentAsked: 'rnd' },
        U.gaoYuan.accountId,
      ),
    ).toEqual({ errors: [{ message: '字段“description”无效：必填' }] });
    expect(
      await p.host.runAutomationAction(
        'raise-escalation',
        { issueKey: 'PAY-15', departmentAsked: 'rnd' },
        U.kevinXu.accountId,
      ),
    ).toEqual({ errors: [{ message: 'Field "description" is invalid: is required' }] });
    expect(
      await p.host.runAutomationAction(
        'raise-escalation',
        { issueKey: 'PAY-15', description: 'x', departmentAsked: 'rnd' },
        U.kevinXu.accountId,
      ),
    ).toEqual({
      errors: [{ message: 'Issue PAY-15 does not exist or you do not have permission to see it.' }],
    });
  });
});

describe('project page figures', () => {
  it('come from the rollup within the page budget', async () => {
    const { env, record } = await page('PAY', U.gaoYuan.accountId, 'getEscalationStats');
    const stats = data(env);
    const open = stats.openByLevel.reduce((n: number, l: { count: number }) => n + l.count, 0);
    const overview = data((await page('PAY', U.gaoYuan.accountId, 'getProjectOverview')).env);
    expect(open).toBe(overview.escalations.open);
    expect(stats.openByLevel[1].count).toBeGreaterThanOrEqual(2);
    expect(stats.resolvedWithinLimit).not.toBeNull();
    expect(stats.meanHoursToResolve).not.toBeNull();
    expect(stats.canConfigure).toBe(true);
    expect(record.kvsOps).toBeLessThanOrEqual(8);
    expect(record.jiraCalls).toBeLessThanOrEqual(2);
  });

  it('the ladder (Project settings → Escalation ladder) is the project admins’ to change', async () => {
    const view = data((await settings('PAY', U.gaoYuan.accountId, 'getEscalationLadder')).env);
    expect(view.ladder.levels[2].accountIds).toEqual([U.maChao.accountId]);
    const refused = await settings('PAY', U.zhouJie.accountId, 'saveEscalationLadder', {
      ladder: view.ladder,
      version: view.version,
    });
    expect(refused.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const nobody = structuredClone(view.ladder);
    nobody.levels[2].accountIds = [];
    const invalid = await settings('PAY', U.gaoYuan.accountId, 'saveEscalationLadder', {
      ladder: nobody,
      version: view.version,
    });
    expect(invalid.env).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const faster = structuredClone(view.ladder);
    faster.levels[0].hours = 8;
    expect(
      data(
        (await settings('PAY', U.gaoYuan.accountId, 'saveEscalationLadder', { ladder: faster, version: view.version }))
          .env,
      ).ladder.levels[0].hours,
    ).toBe(8);
    const stale = await settings('PAY', U.gaoYuan.accountId, 'saveEscalationLadder', {
      ladder: faster,
      version: view.version,
    });
    expect(stale.env).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('admin page: calendars and the web trigger secret', () => {
  it('saves calendars per department, refusing unknown references', async () => {
    const view = data((await admin(U.linTao.accountId, 'getCalendars')).env);
    expect(view.settings.calendars.map((c: { id: string }) => c.id)).toEqual(['cn-mainland', 'weekends']);
    const bad = await admin(U.linTao.accountId, 'saveCalendars', {
      settings: { ...view.settings, byDepartment: { legal: 'nope' } },
      version: view.version,
    });
    expect(bad.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'byDepartment.legal' } });
    const notAdmin = await admin(U.gaoYuan.accountId, 'saveCalendars', {
      settings: view.settings,
      version: view.version,
    });
    expect(notAdmin.env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const saved = data(
      (
        await admin(U.linTao.accountId, 'saveCalendars', {
          settings: { ...view.settings, byDepartment: { legal: 'weekends' } },
          version: view.version,
        })
      ).env,
    );
    expect(saved.settings.byDepartment).toEqual({ legal: 'weekends' });
    // A new escalation to Legal now runs on the plain weekday calendar.
    const esc = data(
      (
        await panel('PAY-16', U.gaoYuan.accountId, 'raiseEscalation', {
          description: '条款确认',
          departmentAsked: 'legal',
        })
      ).env,
    ).escalations[0];
    expect(Date.parse(esc.dueAt)).toBe(addWorkingHours(Date.parse(esc.raisedAt), 8, BUILTIN_CALENDARS[1]!));
    // So does a request to Legal (issue 4): its response deadline counts Legal's 48 hours in Legal's calendar.
    const before = p.clock.now();
    const created = await panel('PAY-16', U.gaoYuan.accountId, 'createDependency', {
      otherIssueKey: 'PAY-9',
      direction: 'upstream',
      deliverable: '条款意见 Terms review',
      needBy: '2027-01-15',
      providingDept: 'legal',
    });
    const dep = data(created.env).dependency;
    const expected = addWorkingHours(before, 48, BUILTIN_CALENDARS[1]!);
    // The sandbox clock runs on while the request is made: within a few seconds of the expected instant.
    expect(Date.parse(dep.responseDueAt) - expected).toBeGreaterThanOrEqual(0);
    expect(Date.parse(dep.responseDueAt) - expected).toBeLessThan(5_000);
    expect(
      Math.abs(Date.parse(dep.responseDueAt) - addWorkingHours(before, 48, BUILTIN_CALENDARS[0]!)),
    ).toBeGreaterThan(3_600_000);
  });

  it('rotates the signing secret: shown once, the old one stops working, the new one signs', async () => {
    const body = JSON.stringify({ issueKey: 'PAY-9', description: '第三方接口不稳定', departmentAsked: 'rnd' });
    const call = async (secret: string) => {
      const ts = String(Math.floor(p.clock.now() / 1000));
      const nonce = randomBytes(12).toString('hex');
      const out = await p.host.callWebTrigger('escalation-webhook', {
        method: 'POST',
        path: '/x/escalation-webhook',
        headers: {
          'x-collab-timestamp': ts,
          'x-collab-nonce': nonce,
          'x-collab-signature': sign(secret, ts, nonce, body),
        },
        body,
        query: new URLSearchParams(),
      });
      return out.statusCode;
    };
    expect(await call(SANDBOX_WEBHOOK_SECRET)).toBe(201);
    expect((await admin(U.gaoYuan.accountId, 'rotateWebhookSecret')).env).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const rotated = data((await admin(U.linTao.accountId, 'rotateWebhookSecret')).env);
    expect(rotated.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const status = data((await admin(U.linTao.accountId, 'getWebhookSecret')).env);
    expect(status).toMatchObject({ configured: true, fingerprint: rotated.fingerprint });
    expect(JSON.stringify(status)).not.toContain(rotated.secret);
    expect(await call(SANDBOX_WEBHOOK_SECRET)).toBe(401);
    expect(await call(rotated.secret)).toBe(201);
  });
});
