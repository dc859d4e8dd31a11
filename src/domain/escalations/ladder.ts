import type {
  Department,
  EscalationTier,
  EscalationTiers,
  LadderConfig,
  Urgency,
  WorkingCalendar,
} from '../../contract';
import { addLimit, DEFAULT_ESCALATION_TIERS, DEFAULT_LIMIT_UNIT, limitThroughLevel } from '../shared/limits';
import {
  DEFAULT_LEVEL_LIMIT_HOURS,
  ESCALATION_LEVELS,
  type EscalationLevel,
  type EscalationRecord,
  type LevelDeadline,
} from './escalation';

/** A ladder as stored: saved before issue 15 it may carry per-level `hours` and no `tiers`. */
export type StoredLadder = Pick<LadderConfig, 'levels'> & { tiers?: EscalationTiers | undefined };

/** Level 1 interface persons, level 2 heads; level 3 needs a named arbiter. 48 h on working days, 24 / 12 / 12. */
export const DEFAULT_LADDER: LadderConfig = {
  levels: [
    { role: 'interface', accountIds: [] },
    { role: 'head', accountIds: [] },
    { role: 'none', accountIds: [] },
  ],
  tiers: structuredClone(DEFAULT_ESCALATION_TIERS),
};

/**
 * A ladder's limits per tier. A ladder saved before issue 15 has per-level working hours instead: left at the
 * old defaults (24 / 48 / 48, nobody chose them) it takes today's defaults; numbers a project chose keep their
 * numbers as the routine tier's shares, read as hours on working days (what the documents mean by "hours", and
 * what the old form's label said); the other tiers take the defaults.
 */
export function ladderTiers(ladder: StoredLadder): EscalationTiers {
  if (ladder.tiers) return ladder.tiers;
  const hours = ladder.levels.map((l, i) => l.hours ?? DEFAULT_LEVEL_LIMIT_HOURS[ESCALATION_LEVELS[i]!]);
  const untouched = ESCALATION_LEVELS.every((level, i) => hours[i] === DEFAULT_LEVEL_LIMIT_HOURS[level]);
  if (untouched) return structuredClone(DEFAULT_ESCALATION_TIERS);
  return {
    ...structuredClone(DEFAULT_ESCALATION_TIERS),
    routine: { unit: DEFAULT_LIMIT_UNIT, levelHours: [hours[0]!, hours[1]!, hours[2]!] },
  };
}

/** A stored ladder in today's shape: tiers filled in, the old per-level hours gone. */
export function normalizeLadder(ladder: StoredLadder): LadderConfig {
  return {
    levels: ladder.levels.map(({ role, accountIds }) => ({ role, accountIds })) as LadderConfig['levels'],
    tiers: ladderTiers(ladder),
  };
}

export function tierOf(ladder: StoredLadder, urgency: Urgency | undefined): EscalationTier {
  return ladderTiers(ladder)[urgency ?? 'routine'];
}

/** What decides who holds a level: the project's ladder and the departments' role holders. */
export interface Ladder {
  ladder: StoredLadder;
  departments: ReadonlyMap<string, Pick<Department, 'interfaceAccountId' | 'headAccountId'>>;
}

type Parties = Pick<EscalationRecord, 'departmentAsked' | 'requesterDept'> &
  Partial<Pick<EscalationRecord, 'temporaryOwner'>>;

/**
 * Every deadline of an escalation raised at `raisedAt`: each level's (its share and the ones before it, from
 * the raising) and the decision's, which is the level-3 one: the end-to-end limit. In the asked department's
 * calendar; 紧急 tiers count clock hours, so their deadlines do not wait for a weekend or 国庆 to end.
 */
export function escalationDeadlines(
  raisedAt: number,
  tier: EscalationTier,
  calendar: WorkingCalendar,
): { levels: [number, number, number]; decisionDueAt: number } {
  const levels = ESCALATION_LEVELS.map((l) => addLimit(raisedAt, limitThroughLevel(tier, l), calendar)) as [
    number,
    number,
    number,
  ];
  return { levels, decisionDueAt: levels[2] };
}

/** A level's deadline by the project's ladder and the escalation's tier, in the asked department's calendar. */
export function deadlineFor(ladder: StoredLadder, calendar: WorkingCalendar): LevelDeadline {
  return (rec, level) => addLimit(rec.raisedAt, limitThroughLevel(tierOf(ladder, rec.urgency), level), calendar);
}

/**
 * The people who hold `level` of an escalation: the ladder's named people, the departments' role holders, and
 * below the top an urgent escalation's temporary owner (临时负责人), who answers for it until the PMO decides.
 */
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
  if (esc.temporaryOwner && level < 3) out.add(esc.temporaryOwner);
  return [...out];
}

/** The highest level `accountId` holds for this escalation (0: none). */
export function levelHeldBy(esc: Parties, accountId: string | null, lc: Ladder): 0 | EscalationLevel {
  if (!accountId) return 0;
  for (const level of [3, 2, 1] as const) if (holdersOf(esc, level, lc).includes(accountId)) return level;
  return 0;
}

/**
 * Who hears of a change: the holders of the escalation's level; when an urgent (紧急) one is raised, also the
 * department heads of level 2 at once, so the special meeting (专项沟通: 临时会议) can start without waiting a level.
 */
export function noticeRecipients(
  esc: Parties & Pick<EscalationRecord, 'level' | 'urgency'>,
  kind: 'raised' | 'climbed' | 'breached',
  lc: Ladder,
): string[] {
  const out = new Set(holdersOf(esc, esc.level, lc));
  if (kind === 'raised' && esc.urgency === 'urgent') for (const id of holdersOf(esc, 2, lc)) out.add(id);
  return [...out];
}
