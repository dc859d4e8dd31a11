import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { data, escalationHelpers, U } from '../support/escalations';
import { startPlatform } from '../support/platform';

/**
 * Issue 15 through the real resolvers on the sandbox: a ladder saved before the tiers existed reads as tiers, an
 * urgent escalation needs a temporary owner, gets a clock-hour resolution deadline and reaches the department
 * heads at once, and the calendars page hands out the dependency limits it will save.
 */
let p: Platform;
const { panel, settings, admin, timeline } = escalationHelpers(() => p);
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p?.close());

const H = 3_600_000;

function kvs(path: string, body: unknown) {
  const r = p.kvs.handle(path, JSON.stringify(body));
  return r.body ? JSON.parse(r.body) : null;
}

describe('a ladder saved before issue 15', () => {
  it('is read with its numbers as the routine tier, on working days, and saved in the new shape', async () => {
    const view = data((await settings('AICS', U.liuYang.accountId, 'getEscalationLadder')).env);
    const stored = kvs('/api/v1/entity/get', { entityName: 'esc-settings', key: 'ladder:v1:AICS' });
    const levels = view.ladder.levels.map((l: object, i: number) => ({ ...l, hours: [8, 16, 16][i] }));
    kvs('/api/v1/entity/set', {
      entityName: 'esc-settings',
      key: 'ladder:v1:AICS',
      value: { ...stored.value, data: { levels } },
    });
    const old = data((await settings('AICS', U.liuYang.accountId, 'getEscalationLadder')).env);
    expect(old.ladder.tiers.routine).toEqual({ unit: 'workdayHours', levelHours: [8, 16, 16] });
    expect(old.ladder.tiers.urgent.unit).toBe('clockHours');
    expect(old.ladder.levels[0].hours).toBeUndefined();
    const saved = data(
      (
        await settings('AICS', U.liuYang.accountId, 'saveEscalationLadder', {
          ladder: old.ladder,
          version: old.version,
        })
      ).env,
    );
    expect(saved.ladder).toEqual(old.ladder);
    // An urgent tier counted in anything but clock hours is refused, naming the field.
    const bad = structuredClone(saved.ladder);
    bad.tiers.urgent.unit = 'workdayHours';
    const refused = await settings('AICS', U.liuYang.accountId, 'saveEscalationLadder', {
      ladder: bad,
      version: saved.version,
    });
    expect(refused.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'ladder.tiers.urgent.unit' } });
  });
});

describe('an urgent escalation (紧急)', () => {
  it('needs a temporary owner, is due in clock hours and reaches the department heads at once', async () => {
    const missing = await panel('AICS-8', U.liuYang.accountId, 'raiseEscalation', {
      description: '客户投诉：退款接口报错',
      departmentAsked: 'tech',
      urgency: 'urgent',
    });
    expect(missing.env).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'temporaryOwner' } });
    const raised = data(
      (
        await panel('AICS-8', U.liuYang.accountId, 'raiseEscalation', {
          description: '客户投诉：退款接口报错',
          departmentAsked: 'tech',
          urgency: 'urgent',
          temporaryOwner: U.liNa.accountId,
        })
      ).env,
    ).escalations[0];
    expect(raised.urgency).toBe('urgent');
    expect(raised.temporaryOwner.accountId).toBe(U.liNa.accountId);
    // The default urgent tier: 12 / 6 / 6 clock hours, so decided within 24 h of raising, weekend or not.
    expect(Date.parse(raised.decisionDueAt) - Date.parse(raised.raisedAt)).toBe(24 * H);
    expect(Date.parse(raised.dueAt) - Date.parse(raised.raisedAt)).toBe(12 * H);
    const notified = (await timeline('AICS-8', raised.id)).find((e) => e.kind === 'escalation.notified');
    const to = (notified?.notified ?? []).map((x) => x.accountId);
    // Level 1 (the interface persons), the heads of level 2 (技术部 王磊, 产品部 张伟) and the temporary owner.
    expect(to).toEqual(expect.arrayContaining([U.liNa.accountId, U.wangLei.accountId, U.zhangWei.accountId]));
  });
});

describe('the calendars page', () => {
  it('shows the dependency limits (defaults on settings saved before) and saves changed ones', async () => {
    const view = data((await admin(U.linTao.accountId, 'getCalendars')).env);
    expect(view.settings.limits.response.routine).toEqual({ amount: 24, unit: 'workdayHours' });
    expect(view.settings.limits.approval.routine).toEqual({ amount: 48, unit: 'workdayHours' });
    const limits = structuredClone(view.settings.limits);
    limits.approval.important = { amount: 12, unit: 'workingHours' };
    const saved = data(
      (
        await admin(U.linTao.accountId, 'saveCalendars', {
          settings: { ...view.settings, limits },
          version: view.version,
        })
      ).env,
    );
    expect(saved.settings.limits.approval.important).toEqual({ amount: 12, unit: 'workingHours' });
    limits.response.urgent = { amount: 2, unit: 'workdayHours' };
    const refused = await admin(U.linTao.accountId, 'saveCalendars', {
      settings: { ...saved.settings, limits },
      version: saved.version,
    });
    expect(refused.env).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'settings.limits.response.urgent.unit' },
    });
  });
});
