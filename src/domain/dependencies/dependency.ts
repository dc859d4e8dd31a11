import { DEPENDENCY_ACTION_NAMES, type DependencyStatus } from '../../contract/views';
import { calendarDate, dayNumberOf, localDayNumber, workingDaysBetween } from '../shared/calendar';
import { addLimit, DEFAULT_LIMIT_UNIT } from '../shared/limits';
import type { WorkingCalendar } from '../../contract/escalations';
import type { Limit, Urgency } from '../../contract/limits';

/** A request must be answered within this many hours unless the providing department says otherwise ("需求传递后24小时内响应"). */
export const DEFAULT_RESPONSE_HOURS = 24;
/** A delivery is approved by the requesting side's Accountable within this many hours (审批环节48小时内完成). */
export const DEFAULT_APPROVAL_HOURS = 48;

/** Statuses in which the providing side still owes the requester something. */
export const OPEN_DEPENDENCY_STATUSES: readonly DependencyStatus[] = [
  'requested',
  'acknowledged',
  'countered',
  'committed',
];

export interface DeptName {
  id: string;
  nameZh: string;
  nameEn: string;
}

export interface DependencyRecord {
  id: string;
  projectKey: string;
  downstreamIssueId: string;
  upstreamIssueId: string;
  downstreamProjectKey: string;
  upstreamProjectKey: string;
  requestingDept: string;
  providingDept: string;
  deliverable: string;
  /** yyyy-mm-dd, or '' when the requester has not said (entity attributes hold no nulls). */
  needBy: string;
  status: DependencyStatus;
  /** Drives the sweep's index: only `awaiting` requests are looked at, so answered or flagged ones cost nothing. */
  responseState: 'awaiting' | 'late' | 'answered';
  responseDueAt: number;
  late: boolean;
  /** 日常 / 重要 / 紧急: which limits apply. Absent on requests made before issue 15 (routine). */
  urgency?: Urgency;
  /**
   * The approval step (审批): once delivered, the requesting side's Accountable approves the deliverable by
   * this instant (0 or absent: nothing to approve: not delivered, or delivered before issue 15).
   */
  approvalDueAt?: number;
  /** When and by whom it was approved (0 / '' while not). */
  approvedAt?: number;
  approvedBy?: string;
  /** Approved after its deadline: the approval step's own late flag, kept once it is known. */
  approvalLate?: boolean;
  linkId: string;
  /** Issue keys as of the last write, for lists that must not call Jira (the project page). */
  downstreamKey: string;
  upstreamKey: string;
  /** The upstream issue's due date as of the last write or issue event ('' when none). */
  upstreamDueDate: string;
  /** The waiting (downstream) issue's fix versions: the milestones this dependency can hold up. */
  downstreamVersionIds: string[];
  /** A counter-proposal's date (yyyy-mm-dd) and the provider's note; a decline's reason. */
  proposedDate: string;
  note: string;
  /** The departments' names as the directory said at the last write, so the panel names them without reading it. */
  deptNames: { requesting: DeptName | null; providing: DeptName | null };
  /** The department people who may act for each side, as the directory said at the last write. */
  requesterContacts: string[];
  providerContacts: string[];
  /** Delay warning (延期预警): when the downstream side asked, and the upstream owner's reason and remedy. */
  delayAskedAt: number;
  delayReason: string;
  delayRemedy: string;
  delayAnsweredAt: number;
  /** The providing side's first answer, its last decline and the delivery (0 = not yet): the figures judge these times. */
  answeredAt: number;
  declinedAt: number;
  deliveredAt: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/** A bare number of hours, as stored before issue 15, counts in the default unit: hours on working days. */
const asLimit = (l: Limit | number): Limit => (typeof l === 'number' ? { amount: l, unit: DEFAULT_LIMIT_UNIT } : l);

/**
 * The response deadline of a request: the providing department's limit for its tier (see `responseLimit`),
 * counted in that department's calendar, so a request made on Friday 17:00 is due Monday 17:00 (24 h on working
 * days), one made on the eve of 国庆 the first working day after it at the same time, and an urgent one
 * (clock hours) counts the weekend too.
 */
export function responseDueAt(requestedAt: number, limit: Limit | number, calendar: WorkingCalendar): number {
  return addLimit(requestedAt, asLimit(limit), calendar);
}

/**
 * The approval deadline (审批环节48小时内完成): from the delivery, the requesting side's Accountable approves
 * the deliverable within the site's approval limit for the tier, counted in the requesting department's calendar.
 */
export function approvalDueAt(deliveredAt: number, limit: Limit | number, calendar: WorkingCalendar): number {
  return addLimit(deliveredAt, asLimit(limit), calendar);
}

export type ApprovalState = 'none' | 'awaiting' | 'late' | 'approved' | 'approvedLate';

/** Where the approval step stands at `now`: nothing to approve, awaiting (late once past due), or approved. */
export function approvalState(
  dep: Pick<DependencyRecord, 'status' | 'approvalDueAt' | 'approvedAt' | 'approvalLate'>,
  now: number,
): ApprovalState {
  if (!dep.approvalDueAt) return 'none';
  if (dep.approvedAt) return dep.approvalLate ? 'approvedLate' : 'approved';
  if (dep.status !== 'delivered') return 'none';
  return now > dep.approvalDueAt ? 'late' : 'awaiting';
}

/** Late at the approval step: approved after its deadline, or still unapproved past it. */
export function isApprovalLate(
  dep: Pick<DependencyRecord, 'status' | 'approvalDueAt' | 'approvedAt' | 'approvalLate'>,
  now: number,
): boolean {
  const s = approvalState(dep, now);
  return s === 'late' || s === 'approvedLate';
}

/** A request nobody answered by its deadline. Only `requested` can be late: any answer stops the clock. */
export function isResponseLate(dep: Pick<DependencyRecord, 'status' | 'responseDueAt'>, now: number): boolean {
  return dep.status === 'requested' && now > dep.responseDueAt;
}

export function isDependencyOpen(status: DependencyStatus): boolean {
  return OPEN_DEPENDENCY_STATUSES.includes(status);
}

/** The dependency a Jira link stands for, keyed by the link id so a re-delivered event finds it again. */
export function dependencyIdForLink(linkId: string): string {
  return `link-${linkId}`;
}

/** Who acts on a dependency: the side that asked (downstream) or the side that delivers (upstream). */
export type DependencySide = 'requester' | 'provider';

/** The contract's list: one source for the actions the panel offers and the state machine accepts. */
export const DEPENDENCY_ACTIONS = DEPENDENCY_ACTION_NAMES;
export type DependencyAction = (typeof DEPENDENCY_ACTIONS)[number];

interface Move {
  side: DependencySide;
  from: readonly DependencyStatus[];
  /** The status after the action; null when the status stays (delay warnings). */
  to: DependencyStatus | null;
}

/**
 * The state machine: requested → acknowledged (or declined with a reason, or countered with a date) →
 * committed → delivered; cancelled by the requester at any open step. A counter-proposal is accepted by the
 * requester (the proposed date becomes the need-by) or answered with a cancel; a declined request may be
 * requested again after the requester changed it.
 */
export const MOVES: Record<DependencyAction, Move> = {
  acknowledge: { side: 'provider', from: ['requested'], to: 'acknowledged' },
  decline: { side: 'provider', from: ['requested', 'acknowledged', 'countered', 'committed'], to: 'declined' },
  counter: { side: 'provider', from: ['requested', 'acknowledged', 'committed'], to: 'countered' },
  commit: { side: 'provider', from: ['requested', 'acknowledged'], to: 'committed' },
  deliver: { side: 'provider', from: ['acknowledged', 'committed'], to: 'delivered' },
  cancel: {
    side: 'requester',
    from: ['requested', 'acknowledged', 'countered', 'committed', 'declined'],
    to: 'cancelled',
  },
  acceptCounter: { side: 'requester', from: ['countered'], to: 'committed' },
  request: { side: 'requester', from: ['declined'], to: 'requested' },
  askDelay: { side: 'requester', from: ['acknowledged', 'committed', 'countered'], to: null },
  explainDelay: { side: 'provider', from: ['acknowledged', 'committed', 'countered'], to: null },
  /** 审批: the requesting side's Accountable approves the delivery; the status stays delivered. */
  approve: { side: 'requester', from: ['delivered'], to: null },
};

/** The actions a person on `sides` may take on a dependency in `status` (what the panel offers). */
export function allowedActions(
  status: DependencyStatus,
  sides: ReadonlySet<DependencySide>,
  delay: { asked: boolean },
  approval: { pending: boolean; accountable: boolean } = { pending: false, accountable: false },
): DependencyAction[] {
  return DEPENDENCY_ACTIONS.filter((a) => {
    const m = MOVES[a];
    if (!sides.has(m.side) || !m.from.includes(status)) return false;
    if (a === 'explainDelay') return delay.asked;
    if (a === 'approve') return mayApprove(approval);
    return true;
  });
}

/** Only the requesting side's Accountable approves (RACI: the one who answers for the result), and only once. */
export function mayApprove(approval: { pending: boolean; accountable: boolean }): boolean {
  return approval.pending && approval.accountable;
}

/** A delivery waiting for its approval (delivered since issue 15, not yet approved). */
export function approvalPending(dep: Pick<DependencyRecord, 'status' | 'approvalDueAt' | 'approvedAt'>): boolean {
  return dep.status === 'delivered' && !!dep.approvalDueAt && !dep.approvedAt;
}

export function canMove(action: DependencyAction, status: DependencyStatus): boolean {
  return MOVES[action].from.includes(status);
}

/**
 * The sides a person is on: the Responsible and Accountable of the issue on that side, the department's head
 * and interface person, and (requester only) whoever created the dependency.
 */
export function sidesOf(
  accountId: string,
  dep: Pick<DependencyRecord, 'requesterContacts' | 'providerContacts' | 'createdBy'>,
  downstreamRA: readonly string[],
  upstreamRA: readonly string[],
): Set<DependencySide> {
  const sides = new Set<DependencySide>();
  if (downstreamRA.includes(accountId) || dep.requesterContacts.includes(accountId) || dep.createdBy === accountId)
    sides.add('requester');
  if (upstreamRA.includes(accountId) || dep.providerContacts.includes(accountId)) sides.add('provider');
  return sides;
}

export const DEPENDENCY_HEALTHS = ['onTrack', 'atRisk', 'overdue', 'blocked', 'done'] as const;
export type DependencyHealth = (typeof DEPENDENCY_HEALTHS)[number];
export const HEALTH_REASONS = [
  'none',
  'declined',
  'needByPassed',
  'upstreamDueAfterNeedBy',
  'upstreamPastDue',
  'counterAfterNeedBy',
  'responseLate',
  'upstreamBlocked',
  'closed',
] as const;
export type HealthReason = (typeof HEALTH_REASONS)[number];

export interface HealthInput {
  status: DependencyStatus;
  needBy: string;
  late: boolean;
  proposedDate: string;
  /** The upstream issue's due date ('' when none), live where the caller could fetch it. */
  upstreamDueDate: string;
  /** The upstream issue itself waits on an overdue or blocked dependency. */
  upstreamBlocked?: boolean;
}

/**
 * Health, worst first, with the one reason a person should act on: blocked (declined: nobody will deliver),
 * overdue (need-by passed, working days late), at risk (the upstream is due after the need-by or its own due
 * date has passed, a later date was counter-proposed, nobody answered in time, or the upstream waits on something blocked), on track.
 * `calendar` is the providing department's: the days are the ones it works (a week of 国庆 is no week late), and
 * "today" is its local date.
 */
export function dependencyHealth(
  d: HealthInput,
  now: number,
  calendar: WorkingCalendar,
): { health: DependencyHealth; reason: HealthReason; days: number } {
  if (d.status === 'delivered' || d.status === 'cancelled') return { health: 'done', reason: 'closed', days: 0 };
  if (d.status === 'declined') return { health: 'blocked', reason: 'declined', days: 0 };
  const today = calendarDate(now, calendar);
  const days = (from: string, to: string) => workingDaysBetween(dayNumberOf(from), dayNumberOf(to), calendar);
  if (d.needBy && d.needBy < today) return { health: 'overdue', reason: 'needByPassed', days: days(d.needBy, today) };
  if (d.needBy && d.upstreamDueDate && d.upstreamDueDate > d.needBy)
    return { health: 'atRisk', reason: 'upstreamDueAfterNeedBy', days: days(d.needBy, d.upstreamDueDate) };
  if (d.upstreamDueDate && d.upstreamDueDate < today)
    return { health: 'atRisk', reason: 'upstreamPastDue', days: days(d.upstreamDueDate, today) };
  if (d.status === 'countered' && d.needBy && d.proposedDate > d.needBy)
    return { health: 'atRisk', reason: 'counterAfterNeedBy', days: days(d.needBy, d.proposedDate) };
  if (d.late && d.status === 'requested') return { health: 'atRisk', reason: 'responseLate', days: 0 };
  if (d.upstreamBlocked) return { health: 'atRisk', reason: 'upstreamBlocked', days: 0 };
  return { health: 'onTrack', reason: 'none', days: 0 };
}

/**
 * A dependency's weight on the critical path: the working days the requester gave the provider, in the
 * providing department's calendar, from the day it was requested (its local date there) to the need-by date
 * (at least one: a hand-over is never free).
 */
export function leadTimeDays(d: Pick<DependencyRecord, 'createdAt' | 'needBy'>, calendar: WorkingCalendar): number {
  if (!d.needBy) return 1;
  return Math.max(
    1,
    workingDaysBetween(localDayNumber(d.createdAt, calendar.timeZone), dayNumberOf(d.needBy), calendar),
  );
}

/**
 * What a dependency's own record says about its risk, without the clock: blocked when declined; at risk when the upstream is due after
 * the need-by date, a later date was counter-proposed, or nobody answered in time. Kept as a counter in the
 * project rollup (per milestone and department pair), so it must not change unless the record does; the
 * clock-dependent health ("overdue") is judged when a page is read.
 */
export function standingState(
  d: Pick<DependencyRecord, 'status' | 'needBy' | 'upstreamDueDate' | 'proposedDate' | 'late'>,
): 'on-track' | 'at-risk' | 'blocked' {
  if (d.status === 'declined') return 'blocked';
  if (d.needBy && d.upstreamDueDate && d.upstreamDueDate > d.needBy) return 'at-risk';
  if (d.status === 'countered' && d.needBy && d.proposedDate > d.needBy) return 'at-risk';
  if (d.late && d.status === 'requested') return 'at-risk';
  return 'on-track';
}

/** Statuses that take part in the graph (cycle check, critical path): everything not ended. */
export function inGraph(status: DependencyStatus): boolean {
  return status !== 'cancelled' && status !== 'delivered';
}
