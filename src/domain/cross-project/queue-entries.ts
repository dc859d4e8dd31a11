import type { DependencyRecord } from '../dependencies/dependency';
import type { EscalationRecord } from '../escalations/escalation';
import { isEscalationOpen, NEVER } from '../escalations/escalation';

/**
 * The collaboration queue (我的协作待办): what a person or a department has to answer, across projects. Each
 * entry is written by the same transaction as the record it stands for, so the queue is read with one index
 * query per owner instead of one per project.
 */

/** Whose queue an entry is in: a person (`u:`) or a department (`d:`). */
export type QueueOwner = `u:${string}` | `d:${string}`;
export const personOwner = (accountId: string): QueueOwner => `u:${accountId}`;
export const departmentOwner = (departmentId: string): QueueOwner => `d:${departmentId}`;

export type QueueKind = 'response' | 'owed' | 'counter' | 'escalation';

/** What the list shows of an item without reading the record again. */
export interface QueueEntry {
  owner: QueueOwner;
  /** Most urgent first: the instant the item falls due, zero-padded so the index sorts it as text. */
  rank: string;
  kind: QueueKind;
  subjectId: string;
  /** The work item to act on and open, and its project (whose browse permission decides visibility). */
  issueKey: string;
  projectKey: string;
  /** The other side's work item and project ('' when none). */
  otherKey: string;
  otherProjectKey: string;
  title: string;
  /** Response deadline or escalation limit (epoch ms), or 0 when the item has a date instead (`dueDate`). */
  dueAt: number;
  dueDate: string;
  status: string;
  level: number;
  /** The department that answers (dependencies) or is asked (escalations). */
  departmentId: string;
  version: number;
}

const pad = (n: number) => String(Math.max(0, Math.min(n, 9e14))).padStart(15, '0');
const dateRank = (date: string) => (date ? pad(Date.parse(`${date}T00:00:00Z`)) : pad(9e14));

/** A dependency's entry: whose move it is now, or null when nobody owes anything on it. */
export function dependencyQueueEntry(dep: DependencyRecord): QueueEntry | null {
  const base = {
    subjectId: dep.id,
    title: dep.deliverable.slice(0, 120),
    status: dep.status,
    level: 0,
    version: dep.version,
  };
  const providerSide = {
    issueKey: dep.upstreamKey,
    projectKey: dep.upstreamProjectKey,
    otherKey: dep.downstreamKey,
    otherProjectKey: dep.downstreamProjectKey,
    departmentId: dep.providingDept,
  };
  if (!dep.providingDept && dep.status !== 'countered') return null;
  switch (dep.status) {
    case 'requested':
      return {
        ...base,
        ...providerSide,
        owner: departmentOwner(dep.providingDept),
        kind: 'response',
        rank: pad(dep.responseDueAt),
        dueAt: dep.responseDueAt,
        dueDate: dep.needBy,
      };
    case 'acknowledged':
    case 'committed':
      return {
        ...base,
        ...providerSide,
        owner: departmentOwner(dep.providingDept),
        kind: 'owed',
        rank: dateRank(dep.needBy),
        dueAt: 0,
        dueDate: dep.needBy,
      };
    case 'countered':
      // The requester decides on the counter-proposal: it waits on the requesting department.
      if (!dep.requestingDept) return null;
      return {
        ...base,
        owner: departmentOwner(dep.requestingDept),
        kind: 'counter',
        issueKey: dep.downstreamKey,
        projectKey: dep.downstreamProjectKey,
        otherKey: dep.upstreamKey,
        otherProjectKey: dep.upstreamProjectKey,
        departmentId: dep.requestingDept,
        rank: dateRank(dep.proposedDate),
        dueAt: 0,
        dueDate: dep.proposedDate,
      };
    default:
      return null;
  }
}

/** An open escalation's entries: one per person holding its current level; none once it is closed. */
export function escalationQueueEntries(rec: EscalationRecord, holders: readonly string[]): QueueEntry[] {
  if (!isEscalationOpen(rec.status)) return [];
  return [...new Set(holders)].map((accountId) => ({
    owner: personOwner(accountId),
    // A breach at the top has no deadline left (NEVER): it is the worst there is, so it ranks first.
    rank: pad(rec.dueAt >= NEVER ? 0 : rec.dueAt),
    kind: 'escalation' as const,
    subjectId: rec.id,
    issueKey: rec.issueKey,
    projectKey: rec.projectKey,
    otherKey: '',
    otherProjectKey: '',
    title: (rec.summary || rec.description).slice(0, 120),
    dueAt: rec.dueAt,
    dueDate: '',
    status: rec.status,
    level: rec.level,
    departmentId: rec.departmentAsked,
    version: rec.version,
  }));
}
