import type { Deps } from '../kernel/ports';
import type { PeopleIndex } from '../kernel/people-index';
import { calendarDate, calendarOf } from '../../domain/shared/calendar';

/** Today where the providing department works: the day its need-by and proposed dates are judged by. */
export function providerToday(deps: Deps, people: PeopleIndex, providingDept: string): string {
  return calendarDate(deps.clock.now(), calendarOf(people.calendars, providingDept));
}
