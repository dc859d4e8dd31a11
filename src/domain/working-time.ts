/**
 * Working time: "add N working hours" and "count working days". A small interface so that per-department
 * calendars (holidays, make-up working days, time zones; issue 5) can replace the plain one without
 * touching the callers. Pure: no clock, dates come in as arguments.
 */
export interface WorkingCalendar {
  /** Minutes east of UTC in which the calendar's days and hours are read (China: +480). */
  utcOffsetMinutes: number;
  /** Working hours of a working day, local time, [startHour, endHour). */
  startHour: number;
  endHour: number;
  /** Working weekdays, 0 = Sunday … 6 = Saturday. */
  workDays: readonly number[];
}

/** Monday to Friday, 09:00-18:00, Beijing time: the calendar until departments have their own. */
export const PLAIN_WEEKDAYS: WorkingCalendar = { utcOffsetMinutes: 480, startHour: 9, endHour: 18, workDays: [1, 2, 3, 4, 5] };

const HOUR = 3_600_000;
const DAY = 86_400_000;

const isWorkDay = (cal: WorkingCalendar, epochDay: number) => cal.workDays.includes((((epochDay + 4) % 7) + 7) % 7);

/**
 * The instant `hours` working hours after `from`. Time outside working hours does not count, so a request
 * made on Friday evening with 24 working hours is due on Wednesday evening.
 */
export function addWorkingHours(from: number, hours: number, calendar: WorkingCalendar = PLAIN_WEEKDAYS): number {
  if (calendar.workDays.length === 0 || calendar.endHour <= calendar.startHour) throw new Error('a working calendar needs working hours');
  const offset = calendar.utcOffsetMinutes * 60_000;
  let local = from + offset;
  let left = hours * HOUR;
  for (;;) {
    const day = Math.floor(local / DAY);
    const start = day * DAY + calendar.startHour * HOUR;
    const end = day * DAY + calendar.endHour * HOUR;
    if (!isWorkDay(calendar, day) || local >= end) {
      local = (day + 1) * DAY;
      continue;
    }
    if (local < start) local = start;
    if (left <= end - local) return local + left - offset;
    left -= end - local;
    local = (day + 1) * DAY;
  }
}

/** Days since 1970-01-01 of a yyyy-mm-dd date. */
export function epochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** The calendar's date (yyyy-mm-dd) at an instant. */
export function localDate(at: number, calendar: WorkingCalendar = PLAIN_WEEKDAYS): string {
  return new Date(at + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Working days in the half-open day range [fromDay, toDay), by whole weeks then the rest: O(1). */
function workDaysInRange(calendar: WorkingCalendar, fromDay: number, toDay: number): number {
  const span = toDay - fromDay;
  const weeks = Math.floor(span / 7);
  let n = weeks * calendar.workDays.length;
  for (let d = fromDay + weeks * 7; d < toDay; d++) if (isWorkDay(calendar, d)) n++;
  return n;
}

/**
 * Working days after `from` up to and including `to` (yyyy-mm-dd or epoch days): Friday → next Monday is 1.
 * Negative when `to` is before `from`, so "3 working days late" reads as -3.
 */
export function workingDaysBetween(from: string | number, to: string | number, calendar: WorkingCalendar = PLAIN_WEEKDAYS): number {
  const a = typeof from === 'number' ? from : epochDay(from);
  const b = typeof to === 'number' ? to : epochDay(to);
  return b >= a ? workDaysInRange(calendar, a + 1, b + 1) : -workDaysInRange(calendar, b + 1, a + 1);
}
