import { describe, expect, it } from 'vitest';
import {
  addLimit,
  DEFAULT_DEPENDENCY_LIMITS,
  dependencyLimitsOf,
  responseLimit,
} from '../../../src/domain/shared/limits';
import { addWorkdayHours } from '../../../src/domain/shared/calendar';
import { CN } from '../../support/calendars';
import type { WorkingCalendar } from '../../../src/contract';

// Beijing is UTC+8 all year: 17:00 there is 09:00Z, 10:00 is 02:00Z.
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('hours on working days (the default unit)', () => {
  it('makes a Friday 17:00 request due Monday 17:00', () => {
    // Friday 2026-11-20 17:00: 7 h left of Friday (to midnight), Saturday and Sunday do not count, then 17 h of
    // Monday: Monday 2026-11-23 17:00.
    const due = addLimit(at('2026-11-20T09:00:00Z'), { amount: 24, unit: 'workdayHours' }, CN);
    expect(iso(due)).toBe('2026-11-23T09:00:00.000Z');
  });

  it('makes a request on the eve of 国庆 due the first working day after it, at the same time', () => {
    // Wednesday 2026-09-30 10:00: 14 h to midnight; 10-01 to 10-07 are 国庆 holidays (the built-in calendar, from
    // the State Council's notice); Thursday 10-08 is worked: 10 h more → 2026-10-08 10:00.
    const due = addLimit(at('2026-09-30T02:00:00Z'), { amount: 24, unit: 'workdayHours' }, CN);
    expect(iso(due)).toBe('2026-10-08T02:00:00.000Z');
    // 48 h (an approval) from Tuesday 09-29 15:00: 9 h on 09-29, 24 on 09-30 (33), then 15 on 10-08 → 15:00.
    expect(iso(addLimit(at('2026-09-29T07:00:00Z'), { amount: 48, unit: 'workdayHours' }, CN))).toBe(
      '2026-10-08T07:00:00.000Z',
    );
  });

  it('counts the 调休 Saturday after 国庆 as a working day', () => {
    // Friday 2026-10-09 17:00: 7 h, then Saturday 10-10 is a make-up working day: 17 h → Saturday 17:00.
    expect(iso(addLimit(at('2026-10-09T09:00:00Z'), { amount: 24, unit: 'workdayHours' }, CN))).toBe(
      '2026-10-10T09:00:00.000Z',
    );
  });

  it('across 春节 2027: the built-in calendar has no 2027 holidays yet; an admin adds them', () => {
    // The State Council's 2027 notice is not out, so the built-in calendar counts 2027 as ordinary weeks:
    // Friday 2027-02-05 17:00 + 24 → Monday 2027-02-08 17:00.
    expect(iso(addLimit(at('2027-02-05T09:00:00Z'), { amount: 24, unit: 'workdayHours' }, CN))).toBe(
      '2027-02-08T09:00:00.000Z',
    );
    // With 春节 entered by hand (these dates are this test's example, not the notice): Monday 02-08 to Friday
    // 02-12 off, Saturday 02-20 worked. Friday 02-05 17:00: 7 h, then nothing until Monday 02-15: 17 h → 17:00.
    const spring: WorkingCalendar = {
      ...CN,
      id: 'cn-2027',
      holidays: [...CN.holidays, '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
      makeUpDays: [...CN.makeUpDays, '2027-02-20'],
    };
    expect(iso(addLimit(at('2027-02-05T09:00:00Z'), { amount: 24, unit: 'workdayHours' }, spring))).toBe(
      '2027-02-15T09:00:00.000Z',
    );
    // Friday 02-19 17:00: 7 h, and the make-up Saturday 02-20 counts: 17 h → Saturday 17:00.
    expect(iso(addLimit(at('2027-02-19T09:00:00Z'), { amount: 24, unit: 'workdayHours' }, spring))).toBe(
      '2027-02-20T09:00:00.000Z',
    );
  });

  it('starts counting on the next working day when raised on a day off', () => {
    // Saturday 2026-11-21 10:00: nothing counts until Monday 00:00; 24 h → Monday 24:00, Tuesday 00:00 local.
    expect(iso(addWorkdayHours(at('2026-11-21T02:00:00Z'), 24, CN))).toBe('2026-11-23T16:00:00.000Z');
    expect(addWorkdayHours(at('2026-11-21T02:00:00Z'), 0, CN)).toBe(at('2026-11-21T02:00:00Z'));
  });
});

describe('clock hours and working hours', () => {
  it('clock hours count weekends and holidays (紧急)', () => {
    // The eve of 国庆, 10:00, + 2 clock hours → 12:00 the same day; Friday 17:00 + 24 → Saturday 17:00.
    expect(iso(addLimit(at('2026-09-30T02:00:00Z'), { amount: 2, unit: 'clockHours' }, CN))).toBe(
      '2026-09-30T04:00:00.000Z',
    );
    expect(iso(addLimit(at('2026-11-20T09:00:00Z'), { amount: 24, unit: 'clockHours' }, CN))).toBe(
      '2026-11-21T09:00:00.000Z',
    );
  });

  it('working hours count only office hours: 24 of them from Monday 10:00 end Thursday 10:00', () => {
    // 09:00-18:00 less lunch is 8 h a day: Monday 10-12 and 13-18 (7), Tuesday 8 (15), Wednesday 8 (23), Thursday
    // 09:00 + 1 → Thursday 2026-11-26 10:00. What the app used to do for every limit; now only when chosen.
    expect(iso(addLimit(at('2026-11-23T02:00:00Z'), { amount: 24, unit: 'workingHours' }, CN))).toBe(
      '2026-11-26T02:00:00.000Z',
    );
  });
});

describe('which limit applies', () => {
  it('reads settings saved before issue 15 as the defaults: 24 h to answer, 48 h to approve, on working days', () => {
    const limits = dependencyLimitsOf({});
    expect(limits).toEqual(DEFAULT_DEPENDENCY_LIMITS);
    expect(limits.response.routine).toEqual({ amount: 24, unit: 'workdayHours' });
    expect(limits.approval.routine).toEqual({ amount: 48, unit: 'workdayHours' });
    expect(limits.response.urgent.unit).toBe('clockHours');
  });

  it("takes a department's own response time for routine requests only, in the site's unit", () => {
    const limits = {
      ...DEFAULT_DEPENDENCY_LIMITS,
      response: { ...DEFAULT_DEPENDENCY_LIMITS.response, routine: { amount: 24, unit: 'workingHours' as const } },
    };
    expect(responseLimit(limits, 'routine', 48)).toEqual({ amount: 48, unit: 'workingHours' });
    expect(responseLimit(limits, 'important', 48)).toEqual(DEFAULT_DEPENDENCY_LIMITS.response.important);
    expect(responseLimit(limits, 'urgent', 48)).toEqual({ amount: 2, unit: 'clockHours' });
  });
});
