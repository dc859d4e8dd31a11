import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEPENDENCY_STATUSES } from '../../../src/contract';
import {
  dependencyHealth,
  leadTimeDays,
  type HealthInput,
  type HealthReason,
} from '../../../src/domain/dependencies/dependency';
import { CN, weekdays } from '../../support/calendars';

/** 10:00 in Beijing on a date. */
const beijing = (date: string, time = '10:00') => Date.parse(`${date}T${time}:00+08:00`);
const open = { status: 'committed' as const, needBy: '', late: false, proposedDate: '', upstreamDueDate: '' };
const PLAIN = weekdays();

describe('dependency days in the providing department’s calendar (mainland China, 2026)', () => {
  it('does not count 国庆 (1-7 Oct) as days late: a need-by of 30 Sep is 1 working day late on 8 Oct, 2 on 9 Oct', () => {
    const d = { ...open, needBy: '2026-09-30' };
    expect(dependencyHealth(d, beijing('2026-10-08'), CN)).toEqual({
      health: 'overdue',
      reason: 'needByPassed',
      days: 1,
    });
    expect(dependencyHealth(d, beijing('2026-10-09'), CN)).toEqual({
      health: 'overdue',
      reason: 'needByPassed',
      days: 2,
    });
    // Plain weekdays counted the holiday as work: 6 and 7.
    expect(dependencyHealth(d, beijing('2026-10-08'), PLAIN).days).toBe(6);
    expect(dependencyHealth(d, beijing('2026-10-09'), PLAIN).days).toBe(7);
    // In the middle of the holiday the date has passed, but no working day has been lost yet.
    expect(dependencyHealth(d, beijing('2026-10-05'), CN)).toEqual({
      health: 'overdue',
      reason: 'needByPassed',
      days: 0,
    });
  });

  it('counts the make-up Saturday (调休, 10 Oct) as a working day', () => {
    const d = { ...open, needBy: '2026-10-09' };
    expect(dependencyHealth(d, beijing('2026-10-10'), CN).days).toBe(1);
    expect(dependencyHealth(d, beijing('2026-10-10'), PLAIN).days).toBe(0);
    expect(dependencyHealth(d, beijing('2026-10-12'), CN).days).toBe(2);
    expect(dependencyHealth(d, beijing('2026-10-12'), PLAIN).days).toBe(1);
  });

  it('counts the other reasons’ days in the same calendar', () => {
    // The upstream is due on 9 Oct for a need-by of 30 Sep: 2 working days after it, not 7.
    expect(
      dependencyHealth({ ...open, needBy: '2026-09-30', upstreamDueDate: '2026-10-09' }, beijing('2026-09-28'), CN),
    ).toEqual({
      health: 'atRisk',
      reason: 'upstreamDueAfterNeedBy',
      days: 2,
    });
    // A counter-proposal from Thu 24 Sep to Mon 28 Sep spans 中秋 (25-27 Sep): 1 working day later, not 2.
    expect(
      dependencyHealth(
        { ...open, status: 'countered', needBy: '2026-09-24', proposedDate: '2026-09-28' },
        beijing('2026-09-21'),
        CN,
      ),
    ).toMatchObject({
      reason: 'counterAfterNeedBy',
      days: 1,
    });
    // An upstream due on Fri 13 Feb, still open on Tue 24 Feb: the make-up Saturday 14 Feb and the 24th, not 7 days through 春节.
    expect(dependencyHealth({ ...open, upstreamDueDate: '2026-02-13' }, beijing('2026-02-24'), CN)).toMatchObject({
      reason: 'upstreamPastDue',
      days: 2,
    });
    expect(dependencyHealth({ ...open, upstreamDueDate: '2026-02-13' }, beijing('2026-02-24'), PLAIN)).toMatchObject({
      reason: 'upstreamPastDue',
      days: 7,
    });
  });

  it('judges “today” by the providing department’s local date', () => {
    // 20:00 UTC on 8 Oct is already 04:00 on 9 Oct in Beijing.
    const at = Date.parse('2026-10-08T20:00:00Z');
    const d = { ...open, needBy: '2026-10-08' };
    expect(dependencyHealth(d, at, CN)).toEqual({ health: 'overdue', reason: 'needByPassed', days: 1 });
    expect(dependencyHealth(d, at, weekdays('UTC'))).toEqual({ health: 'onTrack', reason: 'none', days: 0 });
    expect(dependencyHealth(d, at, weekdays('America/New_York'))).toEqual({
      health: 'onTrack',
      reason: 'none',
      days: 0,
    });
  });

  it('weighs a dependency on the critical path by the working days its provider actually has', () => {
    // Requested Tue 29 Sep, needed Fri 9 Oct: 30 Sep, 8 and 9 Oct in China; 8 plain weekdays.
    expect(leadTimeDays({ createdAt: beijing('2026-09-29'), needBy: '2026-10-09' }, CN)).toBe(3);
    expect(leadTimeDays({ createdAt: beijing('2026-09-29'), needBy: '2026-10-09' }, PLAIN)).toBe(8);
    // Requested during the holiday for the Saturday it ends with a make-up day: 8, 9 and 10 Oct.
    expect(leadTimeDays({ createdAt: beijing('2026-10-03'), needBy: '2026-10-10' }, CN)).toBe(3);
    // The request day is the provider's local date: 17:00 UTC on 30 Sep is 1 Oct in Beijing.
    expect(leadTimeDays({ createdAt: Date.parse('2026-09-30T17:00:00Z'), needBy: '2026-10-09' }, CN)).toBe(2);
    expect(leadTimeDays({ createdAt: Date.parse('2026-09-30T17:00:00Z'), needBy: '2026-10-09' }, weekdays('UTC'))).toBe(
      7,
    );
    // Never free, even when all the time given falls in a holiday.
    expect(leadTimeDays({ createdAt: beijing('2026-10-01'), needBy: '2026-10-07' }, CN)).toBe(1);
  });
});

describe('with a holiday-free Monday-Friday calendar nothing changes', () => {
  const DAY = 86_400_000;
  /** The plain-weekday count the app used before: working days after `a` up to and including `b`, negative backwards. */
  function plainDays(a: string, b: string): number {
    const [lo, hi] = [a, b].sort();
    let n = 0;
    for (let t = Date.parse(`${lo}T00:00:00Z`) + DAY; t <= Date.parse(`${hi}T00:00:00Z`); t += DAY)
      if (![0, 6].includes(new Date(t).getUTCDay())) n++;
    return b >= a ? n : -n;
  }
  /** Its "today": the date at UTC+8. */
  const plainToday = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  /** Which two dates each reason counts between. */
  const span: Partial<Record<HealthReason, (d: HealthInput, today: string) => [string, string]>> = {
    needByPassed: (d, t) => [d.needBy, t],
    upstreamDueAfterNeedBy: (d) => [d.needBy, d.upstreamDueDate],
    upstreamPastDue: (d, t) => [d.upstreamDueDate, t],
    counterAfterNeedBy: (d) => [d.needBy, d.proposedDate],
  };
  // Four years from 2024: every weekday, month end and leap day, small enough for the brute-force count.
  const start = Date.UTC(2024, 0, 1);
  const instant = fc.integer({ min: start, max: start + 1461 * DAY });
  const date = fc.oneof(
    fc.constant(''),
    fc.integer({ min: 0, max: 1461 }).map((n) => new Date(start + n * DAY).toISOString().slice(0, 10)),
  );
  const input = fc.record({
    status: fc.constantFrom(...DEPENDENCY_STATUSES),
    needBy: date,
    upstreamDueDate: date,
    proposedDate: date,
    late: fc.boolean(),
    upstreamBlocked: fc.boolean(),
  });

  it('health days equal the plain-weekday count, and the verdict does not depend on the holidays', () => {
    fc.assert(
      fc.property(input, instant, (d, now) => {
        const h = dependencyHealth(d, now, PLAIN);
        const between = span[h.reason];
        expect(h.days).toBe(between ? plainDays(...between(d, plainToday(now))) : 0);
        // Same time zone, other holidays: other days, same health and reason.
        const cn = dependencyHealth(d, now, CN);
        expect([cn.health, cn.reason]).toEqual([h.health, h.reason]);
      }),
      { numRuns: 500 },
    );
  });

  it('lead times equal the plain-weekday count', () => {
    fc.assert(
      fc.property(instant, date, (createdAt, needBy) => {
        expect(leadTimeDays({ createdAt, needBy }, PLAIN)).toBe(
          needBy ? Math.max(1, plainDays(plainToday(createdAt), needBy)) : 1,
        );
      }),
      { numRuns: 500 },
    );
  });
});
