import type { EscalationAction } from '../../contract/escalations';
import type { Urgency } from '../../contract/limits';

/** Escalation ladder (docs/domain.md practice 3): interface persons, then department heads, then the PMO arbiter. */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const TOP_LEVEL: EscalationLevel = 3;

/**
 * The per-level limits every ladder had before issue 15 (24, 48, 48 working hours, each level counted afresh):
 * how a ladder saved then is recognised as never chosen (see `ladderTiers`). Today's limits are per tier.
 */
export const DEFAULT_LEVEL_LIMIT_HOURS: Record<EscalationLevel, number> = { 1: 24, 2: 48, 3: 48 };

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved' | 'rejected' | 'withdrawn';
export type EscalationSource = 'panel' | 'dependency' | 'automation' | 'webtrigger';

/** Past the top level there is nowhere to climb: the due time that takes a breached item out of the sweep's range. */
export const NEVER = Number.MAX_SAFE_INTEGER;

export interface EscalationRecord {
  id: string;
  issueId: string;
  issueKey: string;
  projectKey: string;
  status: EscalationStatus;
  level: EscalationLevel;
  /** When the current level's limit runs out; NEVER once closed or breached at the top. */
  dueAt: number;
  /** 日常 / 重要 / 紧急; absent on escalations raised before issue 15 (routine). */
  urgency?: Urgency;
  /**
   * The end-to-end limit from raising to decision (the tier's limit, in the asked department's calendar): the
   * level-3 deadline, and what "resolved in time" judges. Absent on escalations raised before issue 15.
   */
  decisionDueAt?: number;
  /** 紧急 only: the temporary owner (临时负责人) named when raised, who holds levels 1 and 2 besides. */
  temporaryOwner?: string;
  raisedAt: number;
  /** Account id of the person who raised it; '' when a web request did. */
  raisedBy: string;
  source: EscalationSource;
  summary: string;
  description: string;
  impact: string;
  supportNeeded: string;
  departmentAsked: string;
  /** The raiser's department, as the people index knew it when raised ('' if none). */
  requesterDept: string;
  /** ISO date-time the requester asked for, or ''. */
  requestedDeadline: string;
  /** The dependency whose missed response raised it, or ''. */
  dependencyId: string;
  /** The escalated issue's fix versions when raised, for milestone health on the project page. */
  versionIds?: string[];
  /** First acknowledgement (0 = never): the "time to acknowledge" figure. */
  ackAt: number;
  /** When it was resolved, rejected or withdrawn (0 = still open). */
  closedAt: number;
  /** The resolution, the reason for a rejection or withdrawal, or the arbiter's decision. */
  outcome: string;
  /** Who closed it ('' while open). */
  closedBy: string;
  /** The level-3 arbiter decided: binding on every department. */
  binding: boolean;
  /** The top level's limit ran out without an answer. */
  breached: boolean;
  /** Resolved within the end-to-end limit from raising to decision (not merely the limit of its level). */
  resolvedInTime: boolean;
  updatedAt: number;
  version: number;
}

/** What the acting person is to this escalation: the highest level they hold, and whether they raised it. */
export interface Authority {
  accountId: string | null;
  /** 0: holds no level; otherwise the highest level of the project's ladder this person holds for this escalation. */
  holds: 0 | EscalationLevel;
  raiser: boolean;
  /** A Jira Automation rule or the platform acting (no person). */
  automation?: boolean;
  /** The acting person administers the escalation's project (Jira's Administer Projects). */
  projectAdmin?: boolean;
}

export type Command =
  | { kind: 'acknowledge' }
  | { kind: 'resolve'; text: string }
  | { kind: 'reject'; text: string }
  | { kind: 'withdraw'; text: string }
  | { kind: 'climb'; text: string }
  | { kind: 'decide'; text: string }
  /** The sweep: the current level's limit ran out. */
  | { kind: 'deadline' };

export type Refusal =
  | 'CLOSED'
  | 'ALREADY_ACKNOWLEDGED'
  | 'NOT_ALLOWED'
  | 'TEXT_REQUIRED'
  | 'AT_TOP'
  | 'NOT_DUE'
  | 'NOT_AT_TOP';

export interface AuditDraft {
  kind:
    | 'escalation.acknowledged'
    | 'escalation.resolved'
    | 'escalation.rejected'
    | 'escalation.withdrawn'
    | 'escalation.climbed'
    | 'escalation.breached'
    | 'escalation.decided';
  detail: Record<string, unknown>;
}

export type Outcome = { ok: true; next: EscalationRecord; event: AuditDraft } | { ok: false; refusal: Refusal };

/**
 * When `level` of this escalation runs out: its tier's shares up to that level, counted from the raising (the
 * caller supplies the ladder and the calendar, see `deadlineFor`). The level-3 deadline is the end-to-end one.
 */
export type LevelDeadline = (rec: Pick<EscalationRecord, 'raisedAt' | 'urgency'>, level: EscalationLevel) => number;

/** Clock-hour deadline, for callers without a calendar. */
export function levelDueAt(from: number, level: EscalationLevel, limits = DEFAULT_LEVEL_LIMIT_HOURS): number {
  return from + limits[level] * 3_600_000;
}

export function isEscalationOpen(status: EscalationStatus): boolean {
  return status === 'open' || status === 'acknowledged';
}

/** A one-line summary for lists: the first line of the description, at most 120 characters. */
export function summarize(description: string): string {
  const firstLine = description.trim().split(/\r?\n/, 1)[0] ?? '';
  return firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine;
}

const refuse = (refusal: Refusal): Outcome => ({ ok: false, refusal });

/**
 * The state machine: open → acknowledged → resolved | rejected | withdrawn, climbing levels on the way.
 * Holders of the current level (or a higher one) acknowledge, resolve or reject; only the raiser withdraws;
 * the raiser or a holder may push it up a level by hand, as may an Automation rule; only a level-3 holder
 * records the arbiter's binding decision, and only at level 3; the deadline climbs it by itself, and at the
 * top records the breach once and stops the clock. Pure: `now` and the deadline function come in.
 */
export function transition(
  rec: EscalationRecord,
  cmd: Command,
  who: Authority,
  now: number,
  deadline: LevelDeadline,
): Outcome {
  if (!isEscalationOpen(rec.status)) return refuse('CLOSED');
  const holder = who.holds >= rec.level;
  const text = 'text' in cmd ? cmd.text.trim() : '';
  const base = { updatedAt: now, version: rec.version + 1 };
  const close = (
    status: EscalationStatus,
    kind: AuditDraft['kind'],
    extra: Partial<EscalationRecord> = {},
  ): Outcome => ({
    ok: true,
    next: {
      ...rec,
      ...base,
      status,
      closedAt: now,
      closedBy: who.accountId ?? '',
      outcome: text,
      dueAt: NEVER,
      ...extra,
    },
    event: { kind, detail: { level: rec.level, text } },
  });
  switch (cmd.kind) {
    case 'acknowledge':
      if (!holder) return refuse('NOT_ALLOWED');
      if (rec.status === 'acknowledged') return refuse('ALREADY_ACKNOWLEDGED');
      return {
        ok: true,
        next: { ...rec, ...base, status: 'acknowledged', ackAt: rec.ackAt || now },
        event: { kind: 'escalation.acknowledged', detail: { level: rec.level } },
      };
    case 'resolve':
    case 'reject':
      if (!holder) return refuse('NOT_ALLOWED');
      if (!text) return refuse('TEXT_REQUIRED');
      return cmd.kind === 'resolve'
        ? close('resolved', 'escalation.resolved', { resolvedInTime: now <= deadline(rec, TOP_LEVEL) })
        : close('rejected', 'escalation.rejected');
    case 'withdraw':
      if (!who.raiser) return refuse('NOT_ALLOWED');
      return close('withdrawn', 'escalation.withdrawn');
    case 'decide':
      if (who.holds < 3) return refuse('NOT_ALLOWED');
      if (rec.level !== TOP_LEVEL) return refuse('NOT_AT_TOP');
      if (!text) return refuse('TEXT_REQUIRED');
      return close('resolved', 'escalation.decided', {
        binding: true,
        resolvedInTime: now <= deadline(rec, TOP_LEVEL),
      });
    case 'climb': {
      // A person climbs what they hold or raised; a rule climbs as its actor, who must hold the level or
      // administer the project (a rule is no way round the ladder for someone who holds nothing).
      if (!(holder || (who.automation ? who.projectAdmin : who.raiser))) return refuse('NOT_ALLOWED');
      if (rec.level >= TOP_LEVEL) return refuse('AT_TOP');
      const level = (rec.level + 1) as EscalationLevel;
      return {
        ok: true,
        next: { ...rec, ...base, level, status: 'open', dueAt: deadline(rec, level) },
        event: {
          kind: 'escalation.climbed',
          detail: { from: rec.level, to: level, text, by: who.automation ? 'automation' : 'person' },
        },
      };
    }
    case 'deadline': {
      if (rec.dueAt >= now) return refuse('NOT_DUE');
      if (rec.level >= TOP_LEVEL) {
        return {
          ok: true,
          next: { ...rec, ...base, breached: true, dueAt: NEVER },
          event: { kind: 'escalation.breached', detail: { level: rec.level } },
        };
      }
      const level = (rec.level + 1) as EscalationLevel;
      // The next level's deadline is its share after the last one's, from the raising: not from when the sweep noticed.
      return {
        ok: true,
        next: { ...rec, ...base, level, status: 'open', dueAt: deadline(rec, level) },
        event: { kind: 'escalation.climbed', detail: { from: rec.level, to: level, by: 'deadline' } },
      };
    }
  }
}

/** What `who` may do now: the buttons the panel shows. The deadline is the sweep's and never offered. */
export function allowedActions(rec: EscalationRecord, who: Authority): EscalationAction[] {
  const probe = (cmd: Command) => transition(rec, cmd, who, rec.updatedAt, () => NEVER).ok;
  const out: EscalationAction[] = [];
  if (probe({ kind: 'acknowledge' })) out.push('acknowledge');
  if (probe({ kind: 'resolve', text: 'x' })) out.push('resolve');
  if (probe({ kind: 'reject', text: 'x' })) out.push('reject');
  if (probe({ kind: 'climb', text: '' })) out.push('climb');
  if (probe({ kind: 'decide', text: 'x' })) out.push('decide');
  if (probe({ kind: 'withdraw', text: '' })) out.push('withdraw');
  return out;
}

/** What an escalation contributes. The optional parts are for the escalation feature to fill in. */
export interface EscalationContribution {
  projectKey: string;
  open: boolean;
  level?: 1 | 2 | 3;
  versionIds?: readonly string[];
  /** Once resolved: whether within its end-to-end time limit. */
  resolvedInTime?: boolean;
  /** Time from raised to acknowledged / resolved, once known. */
  acknowledgeMs?: number;
  resolveMs?: number;
  /** yyyy-mm-dd (UTC) it was raised, for the age of open escalations. */
  raisedDay?: string;
  /** Resolved, rejected or withdrawn. */
  closed?: boolean;
}

/** What an escalation contributes to its project's rollup; a pure function of the record, so deltas are exact. */
export function escalationContribution(e: EscalationRecord): EscalationContribution {
  const open = isEscalationOpen(e.status);
  const resolved = e.status === 'resolved';
  return {
    projectKey: e.projectKey,
    open,
    level: e.level,
    versionIds: e.versionIds ?? [],
    raisedDay: new Date(e.raisedAt).toISOString().slice(0, 10),
    ...(resolved ? { resolvedInTime: e.resolvedInTime, resolveMs: e.closedAt - e.raisedAt } : {}),
    ...(e.ackAt ? { acknowledgeMs: e.ackAt - e.raisedAt } : {}),
    closed: !open,
  };
}
