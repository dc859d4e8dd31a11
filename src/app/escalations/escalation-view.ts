import type { AuditEventView, EscalationView, IssueEscalations, Person } from '../../contract';
import { allowedActions, isEscalationOpen, NEVER, type EscalationRecord } from '../../domain/escalations/escalation';
import { holdersOf } from '../../domain/escalations/ladder';
import type { ActingContext, Deps, JiraIssue, JiraUser } from '../kernel/ports';
import { AppError } from '../kernel/errors';
import { ENTITY, INDEX } from '../kernel/storage-keys';
import { readAll } from '../kernel/paging';
import type { AuditEventRecord } from '../kernel/audit';
import { departmentRefs, type LadderContext } from './escalation-settings';
import { authorityOf, readIssueEscalations, readIssueForUser } from './escalation-records';

function person(u: JiraUser | undefined, accountId: string): Person {
  return u
    ? { accountId, displayName: u.displayName, active: u.active, ...(u.avatarUrl ? { avatarUrl: u.avatarUrl } : {}) }
    : { accountId, displayName: accountId };
}

function view(
  e: EscalationRecord,
  lc: LadderContext,
  viewer: string | null,
  people: Map<string, JiraUser>,
): EscalationView {
  const dept = e.departmentAsked ? lc.departments.get(e.departmentAsked) : undefined;
  const open = isEscalationOpen(e.status);
  return {
    id: e.id,
    version: e.version,
    status: e.status,
    level: e.level,
    summary: e.summary,
    description: e.description,
    impact: e.impact,
    supportNeeded: e.supportNeeded,
    departmentAsked: dept ? { id: dept.id, nameZh: dept.nameZh, nameEn: dept.nameEn } : null,
    requestedDeadline: e.requestedDeadline || null,
    raisedAt: new Date(e.raisedAt).toISOString(),
    raisedBy: e.raisedBy ? person(people.get(e.raisedBy), e.raisedBy) : null,
    source: e.source,
    dueAt: open && e.dueAt < NEVER ? new Date(e.dueAt).toISOString() : null,
    urgency: e.urgency ?? 'routine',
    decisionDueAt: e.decisionDueAt ? new Date(e.decisionDueAt).toISOString() : null,
    temporaryOwner: e.temporaryOwner ? person(people.get(e.temporaryOwner), e.temporaryOwner) : null,
    breached: e.breached,
    outcome: e.outcome,
    binding: e.binding,
    holders: open ? holdersOf(e, e.level, lc).map((id) => person(people.get(id), id)) : [],
    actions: viewer ? allowedActions(e, authorityOf(e, viewer, lc)) : [],
  };
}

/**
 * The panel's escalations section: every escalation of the issue, newest first, with its holders and what the
 * viewer may do, and the departments to ask. Names come from the users Jira returned with the issue (its RACI
 * and escalation fields); only people missing there cost one bulk lookup.
 */
export async function escalationsSection(
  deps: Deps,
  ctx: ActingContext,
  issue: JiraIssue,
  records: readonly EscalationRecord[],
  lc: LadderContext,
): Promise<IssueEscalations> {
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  const missing = new Set<string>();
  for (const e of records) {
    for (const id of [e.raisedBy, e.temporaryOwner, ...(isEscalationOpen(e.status) ? holdersOf(e, e.level, lc) : [])])
      if (id && !people.has(id)) missing.add(id);
  }
  if (missing.size) for (const u of await deps.jira.getUsers('user', [...missing])) people.set(u.accountId, u);
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    escalations: records.map((e) => view(e, lc, ctx.accountId, people)),
    departments: departmentRefs(lc),
    canRaise: !!ctx.accountId,
  };
}

/** The escalations section again, after a raise or an action on the issue the caller has just read. */
export async function issueEscalations(
  deps: Deps,
  ctx: ActingContext,
  issue: JiraIssue,
  lc: LadderContext,
  written?: EscalationRecord,
): Promise<IssueEscalations> {
  const records = await readIssueEscalations(deps, issue.id, written);
  return escalationsSection(deps, ctx, issue, records, lc);
}

/** The append-only record of one escalation, oldest first, with names. */
export async function getTimeline(deps: Deps, issueKey: string, id: string): Promise<{ events: AuditEventView[] }> {
  const issue = await readIssueForUser(deps, issueKey);
  const rec = await deps.store.getEntity<EscalationRecord>(ENTITY.escalation, id);
  if (!rec || rec.issueId !== issue.id) throw new AppError('NOT_FOUND', 'escalation.notFound', { id });
  const events = await readAll<AuditEventRecord>(deps, {
    entity: ENTITY.auditEvent,
    index: INDEX.auditBySubject,
    partition: [id],
    sort: 'ASC',
  });
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actorId) ids.add(e.actorId);
    if (e.kind === 'escalation.notified' && Array.isArray(e.detail.to))
      for (const to of e.detail.to as string[]) ids.add(to);
  }
  const people = new Map((ids.size ? await deps.jira.getUsers('user', [...ids]) : []).map((u) => [u.accountId, u]));
  return {
    events: events.map((e) => {
      const d = e.detail as {
        from?: number;
        to?: unknown;
        level?: number;
        text?: string;
        source?: string;
        by?: string;
      };
      const climbed = e.kind === 'escalation.climbed';
      return {
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        actor: e.actorId ? person(people.get(e.actorId), e.actorId) : null,
        ...(climbed && typeof d.from === 'number' ? { fromLevel: d.from } : {}),
        ...(climbed && typeof d.to === 'number'
          ? { toLevel: d.to }
          : !climbed && typeof d.level === 'number'
            ? { toLevel: d.level }
            : {}),
        ...(d.text ? { text: d.text } : {}),
        ...(d.source ? { source: d.source } : climbed && d.by ? { source: d.by } : {}),
        ...(e.kind === 'escalation.notified' && Array.isArray(d.to)
          ? { notified: (d.to as string[]).map((a) => person(people.get(a), a)) }
          : {}),
      };
    }),
  };
}
