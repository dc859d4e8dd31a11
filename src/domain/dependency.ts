import type { DependencyStatus } from '../contract/views';

/** A request must be answered within this many hours unless the providing department says otherwise ("需求传递后24小时内响应"). */
export const DEFAULT_RESPONSE_HOURS = 24;

/** Statuses in which the providing side still owes the requester something. */
export const OPEN_DEPENDENCY_STATUSES: readonly DependencyStatus[] = ['requested', 'acknowledged', 'countered', 'committed'];

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
  linkId: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/**
 * The response deadline of a new request. Calendar hours for now; working-time calendars per
 * department replace this in the escalation work (issue 5).
 */
export function responseDueAt(requestedAt: number, hours: number = DEFAULT_RESPONSE_HOURS): number {
  return requestedAt + hours * 3_600_000;
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
