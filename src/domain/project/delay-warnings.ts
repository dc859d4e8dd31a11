import type { WorkingCalendar } from '../../contract/escalations';
import { dayNumberOf, localDayNumber, workingDaysBetween } from '../shared/calendar';

/** How many working days before its date a piece of work without progress asks its owner for reason and remedy (延期预警). */
export const DELAY_WARNING_LEAD_DAYS = 2;

/** A dependency as the delay warning sees it. */
export interface DelayWatchedDependency {
  status: string;
  /** yyyy-mm-dd, '' when none. */
  needBy: string;
  /** When a delay warning was last asked (0 = never). */
  delayAskedAt: number;
  /** The upstream work item's status category: 'new' means nobody has started it. */
  upstreamCategory: 'new' | 'indeterminate' | 'done' | null;
}

/** A work item as the delay warning sees it. */
export interface DelayWatchedIssue {
  dueDate: string | null;
  statusCategory: 'new' | 'indeterminate' | 'done';
  /** When a delay warning was last asked (0 = never). */
  delayAskedAt: number;
}

/** Working days from today (in the calendar's time zone) to `date`: 0 on the day, negative once past. */
function workingDaysTo(date: string, now: number, cal: WorkingCalendar): number {
  return workingDaysBetween(localDayNumber(now, cal.timeZone), dayNumberOf(date), cal);
}

/**
 * A dependency asks its provider for reason and remedy by itself when its need-by date is at most
 * `lead` working days away (or past, where the provider works), nothing shows progress (not committed or
 * delivered, or its upstream work item not started) and nobody has asked yet. For the hourly sweep.
 */
export function dependencyDelayWarningDue(
  d: DelayWatchedDependency,
  now: number,
  providerCalendar: WorkingCalendar,
  lead = DELAY_WARNING_LEAD_DAYS,
): boolean {
  if (!d.needBy || d.delayAskedAt > 0) return false;
  if (!['requested', 'acknowledged', 'committed'].includes(d.status)) return false;
  const noProgress = d.status !== 'committed' || d.upstreamCategory === 'new';
  return noProgress && workingDaysTo(d.needBy, now, providerCalendar) <= lead;
}

/** A work item not started with its due date at most `lead` working days away asks its owner the same. */
export function issueDelayWarningDue(
  i: DelayWatchedIssue,
  now: number,
  calendar: WorkingCalendar,
  lead = DELAY_WARNING_LEAD_DAYS,
): boolean {
  if (!i.dueDate || i.delayAskedAt > 0 || i.statusCategory !== 'new') return false;
  return workingDaysTo(i.dueDate, now, calendar) <= lead;
}
