import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LADDER,
  deadlineFor,
  escalationDeadlines,
  ladderTiers,
  noticeRecipients,
  normalizeLadder,
  tierOf,
} from '../../../src/domain/escalations/ladder';
import { transition, type EscalationRecord } from '../../../src/domain/escalations/escalation';
import { LadderConfigSchema, LadderShapeSchema, type LadderConfig } from '../../../src/contract';
import { CN } from '../../support/calendars';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
// Friday 2026-11-20 17:00 Beijing.
const FRIDAY_EVENING = at('2026-11-20T09:00:00Z');

function raised(now: number, more: Partial<EscalationRecord> = {}): EscalationRecord {
  const dl = deadlineFor(DEFAULT_LADDER, CN);
  const rec = {
    id: 'esc-1',
    issueId: '1',
    issueKey: 'PAY-1',
    projectKey: 'PAY',
    status: 'open' as const,
    level: 1 as const,
    dueAt: 0,
    raisedAt: now,
    raisedBy: 'raiser',
    source: 'panel' as const,
    summary: 's',
    description: 'd',
    impact: '',
    supportNeeded: '',
    departmentAsked: 'rnd',
    requesterDept: 'product',
    requestedDeadline: '',
    dependencyId: '',
    ackAt: 0,
    closedAt: 0,
    outcome: '',
    closedBy: '',
    binding: false,
    breached: false,
    resolvedInTime: false,
    updatedAt: now,
    version: 1,
    ...more,
  };
  return { ...rec, dueAt: dl(rec, 1), decisionDueAt: dl(rec, 3) };
}
const holder = (holds: 0 | 1 | 2 | 3) => ({ accountId: 'h', holds, raiser: false });

describe('an escalation’s end-to-end limit, split across the levels', () => {
  it('by default: 48 h on working days from raising to decision, 24 / 12 / 12, from a Friday evening', () => {
    // Friday 17:00 + 24 working-day hours → Monday 17:00 (level 1); +36 → Friday 7 h, Monday 24 (31), Tuesday 5
    // → Tuesday 05:00 (level 2); +48 → Tuesday 17:00 (level 3 = decision).
    const d = escalationDeadlines(FRIDAY_EVENING, tierOf(DEFAULT_LADDER, 'routine'), CN);
    expect(d.levels.map(iso)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T21:00:00.000Z',
      '2026-11-24T09:00:00.000Z',
    ]);
    expect(d.decisionDueAt).toBe(d.levels[2]);
  });

  it('紧急 counts clock hours: 12 / 6 / 6 from Friday 17:00 ends Saturday 17:00', () => {
    // Beijing: Saturday 05:00, 11:00 and 17:00, the weekend counting like any day.
    const d = escalationDeadlines(FRIDAY_EVENING, tierOf(DEFAULT_LADDER, 'urgent'), CN);
    expect(d.levels.map(iso)).toEqual([
      '2026-11-20T21:00:00.000Z',
      '2026-11-21T03:00:00.000Z',
      '2026-11-21T09:00:00.000Z',
    ]);
  });

  it('across 国庆: raised on the eve at 10:00, decided by the second working day after it', () => {
    // 2026-09-30 10:00: 14 h left that day; 10-01..10-07 off; 10-08 (24 h) makes 38 ≥ 24 → level 1 ends 10-08
    // 10:00; 36 h → 10-08 22:00; 48 h → 10-09 10:00.
    const d = escalationDeadlines(at('2026-09-30T02:00:00Z'), tierOf(DEFAULT_LADDER, 'routine'), CN);
    expect(d.levels.map(iso)).toEqual([
      '2026-10-08T02:00:00.000Z',
      '2026-10-08T14:00:00.000Z',
      '2026-10-09T02:00:00.000Z',
    ]);
  });

  it('climbs by deadline to the next share, not a fresh full limit, and breaches at the end-to-end limit', () => {
    let rec = raised(FRIDAY_EVENING);
    const dl = deadlineFor(DEFAULT_LADDER, CN);
    const one = transition(rec, { kind: 'deadline' }, holder(0), rec.dueAt + H, dl);
    rec = (one as { next: EscalationRecord }).next;
    expect(rec.level).toBe(2);
    expect(iso(rec.dueAt)).toBe('2026-11-23T21:00:00.000Z');
    rec = (transition(rec, { kind: 'deadline' }, holder(0), rec.dueAt + H, dl) as { next: EscalationRecord }).next;
    expect(rec.level).toBe(3);
    expect(rec.dueAt).toBe(rec.decisionDueAt);
    const breach = transition(rec, { kind: 'deadline' }, holder(0), rec.dueAt + H, dl);
    expect(breach.ok && breach.next.breached).toBe(true);
  });

  it('judges "resolved in time" by the end-to-end limit: 223 h after raising at level 2 is late', () => {
    const dl = deadlineFor(DEFAULT_LADDER, CN);
    // Raised Monday 2026-11-23 10:00; climbed by hand to level 2 at once (its deadline: 36 working-day hours).
    const start = at('2026-11-23T02:00:00Z');
    const climbed = transition(raised(start), { kind: 'climb', text: '' }, holder(1), start, dl);
    const atTwo = (climbed as { next: EscalationRecord }).next;
    expect(atTwo.level).toBe(2);
    // Resolved 223 h later at level 2: far past the 48 h end-to-end limit (Wednesday 2026-11-25 10:00).
    const late = transition(atTwo, { kind: 'resolve', text: 'done' }, holder(2), start + 223 * H, dl);
    expect(late.ok && late.next.resolvedInTime).toBe(false);
    // Resolved 47 h later (Wednesday 09:00): in time.
    const ok = transition(atTwo, { kind: 'resolve', text: 'done' }, holder(2), start + 47 * H, dl);
    expect(ok.ok && ok.next.resolvedInTime).toBe(true);
  });
});

describe('ladders saved before issue 15', () => {
  const old = (hours: [number, number, number]) =>
    LadderShapeSchema.parse({
      levels: [
        { hours: hours[0], role: 'interface', accountIds: [] },
        { hours: hours[1], role: 'head', accountIds: [] },
        { hours: hours[2], role: 'none', accountIds: ['pmo'] },
      ],
    }) as LadderConfig;

  it('at the old defaults (24 / 48 / 48 working hours, never chosen) take today’s defaults', () => {
    expect(ladderTiers(old([24, 48, 48]))).toEqual(DEFAULT_LADDER.tiers);
  });

  it('with numbers a project chose keep them as the routine shares, on working days', () => {
    const tiers = ladderTiers(old([8, 16, 16]));
    expect(tiers.routine).toEqual({ unit: 'workdayHours', levelHours: [8, 16, 16] });
    expect(tiers.urgent).toEqual(DEFAULT_LADDER.tiers!.urgent);
    const normal = normalizeLadder(old([8, 16, 16]));
    expect(normal.levels[2]).toEqual({ role: 'none', accountIds: ['pmo'] });
    expect(LadderConfigSchema.safeParse(normal).success).toBe(true);
  });

  it('refuses an urgent tier that does not count clock hours, naming the field', () => {
    const bad = normalizeLadder(old([8, 16, 16]));
    bad.tiers!.urgent.unit = 'workdayHours';
    const r = LadderConfigSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['tiers', 'urgent', 'unit']);
  });
});

describe('who hears of an urgent escalation', () => {
  const lc = {
    ladder: DEFAULT_LADDER,
    departments: new Map([
      ['rnd', { interfaceAccountId: 'rnd-if', headAccountId: 'rnd-head' }],
      ['product', { interfaceAccountId: 'pd-if', headAccountId: 'pd-head' }],
    ]),
  };
  const esc = { departmentAsked: 'rnd', requesterDept: 'product', level: 1 as const };

  it('reaches the department heads at once, with the temporary owner', () => {
    expect(noticeRecipients({ ...esc, urgency: 'routine' }, 'raised', lc).sort()).toEqual(['pd-if', 'rnd-if']);
    expect(noticeRecipients({ ...esc, urgency: 'urgent', temporaryOwner: 'tmp' }, 'raised', lc).sort()).toEqual([
      'pd-head',
      'pd-if',
      'rnd-head',
      'rnd-if',
      'tmp',
    ]);
  });
});
