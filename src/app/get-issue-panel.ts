import type { ActingContext, Deps, JiraIssue } from './ports';
import { ENTITY, INDEX } from './storage-keys';
import type { DependencyRecord } from '../domain/dependency';
import type { EscalationRecord } from '../domain/escalation';
import type { DependencyView, EscalationSummary, IssuePanelView, IssueRef } from '../contract';
import { readAll } from './paging';
import { readAsUser } from './visibility';
import { readPeopleIndex } from './departments';
import { raciView } from './raci-view';

export function issueRef(i: JiraIssue): IssueRef {
  return { id: i.id, key: i.key, summary: i.summary, statusName: i.statusName, statusCategory: i.statusCategory, dueDate: i.dueDate };
}

function dependencyView(d: DependencyRecord, otherId: string, others: Map<string, JiraIssue>): DependencyView {
  const other = others.get(otherId);
  return {
    id: d.id,
    status: d.status,
    deliverable: d.deliverable,
    needBy: d.needBy || null,
    responseDueAt: new Date(d.responseDueAt).toISOString(),
    late: d.late,
    other: other ? issueRef(other) : null,
    otherIssueId: otherId,
  };
}

export function escalationSummary(e: EscalationRecord): EscalationSummary {
  return {
    id: e.id,
    status: e.status,
    level: e.level,
    summary: e.summary,
    raisedAt: new Date(e.raisedAt).toISOString(),
    dueAt: new Date(Math.min(e.dueAt, 8.64e15)).toISOString(),
    source: e.source,
  };
}

/**
 * Everything the issue panel shows, in one invocation: the issue with its RACI people and the user's edit
 * right (one Jira call), the people index for their departments (one KVS read), its dependencies both ways and its escalations (three index queries), and the
 * other side of each dependency as the user may see it (one bulk fetch, only when there are any).
 */
export async function getIssuePanel(deps: Deps, ctx: ActingContext, issueKey: string): Promise<IssuePanelView> {
  const issue = await readAsUser(
    deps,
    'issue',
    () => deps.jira.getIssue('user', issueKey, { withEditMeta: true }),
    () => deps.jira.getIssue('app', issueKey),
  );
  const [upstream, downstream, escalations, peopleIndex] = await Promise.all([
    readAll<DependencyRecord>(deps, { entity: ENTITY.dependency, index: INDEX.dependencyByDownstream, partition: [issue.id] }),
    readAll<DependencyRecord>(deps, { entity: ENTITY.dependency, index: INDEX.dependencyByUpstream, partition: [issue.id] }),
    readAll<EscalationRecord>(deps, { entity: ENTITY.escalation, index: INDEX.escalationByIssue, partition: [issue.id], sort: 'DESC' }),
    readPeopleIndex(deps),
  ]);
  const otherIds = [...upstream.map((d) => d.upstreamIssueId), ...downstream.map((d) => d.downstreamIssueId)];
  const others = new Map((await deps.jira.bulkFetchIssues('user', [...new Set(otherIds)])).map((i) => [i.id, i]));
  const people = new Map(issue.people.map((u) => [u.accountId, u]));
  return {
    asOf: new Date(deps.clock.now()).toISOString(),
    issue: { ...issueRef(issue), projectKey: issue.projectKey },
    raci: raciView(issue.raci, issue.raciDepartments, people, peopleIndex),
    dependencies: {
      upstream: upstream.map((d) => dependencyView(d, d.upstreamIssueId, others)),
      downstream: downstream.map((d) => dependencyView(d, d.downstreamIssueId, others)),
    },
    escalations: escalations.map(escalationSummary),
    viewer: { accountId: ctx.accountId ?? '', canEdit: issue.editable ?? false },
  };
}
