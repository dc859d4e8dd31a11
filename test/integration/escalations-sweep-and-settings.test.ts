import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SANDBOX_WEBHOOK_SECRET } from '../../sandbox/seed/app-seed';
import { sign } from '../../src/app/escalations/raise-escalation-by-request';
import { BUILTIN_CALENDARS } from '../../src/domain/shared/calendar';
import { addLimit } from '../../src/domain/shared/limits';
import { data, escalationHelpers, U } from '../support/escalations';
import { jiraAs, startPlatform } from '../support/platform';

/**
 * Escalations on the sandbox, on their own platform: the sweep run twice at once and with failing notifications,
 * the rollup, raising from a late dependency, Jira Automation's actions, the project page's figures and ladder,
 * and the admin page's calendars and web trigger secret. The tests build on each other, in order: the clock
 * moves ahead (so the seed's unanswered requests are late), and the faster ladder saved here sets the deadline
 * the calendar test expects.
 */
let p: Platform;
const { panel, page, settings, admin, timeline, section } = escalationHelpers(() => p);
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

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
    // Issue 15: a level's limit is its share of the tier's end-to-end limit.
    faster.tiers.routine.levelHours[0] = 8;
    expect(
      data(
        (await settings('PAY', U.gaoYuan.accountId, 'saveEscalationLadder', { ladder: faster, version: view.version }))
          .env,
      ).ladder.tiers.routine.levelHours[0],
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
    expect(Date.parse(esc.dueAt)).toBe(
      addLimit(Date.parse(esc.raisedAt), { amount: 8, unit: 'workdayHours' }, BUILTIN_CALENDARS[1]!),
    );
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
    const expected = addLimit(before, { amount: 48, unit: 'workdayHours' }, BUILTIN_CALENDARS[1]!);
    // The sandbox clock runs on while the request is made: within a few seconds of the expected instant.
    expect(Date.parse(dep.responseDueAt) - expected).toBeGreaterThanOrEqual(0);
    expect(Date.parse(dep.responseDueAt) - expected).toBeLessThan(5_000);
    // Issue 15: counted in hours on working days, Legal's weekday calendar (UTC) and the mainland one agree in this
    // window (no holiday, the same weekdays), so what tells them apart is Legal's own 48 hours, not the default 24.
    expect(
      Math.abs(
        Date.parse(dep.responseDueAt) - addLimit(before, { amount: 24, unit: 'workdayHours' }, BUILTIN_CALENDARS[1]!),
      ),
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
