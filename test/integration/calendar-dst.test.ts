import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../sandbox/platform';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import { weekdays } from '../support/calendars';
import { invoke, startPlatform } from '../support/platform';

/**
 * A department whose calendar is in Berlin, across the night its clocks jump from 02:00 CET to 03:00 CEST
 * (Sunday 28 March 2027): the escalation deadline is counted in Berlin's wall-clock working hours on both sides,
 * and the sandbox's hourly sweep climbs it once that instant has passed, not an hour early.
 */
const PANEL = 'collab-issue-panel';
const ADMIN = 'collab-admin-page';
const U = SEED_USERS;
const H = 3_600_000;

/** Wall-clock time in Berlin to the minute, e.g. "2027-03-31 13:00". */
const berlin = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);

function data(env: { ok: boolean; data?: any; error?: any }) {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
}

let p: Platform;
beforeAll(async () => {
  // Friday 26 March 2027, 16:00 in Berlin (CET, UTC+1): two working hours left before the weekend of the change.
  p = await startPlatform({ startAt: Date.parse('2027-03-26T16:00:00+01:00') });
});
afterAll(() => p?.close());

describe('a department calendar in Europe/Berlin across the change to summer time', () => {
  it('counts 24 h on working days in wall-clock days on both sides, and the sweep climbs it once it has passed', async () => {
    const admin = async (fn: string, payload: unknown = {}) =>
      data((await invoke(p, { moduleKey: ADMIN, accountId: U.linTao.accountId }, fn, payload)).env);
    const view = await admin('getCalendars');
    const office = weekdays('Europe/Berlin', { id: 'berlin-office', name: 'Berlin office' });
    await admin('saveCalendars', {
      settings: {
        ...view.settings,
        calendars: [...view.settings.calendars, office],
        byDepartment: { ...view.settings.byDepartment, marketing: 'berlin-office' },
      },
      version: view.version,
    });

    const panel = async (fn: string, payload: unknown = {}) =>
      data((await invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-13' }, fn, payload)).env)
        .escalations;
    const raised = (
      await panel('raiseEscalation', {
        description: '柏林办公室的推广素材 / Berlin office campaign assets',
        departmentAsked: 'marketing',
      })
    )[0];
    expect(berlin(Date.parse(raised.raisedAt))).toBe('2027-03-26 16:00');
    // Issue 15: 24 h on working days. Fri 16:00-24:00 (8 h, CET); the weekend (summer time starts on Sunday) does
    // not count; Monday 29 from 00:00 CEST + 16 h: 16:00 CEST, 14:00 UTC. Counting in a fixed UTC+1 would give
    // 15:00 UTC, an hour late.
    const due = Date.parse(raised.dueAt);
    expect(berlin(due)).toBe('2027-03-29 16:00');
    expect(new Date(due).toISOString().slice(0, 16)).toBe('2027-03-29T14:00');

    await p.advance(due - p.clock.now() - H);
    const section = async () =>
      data(
        (await invoke(p, { moduleKey: PANEL, accountId: U.gaoYuan.accountId, issueKey: 'PAY-13' }, 'getIssuePanel'))
          .env,
      ).escalations.escalations.find((e: { id: string }) => e.id === raised.id);
    expect(await section()).toMatchObject({ level: 1, status: 'open' });
    // The sweep runs hourly: two hours on, it has run at least once past the deadline.
    await p.advance(2 * H);
    const climbed = await section();
    expect(climbed).toMatchObject({ level: 2, status: 'open' });
    // Level 2 runs out 24 + 12 h on working days after the raising: Monday 16:00 + 8 h to midnight, Tuesday + 4 h.
    expect(berlin(Date.parse(climbed.dueAt))).toBe('2027-03-30 04:00');
  });
});
