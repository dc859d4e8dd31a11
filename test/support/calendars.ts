import type { WorkingCalendar } from '../../src/contract';
import { BUILTIN_CALENDARS } from '../../src/domain/shared/calendar';

/** Mainland China's built-in calendar: 2026's public holidays and 调休 days from the State Council's notice. */
export const CN = BUILTIN_CALENDARS.find((c) => c.id === 'cn-mainland')!;

/**
 * Monday to Friday, 09:00-18:00, no lunch break and no holidays: in Beijing, the plain weekday calendar the
 * app counted in before departments had their own.
 */
export function weekdays(timeZone = 'Asia/Shanghai', more: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    id: 'weekdays',
    name: 'Weekdays',
    timeZone,
    workStart: '09:00',
    workEnd: '18:00',
    lunchStart: null,
    lunchEnd: null,
    workdays: [1, 2, 3, 4, 5],
    holidays: [],
    makeUpDays: [],
    note: '',
    ...more,
  };
}
