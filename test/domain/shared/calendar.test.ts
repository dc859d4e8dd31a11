import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingHours,
  BUILTIN_CALENDARS,
  isWorkingDay,
  workingDaysBetween,
  workingMsBetween,
  zonedInstant,
} from '../../../src/domain/shared/calendar';
import { WorkingCalendarSchema, type WorkingCalendar } from '../../../src/contract';
import { weekdays } from '../../support/calendars';

const cn = BUILTIN_CALENDARS.find((c) => c.id === 'cn-mainland')!;
const plain = BUILTIN_CALENDARS.find((c) => c.id === 'weekends')!;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;
const day = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

const office = (timeZone: string): WorkingCalendar => ({
  id: 'office',
  name: 'Office',
  timeZone,
  workStart: '09:00',
  workEnd: '17:00',
  lunchStart: null,
  lunchEnd: null,
  workdays: [1, 2, 3, 4, 5],
  holidays: [],
  makeUpDays: [],
  note: '',
});

describe('mainland China calendar, 2026 (State Council notice of 4 Nov 2025)', () => {
  it('knows the holidays and the make-up working days (调休)', () => {
    expect(isWorkingDay(day('2026-10-01'), cn)).toBe(false); // 国庆, a Thursday
    expect(isWorkingDay(day('2026-10-08'), cn)).toBe(true);
    expect(isWorkingDay(day('2026-10-10'), cn)).toBe(true); // Saturday worked
    expect(isWorkingDay(day('2026-09-20'), cn)).toBe(true); // Sunday worked
    expect(isWorkingDay(day('2026-02-23'), cn)).toBe(false); // 春节, a Monday
    expect(isWorkingDay(day('2026-02-14'), cn)).toBe(true); // Saturday worked
    expect(isWorkingDay(day('2026-02-28'), cn)).toBe(true);
    expect(isWorkingDay(day('2026-01-04'), cn)).toBe(true); // Sunday after 元旦
    expect(isWorkingDay(day('2026-10-11'), cn)).toBe(false); // an ordinary Sunday
  });

  it('24 working hours from Wed 30 Sep 10:00 skip 国庆 and end on the make-up Saturday 10 Oct at 10:00', () => {
    // 30 Sep: 10-12 and 13-18 = 7 h; 1-7 Oct off; 8 Oct 8 h; 9 Oct 8 h (23 h); 10 Oct (调休) 09:00 + 1 h.
    expect(iso(addWorkingHours(at('2026-09-30T10:00:00+08:00'), 24, cn))).toBe('2026-10-10T02:00:00.000Z');
  });

  it('8 working hours from Fri 13 Feb 17:00 end on the make-up Saturday 14 Feb at 17:00 (lunch skipped)', () => {
    expect(iso(addWorkingHours(at('2026-02-13T17:00:00+08:00'), 8, cn))).toBe('2026-02-14T09:00:00.000Z');
  });

  it('one working hour after the make-up Saturday closes falls after 春节, on Tue 24 Feb 10:00', () => {
    expect(iso(addWorkingHours(at('2026-02-14T18:00:00+08:00'), 1, cn))).toBe('2026-02-24T02:00:00.000Z');
  });

  it('adds exactly the asked working minutes around 中秋, 国庆 and the 调休 days (vs a minute-by-minute count)', () => {
    const off = new Set(cn.holidays);
    const on = new Set(cn.makeUpDays);
    /** Working minutes in [from, to): Beijing time, 09:00-12:00 and 13:00-18:00 on worked days. */
    const workingMinutes = (from: number, to: number) => {
      let n = 0;
      for (let t = from; t < to; t += 60_000) {
        const local = new Date(t + 8 * H);
        const date = local.toISOString().slice(0, 10);
        const worked = !off.has(date) && (on.has(date) || (local.getUTCDay() >= 1 && local.getUTCDay() <= 5));
        const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
        if (worked && ((minute >= 540 && minute < 720) || (minute >= 780 && minute < 1080))) n++;
      }
      return n;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 1, max: 40 }), (startMin, hours) => {
        const from = at('2026-09-18T00:00:00+08:00') + startMin * 60_000;
        const due = addWorkingHours(from, hours, cn);
        expect(workingMinutes(from, due)).toBe(hours * 60);
        // …and not a minute later than needed: the last minute before the deadline is a working one.
        expect(workingMinutes(due - 60_000, due)).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('time at lunch does not count: 12:30 + 1 h is 14:00', () => {
    expect(iso(addWorkingHours(at('2026-03-02T12:30:00+08:00'), 1, cn))).toBe('2026-03-02T06:00:00.000Z');
  });

  it('a deadline at the end of a day stays at 18:00', () => {
    expect(iso(addWorkingHours(at('2026-03-02T09:00:00+08:00'), 8, cn))).toBe('2026-03-02T10:00:00.000Z');
  });

  it('counts working days across 国庆 and working time between instants', () => {
    // After Sun 27 Sep up to Sun 11 Oct: 28, 29, 30 Sep, 8, 9 Oct and the make-up Saturday 10 Oct.
    expect(workingDaysBetween(day('2026-09-27'), day('2026-10-11'), cn)).toBe(6);
    expect(workingDaysBetween(day('2026-10-11'), day('2026-09-27'), cn)).toBe(-6);
    expect(workingDaysBetween(day('2026-09-30'), day('2026-10-07'), cn)).toBe(0);
    // 调休 Sunday 20 Sep and 中秋 (25-27 Sep) in one span: 21-24 Sep and the 20th.
    expect(workingDaysBetween(day('2026-09-19'), day('2026-09-27'), cn)).toBe(5);
    expect(workingMsBetween(at('2026-09-30T10:00:00+08:00'), at('2026-10-10T02:00:00Z'), cn)).toBe(24 * H);
  });

  it('2027 has no holidays yet: the notice is not published, so the data says so instead of guessing', () => {
    expect(cn.holidays.some((d) => d.startsWith('2027'))).toBe(false);
    expect(cn.note).toMatch(/2027: notice not yet published/);
    expect(isWorkingDay(day('2027-02-08'), cn)).toBe(true); // a Monday
  });
});

describe('daylight-saving changes', () => {
  it('Berlin, spring forward (29 Mar 2026): Fri 16:00 CET + 2 h is Mon 10:00 CEST', () => {
    const cal = office('Europe/Berlin');
    expect(iso(addWorkingHours(at('2026-03-27T16:00:00+01:00'), 2, cal))).toBe('2026-03-30T08:00:00.000Z');
  });
  it('Berlin, fall back (25 Oct 2026): Fri 16:00 CEST + 2 h is Mon 10:00 CET', () => {
    const cal = office('Europe/Berlin');
    expect(iso(addWorkingHours(at('2026-10-23T16:00:00+02:00'), 2, cal))).toBe('2026-10-26T09:00:00.000Z');
  });
  it('New York (8 Mar 2026): a working day is 8 hours on both sides of the change', () => {
    const cal = office('America/New_York');
    expect(iso(addWorkingHours(at('2026-03-06T16:00:00-05:00'), 2, cal))).toBe('2026-03-09T14:00:00.000Z');
    expect(workingMsBetween(at('2026-03-06T00:00:00-05:00'), at('2026-03-10T00:00:00-04:00'), cal)).toBe(16 * H);
    expect(zonedInstant(day('2026-03-09'), 9 * 60, 'America/New_York')).toBe(at('2026-03-09T13:00:00Z'));
  });
});

describe('counting working days', () => {
  const DAY = 86_400_000;
  /** Brute force: the days after `a` up to and including `b` that `works` says are worked, negative backwards. */
  function brute(a: number, b: number, works: (d: number) => boolean): number {
    let n = 0;
    for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (works(d)) n++;
    return b >= a ? n : -n;
  }
  const isoWeekday = (d: number) => new Date(d * DAY).getUTCDay() || 7;

  it('with plain weekdays: Friday to Monday is 1, backwards negative (vs a day-by-day count)', () => {
    expect(workingDaysBetween(day('2026-11-20'), day('2026-11-23'), weekdays())).toBe(1);
    expect(workingDaysBetween(day('2026-11-23'), day('2026-11-30'), weekdays())).toBe(5);
    expect(workingDaysBetween(day('2026-11-23'), day('2026-11-23'), weekdays())).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), (a, b) => {
        const [from, to] = [day('2026-01-01') + a, day('2026-01-01') + b];
        expect(workingDaysBetween(from, to, weekdays())).toBe(brute(from, to, (d) => isoWeekday(d) <= 5));
      }),
    );
  });

  it('with any weekdays, holidays and make-up days (vs a day-by-day count)', () => {
    const base = day('2026-01-01');
    const someDays = fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 20 });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        someDays,
        someDays,
        fc.integer({ min: -10, max: 130 }),
        fc.integer({ min: -10, max: 130 }),
        (workdays, off, on, a, b) => {
          const holidays = off.map((n) => base + n);
          const makeUp = on.map((n) => base + n).filter((d) => !holidays.includes(d));
          const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);
          const cal = weekdays('Asia/Shanghai', { workdays, holidays: holidays.map(iso), makeUpDays: makeUp.map(iso) });
          const works = (d: number) =>
            !holidays.includes(d) && (makeUp.includes(d) || workdays.includes(isoWeekday(d)));
          expect(workingDaysBetween(base + a, base + b, cal)).toBe(brute(base + a, base + b, works));
          for (let d = base - 10; d <= base + 130; d += 7) expect(isWorkingDay(d, cal)).toBe(works(d));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('plain weekend calendar', () => {
  it('skips Saturday and Sunday', () => {
    expect(iso(addWorkingHours(at('2026-11-20T17:00:00Z'), 2, plain))).toBe('2026-11-23T10:00:00.000Z');
    expect(addWorkingHours(at('2026-11-20T17:00:00Z'), 0, plain)).toBe(at('2026-11-20T17:00:00Z'));
  });
  it('refuses negative hours', () => {
    expect(() => addWorkingHours(0, -1, plain)).toThrow(RangeError);
  });
});

describe('calendar validation', () => {
  const base = { ...office('Asia/Shanghai') };
  it('accepts the built-in calendars', () => {
    for (const c of BUILTIN_CALENDARS) expect(WorkingCalendarSchema.safeParse(c).success).toBe(true);
  });
  it('names the broken field', () => {
    const fail = (c: unknown) => WorkingCalendarSchema.safeParse(c).error?.issues[0]?.path.join('.');
    expect(fail({ ...base, timeZone: 'Mars/Olympus' })).toBe('timeZone');
    expect(fail({ ...base, workEnd: '08:00' })).toBe('workEnd');
    expect(fail({ ...base, lunchStart: '12:00' })).toBe('lunchEnd');
    expect(fail({ ...base, lunchStart: '08:00', lunchEnd: '09:30' })).toBe('lunchStart');
    expect(fail({ ...base, holidays: ['2026-10-10'], makeUpDays: ['2026-10-10'] })).toBe('makeUpDays');
    expect(fail({ ...base, workdays: [1, 1] })).toBe('workdays');
  });
});
