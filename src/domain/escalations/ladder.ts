import type { Department, LadderConfig, WorkingCalendar } from '../../contract';
import { addWorkingHours } from '../shared/calendar';
import {
  DEFAULT_LEVEL_LIMIT_HOURS,
  type EscalationLevel,
  type EscalationRecord,
  type LevelDeadline,
} from './escalation';

/** Level 1 interface persons, level 2 heads (24 and 48 working hours); level 3 needs a named arbiter. */
export const DEFAULT_LADDER: LadderConfig = {
  levels: [
    { hours: DEFAULT_LEVEL_LIMIT_HOURS[1], role: 'interface', accountIds: [] },
    { hours: DEFAULT_LEVEL_LIMIT_HOURS[2], role: 'head', accountIds: [] },
    { hours: DEFAULT_LEVEL_LIMIT_HOURS[3], role: 'none', accountIds: [] },
  ],
};

/** What decides who holds a level: the project's ladder and the departments' role holders. */
export interface Ladder {
  ladder: LadderConfig;
  departments: ReadonlyMap<string, Pick<Department, 'interfaceAccountId' | 'headAccountId'>>;
}

type Parties = Pick<EscalationRecord, 'departmentAsked' | 'requesterDept'>;

/** A level's deadline in the asked department's working time, by the project's ladder. */
export function deadlineFor(ladder: LadderConfig, calendar: WorkingCalendar): LevelDeadline {
  return (from, level) => addWorkingHours(from, ladder.levels[level - 1]!.hours, calendar);
}

/** The people who hold `level` of an escalation: the ladder's named people and the departments' role holders. */
export function holdersOf(esc: Parties, level: EscalationLevel, lc: Ladder): string[] {
  const rung = lc.ladder.levels[level - 1]!;
  const out = new Set(rung.accountIds);
  if (rung.role !== 'none') {
    for (const id of [esc.departmentAsked, esc.requesterDept]) {
      const d = id ? lc.departments.get(id) : undefined;
      const person = d ? (rung.role === 'interface' ? d.interfaceAccountId : d.headAccountId) : null;
      if (person) out.add(person);
    }
  }
  return [...out];
}

/** The highest level `accountId` holds for this escalation (0: none). */
export function levelHeldBy(esc: Parties, accountId: string | null, lc: Ladder): 0 | EscalationLevel {
  if (!accountId) return 0;
  for (const level of [3, 2, 1] as const) if (holdersOf(esc, level, lc).includes(accountId)) return level;
  return 0;
}
