import type { AgendaItem } from '../../contract/project';
import { HIGH_RISK_SCORE } from './risks';

/** The last instant a Date can hold; an escalation breached at the top level is due "never", beyond it. */
const LAST_INSTANT = 8.64e15;

/** A risk raised within this many days is new on the weekly agenda. */
export const NEW_RISK_DAYS = 7;

export interface AgendaSources {
  today: string;
  now: number;
  dependencies: ReadonlyArray<{
    id: string;
    status: string;
    open: boolean;
    late: boolean;
    /** Unanswered past this instant is late, whether or not the hourly sweep has flagged it yet. */
    responseDueAt: number;
    needBy: string;
    deliverable: string;
    downstreamIssueId: string;
    upstreamIssueId: string;
    /** Who acts for the providing side: the upstream work item's Responsible, else its Accountable, else the department's interface person. */
    providerOwnerAccountId: string | null;
  }>;
  escalations: ReadonlyArray<{
    id: string;
    open: boolean;
    summary: string;
    issueKey: string;
    raisedBy: string;
    dueAt: number;
    level: number;
  }>;
  risks: ReadonlyArray<{
    id: string;
    open: boolean;
    title: string;
    score: number;
    createdAt: number;
    ownerAccountId: string;
    reviewDate: string;
  }>;
  /** Open work items of the project with a due date (the caller asks Jira for those past it). */
  issues: ReadonlyArray<{
    id: string;
    summary: string;
    dueDate: string;
    ownerAccountId: string | null;
  }>;
  actions: ReadonlyArray<{
    id: string;
    open: boolean;
    title: string;
    dueDate: string;
    ownerAccountId: string;
    issueKey: string | null;
  }>;
}

export type AgendaDraft = Omit<AgendaItem, 'owner' | 'issueKey' | 'waitsFor'> & {
  ownerAccountId: string | null;
  issueKey: string | null;
  issueId?: string;
  /** A dependency's upstream work item, shown as "waits for" when the viewer may see it. */
  waitsForIssueId?: string;
};

/**
 * The weekly cross-department sync's agenda (问题清单): blocked or late dependencies, open escalations, overdue
 * work items, new or high risks and overdue action items, most pressing kind first, each kind oldest first. A
 * dependency line names who must act (the providing side's owner) and what the waiting item waits for.
 */
export function agendaOf(s: AgendaSources): AgendaDraft[] {
  const out: AgendaDraft[] = [];
  for (const d of s.dependencies) {
    if (!d.open) continue;
    // Declined: the provider will not deliver, so the waiting issue is stuck until someone decides (health 'blocked').
    const blocked = d.status === 'declined';
    const unanswered = d.status === 'requested' && d.responseDueAt < s.now;
    const late = d.late || unanswered || (d.needBy !== '' && d.needBy < s.today);
    if (!blocked && !late) continue;
    out.push({
      kind: 'dependency',
      reason: blocked ? 'blocked' : 'late',
      id: d.id,
      title: d.deliverable,
      issueKey: null,
      issueId: d.downstreamIssueId,
      waitsForIssueId: d.upstreamIssueId,
      ownerAccountId: d.providerOwnerAccountId,
      due: d.needBy || null,
    });
  }
  for (const e of s.escalations) {
    if (!e.open) continue;
    out.push({
      kind: 'escalation',
      reason: 'open',
      id: e.id,
      title: e.summary,
      issueKey: e.issueKey,
      ownerAccountId: e.raisedBy,
      // Breached at the top level there is no next deadline (NEVER): no date rather than an invalid one.
      due: e.dueAt > LAST_INSTANT ? null : new Date(e.dueAt).toISOString(),
    });
  }
  for (const i of s.issues) {
    if (!i.dueDate || i.dueDate >= s.today) continue;
    out.push({
      kind: 'issue',
      reason: 'overdue',
      id: i.id,
      title: i.summary,
      issueKey: null,
      issueId: i.id,
      ownerAccountId: i.ownerAccountId,
      due: i.dueDate,
    });
  }
  for (const r of s.risks) {
    if (!r.open) continue;
    const high = r.score >= HIGH_RISK_SCORE;
    const fresh = s.now - r.createdAt <= NEW_RISK_DAYS * 86_400_000;
    if (!high && !fresh) continue;
    out.push({
      kind: 'risk',
      reason: high ? 'highRisk' : 'newRisk',
      id: r.id,
      title: r.title,
      issueKey: null,
      ownerAccountId: r.ownerAccountId,
      due: r.reviewDate,
    });
  }
  for (const a of s.actions) {
    if (!a.open || a.dueDate >= s.today) continue;
    out.push({
      kind: 'action',
      reason: 'overdue',
      id: a.id,
      title: a.title,
      issueKey: a.issueKey,
      ownerAccountId: a.ownerAccountId,
      due: a.dueDate,
    });
  }
  const rank = { dependency: 0, escalation: 1, issue: 2, risk: 3, action: 4 } as const;
  // Within a kind, the earliest date first; items without a date last.
  const when = (d: AgendaDraft) => d.due ?? '\uffff';
  return out.sort((a, b) => rank[a.kind] - rank[b.kind] || when(a).localeCompare(when(b)));
}
