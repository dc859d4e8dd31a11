import type { WorkingCalendar } from '../../contract/escalations';
import { dayNumberOf, isoDate, isWorkingDay, localDayNumber } from '../shared/calendar';

/** The first worked day (yyyy-mm-dd) of `month` (yyyy-mm) in the calendar: holidays and weekends skipped. */
export function firstWorkingDayOf(month: string, cal: WorkingCalendar): string {
  const first = dayNumberOf(`${month}-01`);
  for (let d = first; d < first + 31; d++) if (isWorkingDay(d, cal)) return isoDate(d);
  // A month with no worked day at all: the report still goes out, on the 1st.
  return `${month}-01`;
}

const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * Which month's risk report a daily trigger run at `now` should send, or null. The report for the month before
 * goes out on this month's first working day where the calendar's people are; a run that failed that day is
 * caught up on a later day of the same month. `sentMonths` are the months whose marker record says sent, so a
 * retried or repeated run sends nothing twice.
 */
export function riskReportDue(now: number, cal: WorkingCalendar, sentMonths: ReadonlySet<string>): string | null {
  const today = isoDate(localDayNumber(now, cal.timeZone));
  const month = today.slice(0, 7);
  if (today < firstWorkingDayOf(month, cal)) return null;
  const report = previousMonth(month);
  return sentMonths.has(report) ? null : report;
}
