import type { CalendarSettings, WorkingCalendar } from '../../contract/escalations';
import { own } from './dictionary';

/**
 * Working-time arithmetic, the one notion of a working calendar in the app (docs/domain.md practice 3: "24 working
 * hours", "48 h"; practice 2: days late, lead times): deadlines count only the hours a department works, and
 * day counts only the days it works, in its own time zone, skipping lunch, weekends and public holidays, and
 * counting the make-up working days (调休) that fall on weekends. Pure: instants or day numbers in, the same
 * out; the time zone is read through Intl, so daylight-saving changes are honoured without a time-zone library.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** How far ahead a deadline may be searched for: ten years of days (a calendar with no working day never ends). */
const MAX_DAYS = 3660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
function wallClock(
  instant: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { y: out.year!, m: out.month!, d: out.day!, h: out.hour! % 24, mi: out.minute!, s: out.second! };
}

/** How far `timeZone` is ahead of UTC at `instant`, in ms. */
export function zoneOffset(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The instant at which the wall clock in `timeZone` shows day `dayNumber` at `minutes` past midnight. */
export function zonedInstant(dayNumber: number, minutes: number, timeZone: string): number {
  const wall = dayNumber * DAY + minutes * MINUTE;
  const first = wall - zoneOffset(wall, timeZone);
  const second = wall - zoneOffset(first, timeZone);
  return second;
}

/** Days since 1970-01-01 of the calendar date `instant` falls on in `timeZone`. */
export function localDayNumber(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d) / DAY;
}

export function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** The date (yyyy-mm-dd) the calendar's people see at `instant`: "today" where they work. */
export function calendarDate(instant: number, cal: WorkingCalendar): string {
  return isoDate(localDayNumber(instant, cal.timeZone));
}

/** Days since 1970-01-01 of a yyyy-mm-dd date: the inverse of `isoDate`. */
export function dayNumberOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

/** ISO weekday (1 Monday … 7 Sunday) of a day number. 1970-01-01 was a Thursday. */
export function isoWeekday(dayNumber: number): number {
  const w = (((dayNumber + 4) % 7) + 7) % 7; // 0 Sunday
  return w === 0 ? 7 : w;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

interface Compiled {
  cal: WorkingCalendar;
  /** Holidays and make-up days as day numbers (the schema never lets one date be both). */
  holidays: Set<number>;
  makeUp: Set<number>;
  workdays: Set<number>;
  /** Sorted day numbers whose weekday would be worked but which are holidays, and the reverse (调休). */
  offOnWorkday: number[];
  onOffday: number[];
  /** Working spans of a day, in minutes after midnight. */
  spans: Array<[number, number]>;
}

const compiledCache = new WeakMap<WorkingCalendar, Compiled>();
function compile(cal: WorkingCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    const [start, end] = [minutesOf(cal.workStart), minutesOf(cal.workEnd)];
    const spans: Array<[number, number]> =
      cal.lunchStart && cal.lunchEnd
        ? [
            [start, minutesOf(cal.lunchStart)],
            [minutesOf(cal.lunchEnd), end],
          ]
        : [[start, end]];
    const workdays = new Set(cal.workdays);
    const holidays = new Set(cal.holidays.map(dayNumberOf));
    const makeUp = new Set(cal.makeUpDays.map(dayNumberOf));
    const sorted = (days: Set<number>, worked: boolean) =>
      [...days].filter((d) => workdays.has(isoWeekday(d)) === worked).sort((a, b) => a - b);
    c = {
      cal,
      holidays,
      makeUp,
      workdays,
      offOnWorkday: sorted(holidays, true),
      onOffday: sorted(makeUp, false),
      spans,
    };
    compiledCache.set(cal, c);
  }
  return c;
}

/** Whether the calendar date is worked: holidays are off, make-up days are on, otherwise the weekday decides. */
export function isWorkingDay(dayNumber: number, cal: WorkingCalendar): boolean {
  const c = compile(cal);
  if (c.holidays.has(dayNumber)) return false;
  if (c.makeUp.has(dayNumber)) return true;
  return c.workdays.has(isoWeekday(dayNumber));
}

/** The working intervals of one calendar day as instants. */
function workingIntervals(dayNumber: number, c: Compiled): Array<[number, number]> {
  if (!isWorkingDay(dayNumber, c.cal)) return [];
  return c.spans.map(([a, b]) => [
    zonedInstant(dayNumber, a, c.cal.timeZone),
    zonedInstant(dayNumber, b, c.cal.timeZone),
  ]);
}

/**
 * The instant `hours` working hours after `from`. Time before the working day starts, at lunch, after hours,
 * on weekends and holidays does not count. A deadline that falls exactly at the end of a working span stays
 * there (18:00), it does not move to the next morning.
 */
export function addWorkingHours(from: number, hours: number, cal: WorkingCalendar): number {
  if (!(hours >= 0) || !Number.isFinite(hours))
    throw new RangeError(`working hours must be a non-negative number, got ${hours}`);
  const c = compile(cal);
  let remaining = Math.round(hours * HOUR);
  if (remaining === 0) return from;
  const first = localDayNumber(from, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    for (const [a, b] of workingIntervals(day, c)) {
      const start = Math.max(a, from);
      if (b <= start) continue;
      const available = b - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
    }
  }
  throw new RangeError(`calendar '${cal.id}' has no working time within ${MAX_DAYS} days`);
}

/**
 * The instant `hours` hours after `from`, counting every hour of the department's working days (midnight to
 * midnight in its time zone) and none of its days off: the documents' "24小时内响应" read as a working day per
 * 24 hours, so Friday 17:00 + 24 is Monday 17:00, and the eve of 国庆 10:00 + 24 is the first working day after
 * the holiday at 10:00. Time on a day off does not count; a deadline that falls at midnight stays at the end of
 * the day it completes.
 */
export function addWorkdayHours(from: number, hours: number, cal: WorkingCalendar): number {
  if (!(hours >= 0) || !Number.isFinite(hours))
    throw new RangeError(`hours must be a non-negative number, got ${hours}`);
  let remaining = Math.round(hours * HOUR);
  if (remaining === 0) return from;
  const first = localDayNumber(from, cal.timeZone);
  for (let day = first; day < first + MAX_DAYS; day++) {
    if (!isWorkingDay(day, cal)) continue;
    const start = Math.max(zonedInstant(day, 0, cal.timeZone), from);
    const end = zonedInstant(day + 1, 0, cal.timeZone);
    if (end <= start) continue;
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
  }
  throw new RangeError(`calendar '${cal.id}' has no working day within ${MAX_DAYS} days`);
}

/** Working time between two instants, in ms (0 when `to` is not after `from`). */
export function workingMsBetween(from: number, to: number, cal: WorkingCalendar): number {
  if (to <= from) return 0;
  const c = compile(cal);
  let total = 0;
  const last = localDayNumber(to, cal.timeZone);
  for (let day = localDayNumber(from, cal.timeZone); day <= last; day++) {
    for (const [a, b] of workingIntervals(day, c)) {
      const lo = Math.max(a, from);
      const hi = Math.min(b, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** How many of the sorted `days` lie in [from, to). */
function countIn(days: readonly number[], from: number, to: number): number {
  const firstAtOrAfter = (x: number) => {
    let [lo, hi] = [0, days.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtOrAfter(to) - firstAtOrAfter(from);
}

/** Working days in the half-open day range [from, to): whole weeks by arithmetic, then the exceptions, so O(log holidays). */
function workingDaysIn(c: Compiled, from: number, to: number): number {
  const weeks = Math.floor((to - from) / 7);
  let n = weeks * c.workdays.size;
  for (let d = from + weeks * 7; d < to; d++) if (c.workdays.has(isoWeekday(d))) n++;
  return n - countIn(c.offOnWorkday, from, to) + countIn(c.onOffday, from, to);
}

/**
 * Working days after day `from` up to and including day `to` (day numbers, see `dayNumberOf`): Friday → next
 * Monday is 1, and across 国庆 only the days actually worked count. Negative when `to` is before `from`, so
 * "3 working days late" reads as -3 the other way round.
 */
export function workingDaysBetween(from: number, to: number, cal: WorkingCalendar): number {
  const c = compile(cal);
  return to >= from ? workingDaysIn(c, from + 1, to + 1) : -workingDaysIn(c, to + 1, from + 1);
}

/**
 * Mainland China's public holidays and make-up working days (调休), from the State Council's notice
 * 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电, 4 November 2025). The notice for 2027 had not been
 * published when this was written (November 2026, it usually appears in November or December): admins add
 * 2027 on the admin page once it is out. Until then 2027 counts ordinary weekdays only.
 */
export const CN_HOLIDAYS_2026 = {
  holidays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03', // 元旦
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23', // 春节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06', // 清明节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05', // 劳动节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21', // 端午节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27', // 中秋节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07', // 国庆节
  ],
  makeUpDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
} as const;

/** The calendars every site starts with; admins copy and edit them on the admin page. */
export const BUILTIN_CALENDARS: readonly WorkingCalendar[] = [
  {
    id: 'cn-mainland',
    name: '中国大陆工作日 Mainland China working days',
    timeZone: 'Asia/Shanghai',
    workStart: '09:00',
    workEnd: '18:00',
    lunchStart: '12:00',
    lunchEnd: '13:00',
    workdays: [1, 2, 3, 4, 5],
    holidays: [...CN_HOLIDAYS_2026.holidays],
    makeUpDays: [...CN_HOLIDAYS_2026.makeUpDays],
    note: '2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04). 2027: notice not yet published; add its holidays and 调休 days when it is.',
  },
  {
    id: 'weekends',
    name: 'Weekdays 09:00-18:00 (UTC)',
    timeZone: 'UTC',
    workStart: '09:00',
    workEnd: '18:00',
    lunchStart: null,
    lunchEnd: null,
    workdays: [1, 2, 3, 4, 5],
    holidays: [],
    makeUpDays: [],
    note: 'Monday to Friday, no public holidays.',
  },
];

export const DEFAULT_CALENDAR_ID = 'cn-mainland';

/** What a site has before an admin saves calendars: the built-in ones, mainland China by default. */
export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = {
  calendars: BUILTIN_CALENDARS.map((c) => structuredClone(c)),
  byDepartment: {},
  defaultCalendarId: DEFAULT_CALENDAR_ID,
};

/** The calendar a department works by: its own, else the site's default, else the first one. */
export function calendarOf(settings: CalendarSettings | undefined, departmentId: string): WorkingCalendar {
  const s = settings ?? DEFAULT_CALENDAR_SETTINGS;
  const id = own(s.byDepartment, departmentId) ?? s.defaultCalendarId;
  return s.calendars.find((c) => c.id === id) ?? s.calendars[0]!;
}
